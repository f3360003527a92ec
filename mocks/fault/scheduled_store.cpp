#include "mocks/fault/scheduled_store.hpp"

#include <string>

namespace rm {

ScheduledStore::ScheduledStore(std::shared_ptr<Store> inner, std::shared_ptr<Scheduler> scheduler)
    : StoreWrapper(std::move(inner)), scheduler_(std::move(scheduler)) {}

template <class Call>
auto ScheduledStore::around(const char* operation, Call&& call) {
  // Outside an exploration run (every production call) no name is built.
  if (!scheduler_->is_actor_thread()) return call();
  scheduler_->reach(std::string("before store.") + operation, store_operation_access(operation));
  auto result = call();
  scheduler_->reach(std::string("after store.") + operation);
  return result;
}

Document ScheduledStore::create_resume(const NewResume& resume, MasterPolicy policy) {
  return around("create_resume", [&] { return StoreWrapper::create_resume(resume, policy); });
}

std::optional<Document> ScheduledStore::get_resume(const std::string& resume_id) {
  return around("get_resume", [&] { return StoreWrapper::get_resume(resume_id); });
}

std::vector<Document> ScheduledStore::list_resumes() {
  return around("list_resumes", [&] { return StoreWrapper::list_resumes(); });
}

std::vector<Document> ScheduledStore::list_resume_summaries() {
  return around("list_resume_summaries", [&] { return StoreWrapper::list_resume_summaries(); });
}

// The same point as list_resume_summaries: it is the same read.
SharedSummaries ScheduledStore::shared_resume_summaries() {
  return around("list_resume_summaries", [&] { return StoreWrapper::shared_resume_summaries(); });
}

std::optional<Document> ScheduledStore::update_resume(const std::string& resume_id,
                                                      const Json& patch) {
  return around("update_resume", [&] { return StoreWrapper::update_resume(resume_id, patch); });
}

bool ScheduledStore::delete_resume(const std::string& resume_id) {
  return around("delete_resume", [&] { return StoreWrapper::delete_resume(resume_id); });
}

std::optional<Document> ScheduledStore::get_master_resume() {
  return around("get_master_resume", [&] { return StoreWrapper::get_master_resume(); });
}

bool ScheduledStore::set_master(const std::string& resume_id) {
  return around("set_master", [&] { return StoreWrapper::set_master(resume_id); });
}

Document ScheduledStore::create_job(const NewJob& job) {
  return around("create_job", [&] { return StoreWrapper::create_job(job); });
}

std::optional<Document> ScheduledStore::get_job(const std::string& job_id) {
  return around("get_job", [&] { return StoreWrapper::get_job(job_id); });
}

std::optional<Document> ScheduledStore::update_job(const std::string& job_id, const Json& patch) {
  return around("update_job", [&] { return StoreWrapper::update_job(job_id, patch); });
}

bool ScheduledStore::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                      const std::string& hash) {
  return around("set_preview_hash",
                [&] { return StoreWrapper::set_preview_hash(job_id, prompt_id, hash); });
}

Document ScheduledStore::create_improvement(const NewImprovement& improvement) {
  return around("create_improvement",
                [&] { return StoreWrapper::create_improvement(improvement); });
}

std::optional<Document> ScheduledStore::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) {
  return around("get_improvement_by_tailored_resume", [&] {
    return StoreWrapper::get_improvement_by_tailored_resume(tailored_resume_id);
  });
}

}  // namespace rm
