#include "mocks/store/record_shapes.hpp"

#include <utility>

namespace rm {
namespace {

Json optional_string(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Fields are added one by one: a braced list first builds a two-element array
// per field and then the object from those, which made a record several times
// dearer to create (most of a large jobs upload's allocations).
class Record {
 public:
  Record& add(const char* key, Json value) {
    document_.get_ref<Json::object_t&>().emplace(key, std::move(value));
    return *this;
  }
  Document done() { return std::move(document_); }

 private:
  Document document_ = Json::object();
};

}  // namespace

Document resume_record(const NewResume& resume, std::string resume_id, bool is_master,
                       const std::string& now) {
  return Record()
      .add("resume_id", std::move(resume_id))
      .add("content", resume.content)
      .add("content_type", resume.content_type)
      .add("filename", resume.filename)
      .add("is_master", is_master)
      .add("parent_id", optional_string(resume.parent_id))
      .add("processed_data", resume.processed_data)
      .add("processing_status", resume.processing_status)
      .add("cover_letter", optional_string(resume.cover_letter))
      .add("outreach_message", optional_string(resume.outreach_message))
      .add("created_at", now)
      .add("updated_at", now)
      .done();
}

Document job_record(const NewJob& job, std::string job_id, const std::string& now) {
  return Record()
      .add("job_id", std::move(job_id))
      .add("content", job.content)
      .add("resume_id", optional_string(job.resume_id))
      .add("created_at", now)
      .done();
}

Document improvement_record(const NewImprovement& improvement, std::string request_id,
                            const std::string& now) {
  return Record()
      .add("request_id", std::move(request_id))
      .add("original_resume_id", improvement.original_resume_id)
      .add("tailored_resume_id", improvement.tailored_resume_id)
      .add("job_id", improvement.job_id)
      .add("improvements", improvement.improvements)
      .add("created_at", now)
      .done();
}

}  // namespace rm
