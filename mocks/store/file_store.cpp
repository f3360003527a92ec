#include "mocks/store/file_store.hpp"

#include <stdexcept>
#include <type_traits>
#include <utility>

#include "mocks/store/atomic_file.hpp"
#include "mocks/store/legacy_migration.hpp"
#include "mocks/store/python_json.hpp"
#include "mocks/store/tinydb_tables.hpp"

namespace rm {
namespace {

// Whether an operation's result says it changed something (and must be saved):
// a found-nothing update or a refused set_master leaves the file alone.
template <typename T>
bool changed(const T& result) {
  if constexpr (std::is_same_v<T, bool>) {
    return result;
  } else if constexpr (std::is_same_v<T, std::optional<Document>>) {
    return result.has_value();
  } else {
    return true;
  }
}

}  // namespace

// The semantics are TinyDbTables'; this adds one lock (every operation atomic)
// and write-through persistence (every change saved before the call returns).
struct FileStore::State {
  explicit State(std::filesystem::path p) : path(std::move(p)) {}

  // Saves the tables, keeping the key order of the file as it was opened.
  void persist() {
    std::string text;
    try {
      text = to_python_json(tables.tables(), &layout);
    } catch (const std::invalid_argument& e) {
      throw StoreError(path.string() + ": cannot serialise the database: " + e.what());
    }
    write_file_atomically(path, text);
  }

  // Runs a write under the lock and saves its effect; when the operation or the
  // save fails, memory is restored, so readers never see a write the file lacks.
  template <typename Op>
  auto write(Op op) {
    std::lock_guard lock(mutex);
    TinyDbTables before = tables;
    try {
      if constexpr (std::is_void_v<decltype(op(tables))>) {
        op(tables);
        persist();
      } else {
        auto result = op(tables);
        if (changed(result)) persist();
        return result;
      }
    } catch (...) {
      tables = std::move(before);
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
  // The file as opened, with its key order (Json sorts keys; Python does not).
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
    try {
      s.layout = OrderedJson::parse(*text);
    } catch (const OrderedJson::exception& e) {  // parse_error, or out_of_range for 1e309
      // Never overwritten: the file may be the only copy of someone's data.
      throw StoreError(s.path.string() + ": not valid JSON: " + e.what());
    }
    tables = Json(s.layout);
  }
  try {
    s.tables = TinyDbTables(tables);
  } catch (const StoreError& e) {
    throw StoreError(s.path.string() + ": not a TinyDB database: " + e.what());
  }
  s.migrated_on_open = migrate_legacy_resumes(s.tables.mutable_tables());
  if (s.migrated_on_open > 0) s.persist();
}

FileStore::~FileStore() = default;

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

void FileStore::clear() {
  state_->write([](TinyDbTables& t) { t.clear(); });
}

}  // namespace rm
