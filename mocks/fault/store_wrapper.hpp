#pragma once
// A Store that forwards every call to another (LevelDB's EnvWrapper pattern):
// a decorator derives from it and overrides only what it changes.
#include <memory>
#include <utility>

#include "reference/ports/store.hpp"

namespace rm {

class StoreWrapper : public Store {
 public:
  explicit StoreWrapper(std::shared_ptr<Store> target) : target_(std::move(target)) {}
  Store& target() const { return *target_; }

  Document create_resume(const NewResume& resume, MasterPolicy policy) override {
    return target_->create_resume(resume, policy);
  }
  std::optional<Document> get_resume(const std::string& resume_id) override {
    return target_->get_resume(resume_id);
  }
  std::vector<Document> list_resumes() override { return target_->list_resumes(); }
  std::vector<Document> list_resume_summaries() override {
    return target_->list_resume_summaries();
  }
  SharedSummaries shared_resume_summaries() override { return target_->shared_resume_summaries(); }
  std::optional<Document> update_resume(const std::string& resume_id, const Json& patch) override {
    return target_->update_resume(resume_id, patch);
  }
  bool delete_resume(const std::string& resume_id) override {
    return target_->delete_resume(resume_id);
  }
  std::optional<Document> get_master_resume() override { return target_->get_master_resume(); }
  bool set_master(const std::string& resume_id) override { return target_->set_master(resume_id); }
  Document create_job(const NewJob& job) override { return target_->create_job(job); }
  std::optional<Document> get_job(const std::string& job_id) override {
    return target_->get_job(job_id);
  }
  std::optional<Document> update_job(const std::string& job_id, const Json& patch) override {
    return target_->update_job(job_id, patch);
  }
  bool set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                        const std::string& hash) override {
    return target_->set_preview_hash(job_id, prompt_id, hash);
  }
  Document create_improvement(const NewImprovement& improvement) override {
    return target_->create_improvement(improvement);
  }
  std::optional<Document> get_improvement_by_tailored_resume(
      const std::string& tailored_resume_id) override {
    return target_->get_improvement_by_tailored_resume(tailored_resume_id);
  }
  StoreStats stats() override { return target_->stats(); }
  Json export_tables() override { return target_->export_tables(); }
  void clear() override { target_->clear(); }

 private:
  std::shared_ptr<Store> target_;
};

}  // namespace rm
