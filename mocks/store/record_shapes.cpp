#include "mocks/store/record_shapes.hpp"

#include <utility>

namespace rm {
namespace {

Json optional_string(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

Document resume_record(const NewResume& resume, std::string resume_id, bool is_master,
                       const std::string& now) {
  return Document{
      {"resume_id", std::move(resume_id)},
      {"content", resume.content},
      {"content_type", resume.content_type},
      {"filename", resume.filename},
      {"is_master", is_master},
      {"parent_id", optional_string(resume.parent_id)},
      {"processed_data", resume.processed_data},
      {"processing_status", resume.processing_status},
      {"cover_letter", optional_string(resume.cover_letter)},
      {"outreach_message", optional_string(resume.outreach_message)},
      {"created_at", now},
      {"updated_at", now},
  };
}

Document job_record(const NewJob& job, std::string job_id, const std::string& now) {
  return Document{
      {"job_id", std::move(job_id)},
      {"content", job.content},
      {"resume_id", optional_string(job.resume_id)},
      {"created_at", now},
  };
}

Document improvement_record(const NewImprovement& improvement, std::string request_id,
                            const std::string& now) {
  return Document{
      {"request_id", std::move(request_id)},
      {"original_resume_id", improvement.original_resume_id},
      {"tailored_resume_id", improvement.tailored_resume_id},
      {"job_id", improvement.job_id},
      {"improvements", improvement.improvements},
      {"created_at", now},
  };
}

}  // namespace rm
