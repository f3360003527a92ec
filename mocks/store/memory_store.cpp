#include "mocks/store/memory_store.hpp"

#include <mutex>

#include "mocks/store/tinydb_tables.hpp"

namespace rm {

// One lock around every operation makes each one atomic (e.g. kMasterIfNone's
// check and insert, set_preview_hash's read-modify-write).
struct MemoryStore::State {
  explicit State(const Json& tables) : tables(tables) {}
  std::mutex mutex;
  TinyDbTables tables;
};

MemoryStore::MemoryStore() : state_(std::make_unique<State>(Json::object())) {}

MemoryStore::MemoryStore(const Json& tables) : state_(std::make_unique<State>(tables)) {}

MemoryStore::~MemoryStore() = default;

Document MemoryStore::create_resume(const NewResume& resume, MasterPolicy policy) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.create_resume(resume, policy);
}

std::optional<Document> MemoryStore::get_resume(const std::string& resume_id) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.get_resume(resume_id);
}

std::vector<Document> MemoryStore::list_resumes() {
  std::lock_guard lock(state_->mutex);
  return state_->tables.list_resumes();
}

std::vector<Document> MemoryStore::list_resume_summaries() {
  std::lock_guard lock(state_->mutex);
  return state_->tables.list_resume_summaries();
}

std::optional<Document> MemoryStore::update_resume(const std::string& resume_id,
                                                   const Json& patch) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.update_resume(resume_id, patch);
}

bool MemoryStore::delete_resume(const std::string& resume_id) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.delete_resume(resume_id);
}

std::optional<Document> MemoryStore::get_master_resume() {
  std::lock_guard lock(state_->mutex);
  return state_->tables.get_master_resume();
}

bool MemoryStore::set_master(const std::string& resume_id) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.set_master(resume_id);
}

Document MemoryStore::create_job(const NewJob& job) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.create_job(job);
}

std::optional<Document> MemoryStore::get_job(const std::string& job_id) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.get_job(job_id);
}

std::optional<Document> MemoryStore::update_job(const std::string& job_id, const Json& patch) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.update_job(job_id, patch);
}

bool MemoryStore::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                   const std::string& hash) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.set_preview_hash(job_id, prompt_id, hash);
}

Document MemoryStore::create_improvement(const NewImprovement& improvement) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.create_improvement(improvement);
}

std::optional<Document> MemoryStore::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) {
  std::lock_guard lock(state_->mutex);
  return state_->tables.get_improvement_by_tailored_resume(tailored_resume_id);
}

StoreStats MemoryStore::stats() {
  std::lock_guard lock(state_->mutex);
  return state_->tables.stats();
}

Json MemoryStore::export_tables() {
  std::lock_guard lock(state_->mutex);
  return state_->tables.export_tables();
}

void MemoryStore::clear() {
  std::lock_guard lock(state_->mutex);
  state_->tables.clear();
}

}  // namespace rm
