// POST /resumes/{id}/generate-cover-letter, /generate-outreach, and
// GET /resumes/{id}/job-description: the endpoints that need a tailored resume's job.
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

// API-012: a master resume and a tailored resume whose improvement record is
// gone are told apart, and the second is logged with the resume id.
Outcome<Document> ResumeService::job_context(const Document& resume, const std::string& resume_id,
                                             const std::string& what) const {
  const bool tailored = truthy(field_or(resume, "parent_id", nullptr));
  const bool audited = defects_.on(Issue::kApi012);
  if (!tailored && !audited) {
    return bad_request("Resume " + resume_id + " is not a tailored resume: " + what +
                       " is only available for tailored resumes. Please tailor this resume to a "
                       "job description first.");
  }
  const auto improvement = ports_.store->get_improvement_by_tailored_resume(resume_id);
  if (!improvement) {
    if (audited) {
      // Audited: the one generic message, for masters and lost records alike.
      return bad_request(
          "No job context found for this resume. The resume may have been created before job "
          "tracking was implemented.");
    }
    log_warning("no improvement record for tailored resume " + resume_id + " (parent " +
                string_field(resume, "parent_id") + ")");
    return bad_request("Job context not found for tailored resume " + resume_id +
                       ": the improvement record may have been deleted.");
  }
  auto job = ports_.store->get_job(string_field(*improvement, "job_id"));
  if (!job) return not_found("The associated job description was not found.");
  return std::move(*job);
}

Outcome<Json> ResumeService::generate_message(const std::string& resume_id, bool cover_letter) {
  const ServiceSettings settings = read_settings(load_settings());
  const std::string what = cover_letter ? "Cover letter" : "Outreach message";
  return guarded<Json>("generate message", [&]() -> Outcome<Json> {
    const auto resume = ports_.store->get_resume(resume_id);
    if (!resume) return not_found("Resume not found");
    auto job =
        job_context(*resume, resume_id, cover_letter ? "a cover letter" : "an outreach message");
    if (!job) return job.failure();
    const Json data = field_or(*resume, "processed_data", nullptr);
    if (!truthy(data)) {
      return bad_request("Resume has no processed data. Please re-upload the resume.");
    }

    MessageInput input;
    input.resume = data;
    input.job_description = string_field(job.value(), "content");
    input.language = settings.content_language;
    std::string content;
    try {
      content =
          trimmed(cover_letter ? ports_.llm->cover_letter(input) : ports_.llm->outreach(input));
    } catch (const std::exception& e) {
      log_error(what + " generation failed: " + e.what());
      return internal_error("Failed to generate " +
                            std::string(cover_letter ? "cover letter" : "outreach message") +
                            ". Please try again.");
    }

    const auto updated = ports_.store->update_resume(
        resume_id, {{cover_letter ? "cover_letter" : "outreach_message", content}});
    if (auto gone = resume_gone(updated, resume_id)) return *gone;
    return Json{{"content", content}, {"message", what + " generated successfully"}};
  });
}

Outcome<Json> ResumeService::generate_cover_letter(const std::string& resume_id) {
  return generate_message(resume_id, /*cover_letter=*/true);
}

Outcome<Json> ResumeService::generate_outreach(const std::string& resume_id) {
  return generate_message(resume_id, /*cover_letter=*/false);
}

Outcome<Json> ResumeService::job_description(const std::string& resume_id) {
  return guarded<Json>("job description", [&]() -> Outcome<Json> {
    const auto resume = ports_.store->get_resume(resume_id);
    if (!resume) return not_found("Resume not found");
    auto job = job_context(*resume, resume_id, "the job description");
    if (!job) return job.failure();
    return Json{{"job_id", field_or(job.value(), "job_id", nullptr)},
                {"content", field_or(job.value(), "content", "")}};
  });
}

}  // namespace rm
