#pragma once
// Every Store operation's semantics over one Json in TinyDB's layout:
//   {"resumes": {"1": {...}, "2": {...}}, "jobs": {...}, "improvements": {...}}
// Document ids are decimal strings; a new document gets max(existing id) + 1 in
// its table, as TinyDB does when it opens a file. Records have exactly the fields
// the audited database.py writes. Searches visit documents in numeric id order
// (TinyDB's order), so "the first match" means the same thing as in Python.
//
// NOT thread-safe: MemoryStore and FileStore hold a lock around every call.
#include <optional>
#include <string>
#include <vector>

#include "reference/ports/store.hpp"

namespace rm {

class TinyDbTables {
 public:
  // Three empty tables.
  TinyDbTables();
  // Starts from existing tables (e.g. a database.json's content). Missing tables
  // start empty; other tables (TinyDB's "_default") are kept untouched. Throws
  // StoreError when `tables` or one of its tables is not a JSON object.
  explicit TinyDbTables(const Json& tables);

  // --- resumes -------------------------------------------------------------
  Document create_resume(const NewResume& resume, MasterPolicy policy);
  std::optional<Document> get_resume(const std::string& resume_id) const;
  std::vector<Document> list_resumes() const;
  // Shallow merge (dict.update) plus a fresh updated_at; nullopt when nothing
  // matched. Throws std::invalid_argument when `patch` is not an object.
  std::optional<Document> update_resume(const std::string& resume_id, const Json& patch);
  // Also removes improvements whose tailored_resume_id is the resume. false (and
  // nothing changed) when no resume matched.
  bool delete_resume(const std::string& resume_id);
  std::optional<Document> get_master_resume() const;
  // false and nothing changed for an unknown id; otherwise exactly one master.
  bool set_master(const std::string& resume_id);

  // --- jobs ----------------------------------------------------------------
  Document create_job(const NewJob& job);
  std::optional<Document> get_job(const std::string& job_id) const;
  // Shallow merge; nullopt when nothing matched. Throws std::invalid_argument
  // when `patch` is not an object.
  std::optional<Document> update_job(const std::string& job_id, const Json& patch);
  // preview_hashes[prompt_id] = hash. A legacy list, a non-object value or a bare
  // "preview_hash" is replaced by a map holding only the new entry. false when
  // no job matched.
  bool set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                        const std::string& hash);

  // --- improvements ----------------------------------------------------------
  Document create_improvement(const NewImprovement& improvement);
  std::optional<Document> get_improvement_by_tailored_resume(
      const std::string& tailored_resume_id) const;

  // What a listing shows of each resume, in list_resumes' order (resume_summary).
  std::vector<Document> list_resume_summaries() const;

  // --- whole store -----------------------------------------------------------
  StoreStats stats() const;
  // A copy of every table (same as tables()).
  Json export_tables() const;
  // Empties every table (TinyDB's truncate); ids start again at 1.
  void clear();

  const Json& tables() const { return tables_; }
  // Direct access for a caller that rewrites records in place without the
  // side effects of update_resume (e.g. FileStore's open-time migration). The
  // caller must keep the layout: every table an object of id -> record object.
  Json& mutable_tables() { return tables_; }

  // One record a write changed: its table, its document id, and its content
  // before the write (nullopt: the write created it).
  struct Change {
    std::string table;
    std::string key;
    std::optional<Json> before;
  };
  // While a log is set, every write appends each record it is about to change,
  // before changing it, so that a caller can persist only those records
  // (FileStore's journal) or undo the write. clear() and mutable_tables() are
  // not logged.
  void set_change_log(std::vector<Change>* log) { log_ = log; }
  // Puts the records of `log` back as they were before the logged writes.
  void undo(const std::vector<Change>& log);

 private:
  // tables_[table][key] for writing, logged first.
  Json& touch(Json& table, const std::string& key);
  // Every record of `table` satisfying `match`, in id order, logged as about to change.
  template <typename Match>
  std::vector<Json*> matching(Json& table, Match match);
  // Removes every record satisfying `match` (logged); returns how many.
  template <typename Match>
  int remove_matching(Json& table, Match match);
  const std::string& name_of(const Json& table) const;

  Json tables_;
  std::vector<Change>* log_ = nullptr;
};

}  // namespace rm
