#pragma once
// The default store: all three tables in memory, every operation atomic under one
// mutex. Thread-safe.
#include <functional>
#include <memory>

#include "mocks/store/lock_observer.hpp"
#include "reference/ports/store.hpp"

namespace rm {

class MemoryStore : public Store {
 public:
  MemoryStore();
  // Starts from tables in TinyDB's layout (e.g. a fixture database.json's content).
  explicit MemoryStore(const Json& tables);
  ~MemoryStore() override;

  // Tells `observer` before each operation takes the lock (a scheduler's
  // interleaving point). Set it before the store is shared between threads.
  void observe_locks(std::shared_ptr<LockObserver> observer);

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

  // A fuzzer's fresh start per input: mark() remembers the tables as they are
  // now, and rollback() puts them back at the cost of what changed since the
  // mark (a change log), not of the whole store. The mark stays for the next
  // rollback. clear() drops it; rollback() without a mark returns false.
  void mark();
  bool rollback();
  // Calls `read` with the tables as they are, under the store's lock, without
  // the copy export_tables() makes (for an oracle that checks after every input).
  void read_tables(const std::function<void(const Json&)>& read);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rm
