#pragma once
// The persistence port: the three tables of the audited database.py
// (resumes, jobs, improvements) with the operations the contract needs.
// Every operation is a single atomic step; the service never does a
// read-modify-write through this interface where a race could lose data.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"
#include "reference/ports/resume_summary.hpp"

namespace rm {

// A write or read the storage could not perform (disk full, I/O error, injected fault).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NewResume {
  std::string content;
  std::string content_type;
  std::string filename;
  std::optional<std::string> parent_id;
  Json processed_data = nullptr;
  std::string processing_status = "pending";
  std::optional<std::string> cover_letter;
  std::optional<std::string> outreach_message;
};

// How create_resume decides `is_master`.
enum class MasterPolicy {
  kNotMaster,
  // Master unconditionally (what the audited check-then-insert did; API-002's defect).
  kMaster,
  // Master exactly when no master exists, decided atomically with the insert (API-002).
  kMasterIfNone,
};

struct NewJob {
  std::string content;
  std::optional<std::string> resume_id;
};

struct NewImprovement {
  std::string original_resume_id;
  std::string tailored_resume_id;
  std::string job_id;
  Json improvements = Json::array();
};

// list_resume_summaries() as one immutable snapshot, shared rather than copied.
using SharedSummaries = std::shared_ptr<const std::vector<Document>>;

struct StoreStats {
  int total_resumes = 0;
  int total_jobs = 0;
  int total_improvements = 0;
  bool has_master_resume = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- resumes -------------------------------------------------------------
  // Assigns resume_id, created_at, updated_at and is_master; returns the stored record.
  virtual Document create_resume(const NewResume& resume, MasterPolicy policy) = 0;
  virtual std::optional<Document> get_resume(const std::string& resume_id) = 0;
  virtual std::vector<Document> list_resumes() = 0;
  // list_resumes() with each record cut down to resume_summary(record): what GET
  // /resumes/list shows. A store overrides it to avoid copying whole documents.
  virtual std::vector<Document> list_resume_summaries() {
    std::vector<Document> summaries = list_resumes();
    for (Document& record : summaries) record = resume_summary(record);
    return summaries;
  }
  // list_resume_summaries() as a shared snapshot. A store that keeps one hands out
  // the same object until a resume changes, so that a caller may cache what it
  // derives from it, keyed by the object (while holding it: a freed snapshot's
  // address could be reused). The default builds a new snapshot on every call.
  virtual SharedSummaries shared_resume_summaries() {
    return std::make_shared<const std::vector<Document>>(list_resume_summaries());
  }
  // Merges `patch` into the record and refreshes updated_at. std::nullopt when
  // no record matched (API-011): the caller must not report success.
  virtual std::optional<Document> update_resume(const std::string& resume_id,
                                                const Json& patch) = 0;
  // Removes the resume and any improvement record whose tailored_resume_id is it.
  // false when no record matched.
  virtual bool delete_resume(const std::string& resume_id) = 0;
  virtual std::optional<Document> get_master_resume() = 0;
  // Moves the master flag to `resume_id`. Refuses (false, nothing changed) when
  // the id does not exist (API-003).
  virtual bool set_master(const std::string& resume_id) = 0;

  // --- jobs ----------------------------------------------------------------
  virtual Document create_job(const NewJob& job) = 0;
  virtual std::optional<Document> get_job(const std::string& job_id) = 0;
  // Merges `patch` into the job. std::nullopt when no record matched.
  virtual std::optional<Document> update_job(const std::string& job_id, const Json& patch) = 0;
  // Sets preview_hashes[prompt_id] = hash in one atomic step, leaving the other
  // prompts' hashes alone (API-010 b). A legacy list / bare preview_hash is
  // replaced by a map. false when no job matched.
  virtual bool set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                const std::string& hash) = 0;

  // --- improvements ----------------------------------------------------------
  // Assigns request_id and created_at.
  virtual Document create_improvement(const NewImprovement& improvement) = 0;
  virtual std::optional<Document> get_improvement_by_tailored_resume(
      const std::string& tailored_resume_id) = 0;

  // --- whole store -----------------------------------------------------------
  virtual StoreStats stats() = 0;
  // The three tables in TinyDB's layout: {"resumes": {"1": {...}}, "jobs": ..., "improvements":
  // ...}.
  virtual Json export_tables() = 0;
  // Empties every table.
  virtual void clear() = 0;
};

}  // namespace rm
