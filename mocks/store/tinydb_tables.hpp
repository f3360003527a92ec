#pragma once
// Every Store operation's semantics over one Json in TinyDB's layout:
//   {"resumes": {"1": {...}, "2": {...}}, "jobs": {...}, "improvements": {...}}
// Document ids are decimal strings; a new document gets max(existing id) + 1 in
// its table, as TinyDB does when it opens a file. Records have exactly the fields
// the audited database.py writes. Searches visit documents in numeric id order
// (TinyDB's order), so "the first match" means the same thing as in Python.
//
// Lookups by resume_id / job_id / tailored_resume_id, the master lookup and the
// next document id go through an index kept beside the tables, so that each is
// O(log n) rather than a scan of the table.
//
// NOT thread-safe (not even the const methods, which may settle the index):
// MemoryStore and FileStore hold a lock around every call.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
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
  explicit TinyDbTables(Json tables);

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
  // The same, as one snapshot kept until a resume record changes (Store's
  // shared_resume_summaries).
  SharedSummaries shared_resume_summaries() const;

  // --- whole store -----------------------------------------------------------
  StoreStats stats() const;
  // A copy of every table (same as tables()).
  Json export_tables() const;
  // Empties every table (TinyDB's truncate); ids start again at 1.
  void clear();

  const Json& tables() const { return tables_; }

  // One record a write changed: its table, its document id, and its content
  // before the write (nullopt: the write created it).
  struct Change {
    std::string table;
    std::string key;
    std::optional<Json> before;
  };
  // While a log is set, every write appends each record it is about to change,
  // before changing it, so that a caller can persist only those records
  // (FileStore's journal) or undo the write. clear() is not logged.
  void set_change_log(std::vector<Change>* log) { log_ = log; }
  // Puts the records of `log` back as they were before the logged writes.
  void undo(const std::vector<Change>& log);

 private:
  // A document id in TinyDB's order: numeric ids by value, then other keys; ties
  // (e.g. "01" and "1") by text, the order a scan of the sorted Json object kept.
  struct DocKey {
    explicit DocKey(std::string k);
    std::string key;
    std::optional<long long> number;
    friend bool operator<(const DocKey& a, const DocKey& b) {
      if (a.number.has_value() != b.number.has_value()) return a.number.has_value();
      if (a.number && *a.number != *b.number) return *a.number < *b.number;
      return a.key < b.key;
    }
  };
  // What the index knows of one record.
  struct Facts {
    bool present = false;
    std::optional<std::string> field;  // the table's looked-up field, when a string
    bool master = false;               // is_master is true
  };
  struct TableIndex {
    const char* field = nullptr;  // resume_id, job_id or tailored_resume_id
    std::set<DocKey> keys;        // every document, in id order
    // Field value -> the documents holding it, in id order (one, unless a file
    // was written by hand).
    std::unordered_map<std::string, std::vector<DocKey>> by_field;
    std::set<DocKey> masters;  // resumes only
  };
  // A record changed by the current write, and what the index held of it before.
  struct Pending {
    std::string table;
    std::string key;
    Facts before;
  };

  TableIndex& index_of(const std::string& table) const;
  Facts facts_of(const TableIndex& index, const Json& table, const std::string& key) const;
  void unindex(TableIndex& index, const DocKey& key, const Facts& facts) const;
  void add_to_index(TableIndex& index, const DocKey& key, const Facts& facts) const;
  // Rebuilds the whole index from the tables.
  void rebuild_index();
  // Brings the index in step with every record changed since the last call.
  // Called at the end of each write, and at the start of every call in case a
  // write threw half-way.
  void settle() const;
  // Notes that tables_[table][key] is about to change (for settle()), without logging.
  void note(const std::string& table, const std::string& key);

  // tables_[table][key] for writing, logged and noted first.
  Json& touch(const std::string& table, const std::string& key);
  // Removes tables_[table][key], logged and noted first.
  void remove(const std::string& table, const std::string& key);
  // The documents whose indexed field equals `value`, in id order.
  std::vector<std::string> keys_where(const std::string& table, const std::string& value) const;
  // The first such document, if any.
  const Json* first_where(const std::string& table, const std::string& value) const;
  std::string next_doc_id(const std::string& table) const;

  Json tables_;
  std::vector<Change>* log_ = nullptr;
  // Derived from tables_ (never persisted); mutable so that const readers can settle it.
  mutable std::map<std::string, TableIndex, std::less<>> index_;
  mutable std::vector<Pending> pending_;
  // The listing's snapshot; reset whenever a resume record changes.
  mutable SharedSummaries summaries_;
};

}  // namespace rm
