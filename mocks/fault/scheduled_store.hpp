#pragma once
// A Store decorator that puts a schedule point on both sides of every operation:
// "before store.<op>" (carrying the tables the operation touches) and
// "after store.<op>" (once it returned; skipped when it threw). Outside an
// exploration run every point passes at once, so it can stay in the stack.
#include <memory>

#include "mocks/fault/scheduler.hpp"
#include "mocks/fault/store_wrapper.hpp"

namespace rm {

class ScheduledStore : public StoreWrapper {
 public:
  ScheduledStore(std::shared_ptr<Store> inner, std::shared_ptr<Scheduler> scheduler);

  Document create_resume(const NewResume& resume, MasterPolicy policy) override;
  std::optional<Document> get_resume(const std::string& resume_id) override;
  std::vector<Document> list_resumes() override;
  std::vector<Document> list_resume_summaries() override;
  SharedSummaries shared_resume_summaries() override;
  std::optional<Document> update_resume(const std::string& resume_id, const Json& patch) override;
  bool delete_resume(const std::string& resume_id) override;
  std::optional<Document> get_master_resume() override;
  bool set_master(const std::string& resume_id) override;
  Document create_job(const NewJob& job) override;
  std::optional<Document> get_job(const std::string& job_id) override;
  std::optional<Document> update_job(const std::string& job_id, const Json& patch) override;
  bool set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                        const std::string& hash) override;
  Document create_improvement(const NewImprovement& improvement) override;
  std::optional<Document> get_improvement_by_tailored_resume(
      const std::string& tailored_resume_id) override;

 private:
  template <class Call>
  auto around(const char* operation, Call&& call);

  std::shared_ptr<Scheduler> scheduler_;
};

}  // namespace rm
