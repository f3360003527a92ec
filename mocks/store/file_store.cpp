#include "mocks/store/file_store.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <utility>

#include "mocks/store/atomic_file.hpp"
#include "mocks/store/layout_parse.hpp"
#include "mocks/store/legacy_migration.hpp"
#include "mocks/store/python_json.hpp"
#include "mocks/store/store_journal.hpp"
#include "mocks/store/tinydb_tables.hpp"

namespace rm {
namespace {

// A journal at least this large is folded into database.json even when the file
// is smaller (a young database would otherwise be rewritten every few writes).
constexpr std::uintmax_t kMinCompactionBytes = 4u << 20;

// One journal entry (see store_journal.hpp) holding the current content of every
// record `changes` names. Throws StoreError for text that is not UTF-8.
std::string journal_entry(const TinyDbTables& tables,
                          const std::vector<TinyDbTables::Change>& changes) {
  Json entry = Json::array();
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& change : changes) {
    if (!seen.insert({change.table, change.key}).second) continue;
    const Json& table = tables.tables().at(change.table);
    auto record = table.find(change.key);
    if (record == table.end()) {
      entry.push_back({change.table, change.key});
    } else {
      entry.push_back({change.table, change.key, *record});
    }
  }
  try {
    return entry.dump() + "\n";
  } catch (const Json::type_error& e) {
    throw StoreError(std::string("cannot serialise the write: ") + e.what());
  }
}

}  // namespace

// The semantics are TinyDbTables'; this adds one lock (every operation atomic)
// and write-through persistence: every change is in the journal (fdatasync'ed)
// before the call returns, and the journal is folded into database.json when it
// grows and when the store closes (store_journal.hpp).
struct FileStore::State {
  explicit State(std::filesystem::path p) : path(std::move(p)), journal(path) {}

  // Saves the tables as database.json, keeping the key order of the file as it was
  // opened, and drops the journal whose entries it now holds.
  void persist() {
    std::string text;
    try {
      text = to_python_json(tables.tables(), &layout);
    } catch (const std::invalid_argument& e) {
      throw StoreError(path.string() + ": cannot serialise the database: " + e.what());
    }
    write_file_atomically(path, text);
    database_bytes = text.size();
    journal.remove();
  }

  // Folds a journal grown as large as database.json into it. The write that grew
  // it is already durable, so a failure here is reported, not thrown.
  void compact_if_large() {
    if (journal.size() < std::max(kMinCompactionBytes, database_bytes)) return;
    try {
      persist();
    } catch (const StoreError& e) {
      std::fprintf(stderr, "FileStore: compaction failed (the journal keeps the data): %s\n",
                   e.what());
    }
  }

  // Runs a write under the lock and journals the records it changed; when the
  // operation or the append fails, those records are restored, so readers never
  // see a write the disk lacks.
  template <typename Op>
  auto write(Op op) {
    std::lock_guard lock(mutex);
    std::vector<TinyDbTables::Change> changes;
    tables.set_change_log(&changes);
    try {
      auto result = op(tables);
      tables.set_change_log(nullptr);
      if (!changes.empty()) {
        journal.append(journal_entry(tables, changes));
        compact_if_large();
      }
      return result;
    } catch (...) {
      tables.set_change_log(nullptr);
      tables.undo(changes);
      throw;
    }
  }

  template <typename Op>
  auto read(Op op) {
    std::lock_guard lock(mutex);
    return op(std::as_const(tables));
  }

  std::filesystem::path path;
  std::mutex mutex;
  TinyDbTables tables;
  StoreJournal journal;
  std::uintmax_t database_bytes = 0;
  // The shape of the file as opened, for its key order (Json sorts keys; Python
  // does not); scalar values are null (layout_parse.hpp).
  OrderedJson layout;
  int migrated_on_open = 0;
};

