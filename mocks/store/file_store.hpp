#pragma once
// The store on disk in TinyDB's JSON layout ({"resumes": {"1": {...}}, "jobs": {...},
// "improvements": {...}}), so that a Python backend's database.json opens unchanged
// and one written here opens there. Every write is appended to a journal beside
// the file and fdatasync'ed before it returns (store_journal.hpp); the journal is
// folded into database.json atomically (temp file + fsync + rename + fsync of the
// directory) when it grows and at close. Opening migrates legacy records (API-005).
#include <filesystem>
#include <memory>
#include <mutex>

#include "reference/ports/store.hpp"

namespace rm {

class FileStore : public Store {
 public:
  // Opens (or creates) the database file, e.g. "<data-dir>/database.json".
  // Throws StoreError when the file exists but cannot be read or parsed.
  explicit FileStore(std::filesystem::path database_json);
  ~FileStore() override;

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

  // How many legacy records the open-time migration wrote back (API-005).
  int migrated_on_open() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rm
