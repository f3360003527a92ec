#include "mocks/store/memory_store.hpp"

#include <mutex>
#include <vector>

#include "mocks/store/tinydb_tables.hpp"

namespace rm {

// One lock around every operation makes each one atomic (e.g. kMasterIfNone's
// check and insert, set_preview_hash's read-modify-write).
struct MemoryStore::State {
  explicit State(const Json& tables) : tables(tables) {}
  // The lock for `operation`, after telling the observer (if any) that it is taken.
  std::unique_lock<std::mutex> lock(std::string_view operation) {
    if (observer) observer->before_lock(operation);
    return std::unique_lock(mutex);
  }
  std::mutex mutex;
  TinyDbTables tables;
  std::shared_ptr<LockObserver> observer;
  // Set by mark(): the records changed since, as they were (the tables' log).
  std::unique_ptr<std::vector<TinyDbTables::Change>> since_mark;
};

MemoryStore::MemoryStore() : state_(std::make_unique<State>(Json::object())) {}

MemoryStore::MemoryStore(const Json& tables) : state_(std::make_unique<State>(tables)) {}

MemoryStore::~MemoryStore() = default;

void MemoryStore::observe_locks(std::shared_ptr<LockObserver> observer) {
  state_->observer = std::move(observer);
}

Document MemoryStore::create_resume(const NewResume& resume, MasterPolicy policy) {
  const auto lock = state_->lock("create_resume");
  return state_->tables.create_resume(resume, policy);
}

std::optional<Document> MemoryStore::get_resume(const std::string& resume_id) {
  const auto lock = state_->lock("get_resume");
  return state_->tables.get_resume(resume_id);
}

std::vector<Document> MemoryStore::list_resumes() {
  const auto lock = state_->lock("list_resumes");
  return state_->tables.list_resumes();
}

std::vector<Document> MemoryStore::list_resume_summaries() {
  const auto lock = state_->lock("list_resume_summaries");
  return state_->tables.list_resume_summaries();
}

SharedSummaries MemoryStore::shared_resume_summaries() {
  const auto lock = state_->lock("list_resume_summaries");  // the same read, the same point
  return state_->tables.shared_resume_summaries();
}

std::optional<Document> MemoryStore::update_resume(const std::string& resume_id,
                                                   const Json& patch) {
  const auto lock = state_->lock("update_resume");
  return state_->tables.update_resume(resume_id, patch);
}

bool MemoryStore::delete_resume(const std::string& resume_id) {
  const auto lock = state_->lock("delete_resume");
  return state_->tables.delete_resume(resume_id);
}

std::optional<Document> MemoryStore::get_master_resume() {
  const auto lock = state_->lock("get_master_resume");
  return state_->tables.get_master_resume();
}

bool MemoryStore::set_master(const std::string& resume_id) {
  const auto lock = state_->lock("set_master");
  return state_->tables.set_master(resume_id);
}

Document MemoryStore::create_job(const NewJob& job) {
  const auto lock = state_->lock("create_job");
  return state_->tables.create_job(job);
}

std::optional<Document> MemoryStore::get_job(const std::string& job_id) {
  const auto lock = state_->lock("get_job");
  return state_->tables.get_job(job_id);
}

std::optional<Document> MemoryStore::update_job(const std::string& job_id, const Json& patch) {
  const auto lock = state_->lock("update_job");
  return state_->tables.update_job(job_id, patch);
}

bool MemoryStore::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                   const std::string& hash) {
  const auto lock = state_->lock("set_preview_hash");
  return state_->tables.set_preview_hash(job_id, prompt_id, hash);
}

Document MemoryStore::create_improvement(const NewImprovement& improvement) {
  const auto lock = state_->lock("create_improvement");
  return state_->tables.create_improvement(improvement);
}

std::optional<Document> MemoryStore::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) {
  const auto lock = state_->lock("get_improvement_by_tailored_resume");
  return state_->tables.get_improvement_by_tailored_resume(tailored_resume_id);
}

StoreStats MemoryStore::stats() {
  const auto lock = state_->lock("stats");
  return state_->tables.stats();
}

Json MemoryStore::export_tables() {
  const auto lock = state_->lock("export_tables");
  return state_->tables.export_tables();
}

void MemoryStore::clear() {
  const auto lock = state_->lock("clear");
  // clear() is not logged, so no rollback could undo it.
  state_->tables.set_change_log(nullptr);
  state_->since_mark.reset();
  state_->tables.clear();
}

void MemoryStore::mark() {
  const auto lock = state_->lock("mark");
  state_->since_mark = std::make_unique<std::vector<TinyDbTables::Change>>();
  state_->tables.set_change_log(state_->since_mark.get());
}

void MemoryStore::read_tables(const std::function<void(const Json&)>& read) {
  const auto lock = state_->lock("read_tables");
  read(state_->tables.tables());
}

bool MemoryStore::rollback() {
  const auto lock = state_->lock("rollback");
  if (!state_->since_mark) return false;
  state_->tables.set_change_log(nullptr);  // the undo is not itself logged
  state_->tables.undo(*state_->since_mark);
  state_->since_mark->clear();
  state_->tables.set_change_log(state_->since_mark.get());
  return true;
}

}  // namespace rm