FileStore::FileStore(std::filesystem::path database_json)
    : state_(std::make_unique<State>(std::move(database_json))) {
  State& s = *state_;
  Json tables = Json::object();
  std::optional<std::string> text = read_whole_file(s.path);
  // An empty file is what TinyDB leaves after creating it: an empty database.
  if (text && !text->empty()) {
    s.database_bytes = text->size();
    try {
      tables = parse_keeping_layout(*text, s.layout);
    } catch (const Json::exception& e) {  // parse_error, or out_of_range for 1e309
      // Never overwritten: the file may be the only copy of someone's data.
      throw StoreError(s.path.string() + ": not valid JSON: " + e.what());
    }
    text.reset();
    if (!tables.is_object()) {
      throw StoreError(s.path.string() + ": not a TinyDB database: not a JSON object of tables");
    }
  }
  s.journal.replay(tables);
  s.migrated_on_open = migrate_legacy_resumes(tables);
  try {
    s.tables = TinyDbTables(std::move(tables));
  } catch (const StoreError& e) {
    throw StoreError(s.path.string() + ": not a TinyDB database: " + e.what());
  }
  if (s.migrated_on_open > 0) s.persist();
}

// A clean stop leaves database.json complete, in TinyDB's layout, for a Python backend.
FileStore::~FileStore() {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  // A store that outlived a newer one on the same file must not overwrite its writes.
  if (s.journal.size() == 0 || !s.journal.unchanged_on_disk()) return;
  try {
    s.persist();
  } catch (const StoreError& e) {
    std::fprintf(stderr, "FileStore: cannot fold the journal into %s (it stays beside it): %s\n",
                 s.path.c_str(), e.what());
  }
}

int FileStore::migrated_on_open() const { return state_->migrated_on_open; }

Document FileStore::create_resume(const NewResume& resume, MasterPolicy policy) {
  return state_->write([&](TinyDbTables& t) { return t.create_resume(resume, policy); });
}

std::optional<Document> FileStore::get_resume(const std::string& resume_id) {
  return state_->read([&](const TinyDbTables& t) { return t.get_resume(resume_id); });
}

std::vector<Document> FileStore::list_resumes() {
  return state_->read([](const TinyDbTables& t) { return t.list_resumes(); });
}

std::vector<Document> FileStore::list_resume_summaries() {
  return state_->read([](const TinyDbTables& t) { return t.list_resume_summaries(); });
}

SharedSummaries FileStore::shared_resume_summaries() {
  return state_->read([](const TinyDbTables& t) { return t.shared_resume_summaries(); });
}

std::optional<Document> FileStore::update_resume(const std::string& resume_id, const Json& patch) {
  return state_->write([&](TinyDbTables& t) { return t.update_resume(resume_id, patch); });
}

bool FileStore::delete_resume(const std::string& resume_id) {
  return state_->write([&](TinyDbTables& t) { return t.delete_resume(resume_id); });
}

std::optional<Document> FileStore::get_master_resume() {
  return state_->read([](const TinyDbTables& t) { return t.get_master_resume(); });
}

bool FileStore::set_master(const std::string& resume_id) {
  return state_->write([&](TinyDbTables& t) { return t.set_master(resume_id); });
}

Document FileStore::create_job(const NewJob& job) {
  return state_->write([&](TinyDbTables& t) { return t.create_job(job); });
}

std::optional<Document> FileStore::get_job(const std::string& job_id) {
  return state_->read([&](const TinyDbTables& t) { return t.get_job(job_id); });
}

std::optional<Document> FileStore::update_job(const std::string& job_id, const Json& patch) {
  return state_->write([&](TinyDbTables& t) { return t.update_job(job_id, patch); });
}

bool FileStore::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                 const std::string& hash) {
  return state_->write(
      [&](TinyDbTables& t) { return t.set_preview_hash(job_id, prompt_id, hash); });
}

Document FileStore::create_improvement(const NewImprovement& improvement) {
  return state_->write([&](TinyDbTables& t) { return t.create_improvement(improvement); });
}

std::optional<Document> FileStore::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) {
  return state_->read([&](const TinyDbTables& t) {
    return t.get_improvement_by_tailored_resume(tailored_resume_id);
  });
}

StoreStats FileStore::stats() {
  return state_->read([](const TinyDbTables& t) { return t.stats(); });
}

Json FileStore::export_tables() {
  return state_->read([](const TinyDbTables& t) { return t.export_tables(); });
}

// Not journalled record by record: the emptied tables are written whole.
void FileStore::clear() {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  TinyDbTables before = s.tables;
  try {
    s.tables.clear();
    s.persist();
  } catch (...) {
    s.tables = std::move(before);
    throw;
  }
}

}  // namespace rm
