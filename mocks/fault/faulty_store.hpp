#pragma once
// A Store decorator that applies the injector's store rules: fail, match_nothing,
// drop_write, stale_read, legacy_record, delay, gate. Every other call reaches the wrapped store
// unchanged, so the service cannot tell it is wrapped.
//
// For stale_read it remembers, per record, the version from before the last write
// that went through it (taken by reading the record just before writing it; with
// two concurrent writers to one record the remembered version is best-effort).
// It keeps the versions of the `remembered_records` most recently written records
// only: an older record reads as it is now (a deleted one as absent), so a
// long-running server that creates and deletes records holds bounded memory.
#include <cstddef>
#include <memory>

#include "mocks/fault/fault_injector.hpp"
#include "mocks/fault/store_wrapper.hpp"

namespace rm {

class FaultyStore : public StoreWrapper {
 public:
  static constexpr std::size_t kRememberedRecords = 1024;

  FaultyStore(std::shared_ptr<Store> inner, std::shared_ptr<FaultInjector> injector,
              std::size_t remembered_records = kRememberedRecords);
  ~FaultyStore() override;

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
  StoreStats stats() override;
  Json export_tables() override;
  void clear() override;

  FaultInjector& injector() const { return *injector_; }
  // Forgets every version remembered for stale_read: until a record is written
  // again, a stale read of it reads the current one (a fuzzer's fresh start).
  void forget_history();

 private:
  class History;
  std::optional<FaultAction> fault(const char* operation, const FaultArgs& args = {});
  std::vector<Document> stale_resume_list();
  // The summaries a stale_read or legacy_record action makes the listing show;
  // nullopt for any other action (the wrapped store's listing).
  std::optional<std::vector<Document>> faulted_summaries(const std::optional<FaultAction>& action);

  std::shared_ptr<FaultInjector> injector_;
  std::unique_ptr<History> history_;
};

}  // namespace rm
