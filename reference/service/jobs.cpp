// POST /jobs/upload and GET /jobs/{job_id}.
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

Outcome<Json> ResumeService::upload_jobs(const JobUploadRequest& request) {
  if (request.job_descriptions.empty()) return bad_request("No job descriptions provided");
  // Every description is checked before any is stored, so a 400 stores nothing.
  for (const std::string& description : request.job_descriptions) {
    if (trimmed(description).empty()) return bad_request("Empty job description");
  }
  return guarded<Json>("upload jobs", [&]() -> Outcome<Json> {
    Json job_ids = Json::array();
    for (const std::string& description : request.job_descriptions) {
      NewJob job;
      job.content = trimmed(description);
      job.resume_id = request.resume_id;
      job_ids.push_back(field_or(ports_.store->create_job(job), "job_id", nullptr));
    }
    return Json{
        {"message", "data successfully processed"},
        {"job_id", job_ids},
        {"request",
         {{"job_descriptions", request.job_descriptions},
          {"resume_id", request.resume_id ? Json(*request.resume_id) : Json(nullptr)}}},
    };
  });
}

Outcome<Json> ResumeService::get_job(const std::string& job_id) {
  return guarded<Json>("get job", [&]() -> Outcome<Json> {
    auto job = ports_.store->get_job(job_id);
    if (!job) return not_found("Job not found");
    return std::move(*job);
  });
}

}  // namespace rm
