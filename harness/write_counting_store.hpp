#pragma once
// A Store decorator that counts the calls that may change what is stored. The
// fuzz targets read it to skip re-checking the section 3 store invariants after
// an input that wrote nothing: the tables are then those already checked.
// Counting calls, not effects, errs on the side of checking again.
#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "mocks/fault/store_wrapper.hpp"

namespace rm::harness {

class WriteCountingStore : public StoreWrapper {
 public:
  WriteCountingStore(std::shared_ptr<Store> target,
                     std::shared_ptr<std::atomic<std::uint64_t>> writes)
      : StoreWrapper(std::move(target)), writes_(std::move(writes)) {}

  Document create_resume(const NewResume& resume, MasterPolicy policy) override {
    count();
    return StoreWrapper::create_resume(resume, policy);
  }
  std::optional<Document> update_resume(const std::string& resume_id, const Json& patch) override {
    count();
    return StoreWrapper::update_resume(resume_id, patch);
  }
  bool delete_resume(const std::string& resume_id) override {
    count();
    return StoreWrapper::delete_resume(resume_id);
  }
  bool set_master(const std::string& resume_id) override {
    count();
    return StoreWrapper::set_master(resume_id);
  }
  Document create_job(const NewJob& job) override {
    count();
    return StoreWrapper::create_job(job);
  }
  std::optional<Document> update_job(const std::string& job_id, const Json& patch) override {
    count();
    return StoreWrapper::update_job(job_id, patch);
  }
  bool set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                        const std::string& hash) override {
    count();
    return StoreWrapper::set_preview_hash(job_id, prompt_id, hash);
  }
  Document create_improvement(const NewImprovement& improvement) override {
    count();
    return StoreWrapper::create_improvement(improvement);
  }
  void clear() override {
    count();
    StoreWrapper::clear();
  }

 private:
  void count() { writes_->fetch_add(1, std::memory_order_relaxed); }
  std::shared_ptr<std::atomic<std::uint64_t>> writes_;
};

}  // namespace rm::harness
