#include "mocks/store/tinydb_tables.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "mocks/store/record_shapes.hpp"
#include "reference/domain/ids.hpp"
#include "reference/ports/resume_summary.hpp"

namespace rm {
namespace {

constexpr const char* kResumes = "resumes";
constexpr const char* kJobs = "jobs";
constexpr const char* kImprovements = "improvements";

// The numeric value of a TinyDB document id, or nullopt for a key that is not one.
std::optional<long long> doc_id_value(const std::string& key) {
  long long value = 0;
  const char* end = key.data() + key.size();
  auto [ptr, ec] = std::from_chars(key.data(), end, value);
  if (key.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// TinyDB's order. nlohmann::json sorts keys as strings ("10" < "2"), so compare
// numerically; a key that is not a number goes last.
bool id_before(const std::string& a, const std::string& b) {
  auto va = doc_id_value(a);
  auto vb = doc_id_value(b);
  if (va && vb) return *va < *vb;
  return va.has_value() && !vb.has_value();
}

// Keys in TinyDB's order (a stable sort keeps non-numeric keys in string order).
std::vector<std::string> in_id_order(std::vector<std::string> keys) {
  std::stable_sort(keys.begin(), keys.end(), id_before);
  return keys;
}

std::vector<std::string> ordered_keys(const Json& table) {
  std::vector<std::string> keys;
  keys.reserve(table.size());
  for (auto it = table.begin(); it != table.end(); ++it) keys.push_back(it.key());
  return in_id_order(std::move(keys));
}

std::string next_doc_id(const Json& table) {
  long long max_id = 0;
  for (auto it = table.begin(); it != table.end(); ++it) {
    if (auto value = doc_id_value(it.key())) max_id = std::max(max_id, *value);
  }
  return std::to_string(max_id + 1);
}

bool field_equals(const Json& record, const char* field, const std::string& value) {
  if (!record.is_object()) return false;
  auto it = record.find(field);
  return it != record.end() && it->is_string() && it->get_ref<const std::string&>() == value;
}

bool is_master_record(const Json& record) {
  if (!record.is_object()) return false;
  auto it = record.find("is_master");
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

template <typename Match>
std::optional<Document> first_matching(const Json& table, Match match) {
  // One pass in storage order, keeping the match earliest in id order: sorting
  // every key first made each lookup O(n log n).
  const Json* first = nullptr;
  const std::string* first_key = nullptr;
  for (auto it = table.begin(); it != table.end(); ++it) {
    if (!match(it.value())) continue;
    if (first == nullptr || id_before(it.key(), *first_key)) {
      first = &it.value();
      first_key = &it.key();
    }
  }
  if (first == nullptr) return std::nullopt;
  return *first;
}

void require_object_patch(const Json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("store patch must be a JSON object");
}

int count_records(const Json& table) { return static_cast<int>(table.size()); }

}  // namespace

Json& TinyDbTables::touch(Json& table, const std::string& key) {
  if (log_ != nullptr) {
    auto it = table.find(key);
    log_->push_back(
        {name_of(table), key, it == table.end() ? std::nullopt : std::optional<Json>(*it)});
  }
  return table[key];
}

const std::string& TinyDbTables::name_of(const Json& table) const {
  for (auto it = tables_.begin(); it != tables_.end(); ++it) {
    if (&it.value() == &table) return it.key();
  }
  throw std::logic_error("TinyDbTables: not one of its tables");
}

template <typename Match>
std::vector<Json*> TinyDbTables::matching(Json& table, Match match) {
  std::vector<std::string> keys;
  for (auto it = table.begin(); it != table.end(); ++it) {
    if (match(it.value())) keys.push_back(it.key());
  }
  std::vector<Json*> found;
  for (const auto& key : in_id_order(std::move(keys))) found.push_back(&touch(table, key));
  return found;
}

template <typename Match>
int TinyDbTables::remove_matching(Json& table, Match match) {
  std::vector<std::string> doomed;
  for (auto it = table.begin(); it != table.end(); ++it) {
    if (match(it.value())) doomed.push_back(it.key());
  }
  for (const auto& key : doomed) {
    if (log_ != nullptr) log_->push_back({name_of(table), key, table.at(key)});
    table.erase(key);
  }
  return static_cast<int>(doomed.size());
}

void TinyDbTables::undo(const std::vector<Change>& log) {
  for (auto change = log.rbegin(); change != log.rend(); ++change) {
    Json& table = tables_[change->table];
    if (change->before) {
      table[change->key] = *change->before;
    } else {
      table.erase(change->key);
    }
  }
}

TinyDbTables::TinyDbTables() : TinyDbTables(Json::object()) {}

TinyDbTables::TinyDbTables(const Json& tables) : tables_(tables) {
  if (tables_.is_null()) tables_ = Json::object();
  if (!tables_.is_object()) throw StoreError("database is not a JSON object of tables");
  for (auto it = tables_.begin(); it != tables_.end(); ++it) {
    if (!it->is_object()) throw StoreError("table '" + it.key() + "' is not a JSON object");
  }
  for (const char* name : {kResumes, kJobs, kImprovements}) {
    if (!tables_.contains(name)) tables_[name] = Json::object();
  }
}

// --- resumes -----------------------------------------------------------------

Document TinyDbTables::create_resume(const NewResume& resume, MasterPolicy policy) {
  bool is_master = false;
  switch (policy) {
    case MasterPolicy::kNotMaster:
      is_master = false;
      break;
    case MasterPolicy::kMaster:
      is_master = true;
      break;
    case MasterPolicy::kMasterIfNone:
      // Decided here, under the caller's lock, together with the insert (API-002).
      is_master = !get_master_resume().has_value();
      break;
  }
  Document doc = resume_record(resume, new_uuid4(), is_master, now_iso8601());
  Json& table = tables_[kResumes];
  touch(table, next_doc_id(table)) = doc;
  return doc;
}

std::optional<Document> TinyDbTables::get_resume(const std::string& resume_id) const {
  return first_matching(tables_.at(kResumes),
                        [&](const Json& r) { return field_equals(r, "resume_id", resume_id); });
}

std::vector<Document> TinyDbTables::list_resumes() const {
  const Json& table = tables_.at(kResumes);
  std::vector<Document> all;
  all.reserve(table.size());
  for (const auto& key : ordered_keys(table)) all.push_back(table.at(key));
  return all;
}

std::optional<Document> TinyDbTables::update_resume(const std::string& resume_id,
                                                    const Json& patch) {
  require_object_patch(patch);
  auto targets = matching(tables_[kResumes],
                          [&](const Json& r) { return field_equals(r, "resume_id", resume_id); });
  if (targets.empty()) return std::nullopt;
  const std::string now = now_iso8601();
  for (Json* record : targets) {
    for (auto it = patch.begin(); it != patch.end(); ++it) (*record)[it.key()] = it.value();
    (*record)["updated_at"] = now;
  }
  return *targets.front();
}

bool TinyDbTables::delete_resume(const std::string& resume_id) {
  int removed = remove_matching(
      tables_[kResumes], [&](const Json& r) { return field_equals(r, "resume_id", resume_id); });
  if (removed == 0) return false;
  remove_matching(tables_[kImprovements],
                  [&](const Json& i) { return field_equals(i, "tailored_resume_id", resume_id); });
  return true;
}

std::optional<Document> TinyDbTables::get_master_resume() const {
  return first_matching(tables_.at(kResumes), is_master_record);
}

bool TinyDbTables::set_master(const std::string& resume_id) {
  auto targets = matching(tables_[kResumes],
                          [&](const Json& r) { return field_equals(r, "resume_id", resume_id); });
  // Checked before anything is unset, so an unknown id leaves the master alone (API-003).
  if (targets.empty()) return false;
  for (Json* record : matching(tables_[kResumes], is_master_record)) {
    (*record)["is_master"] = false;
  }
  (*targets.front())["is_master"] = true;
  return true;
}

// --- jobs ----------------------------------------------------------------------

Document TinyDbTables::create_job(const NewJob& job) {
  Document doc = job_record(job, new_uuid4(), now_iso8601());
  Json& table = tables_[kJobs];
  touch(table, next_doc_id(table)) = doc;
  return doc;
}

std::optional<Document> TinyDbTables::get_job(const std::string& job_id) const {
  return first_matching(tables_.at(kJobs),
                        [&](const Json& j) { return field_equals(j, "job_id", job_id); });
}

std::optional<Document> TinyDbTables::update_job(const std::string& job_id, const Json& patch) {
  require_object_patch(patch);
  auto targets =
      matching(tables_[kJobs], [&](const Json& j) { return field_equals(j, "job_id", job_id); });
  if (targets.empty()) return std::nullopt;
  for (Json* record : targets) {
    for (auto it = patch.begin(); it != patch.end(); ++it) (*record)[it.key()] = it.value();
  }
  return *targets.front();
}

bool TinyDbTables::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                    const std::string& hash) {
  auto targets =
      matching(tables_[kJobs], [&](const Json& j) { return field_equals(j, "job_id", job_id); });
  if (targets.empty()) return false;
  for (Json* record : targets) {
    Json& hashes = (*record)["preview_hashes"];
    // A legacy shape cannot say which prompt its hashes belong to: drop it, so
    // that no confirm can ever match another prompt's hash (API-010 d).
    if (!hashes.is_object()) hashes = Json::object();
    hashes[prompt_id] = hash;
    record->erase("preview_hash");
  }
  return true;
}

// --- improvements --------------------------------------------------------------

Document TinyDbTables::create_improvement(const NewImprovement& improvement) {
  Document doc = improvement_record(improvement, new_uuid4(), now_iso8601());
  Json& table = tables_[kImprovements];
  touch(table, next_doc_id(table)) = doc;
  return doc;
}

std::optional<Document> TinyDbTables::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) const {
  return first_matching(tables_.at(kImprovements), [&](const Json& i) {
    return field_equals(i, "tailored_resume_id", tailored_resume_id);
  });
}

// --- whole store -----------------------------------------------------------------

std::vector<Document> TinyDbTables::list_resume_summaries() const {
  const Json& table = tables_.at(kResumes);
  std::vector<Document> all;
  all.reserve(table.size());
  for (const auto& key : ordered_keys(table)) all.push_back(resume_summary(table.at(key)));
  return all;
}

StoreStats TinyDbTables::stats() const {
  StoreStats s;
  s.total_resumes = count_records(tables_.at(kResumes));
  s.total_jobs = count_records(tables_.at(kJobs));
  s.total_improvements = count_records(tables_.at(kImprovements));
  s.has_master_resume = get_master_resume().has_value();
  return s;
}

Json TinyDbTables::export_tables() const { return tables_; }

void TinyDbTables::clear() {
  for (auto it = tables_.begin(); it != tables_.end(); ++it) *it = Json::object();
  for (const char* name : {kResumes, kJobs, kImprovements}) tables_[name] = Json::object();
}

}  // namespace rm
