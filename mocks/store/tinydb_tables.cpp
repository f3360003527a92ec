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

bool is_master_record(const Json& record) {
  if (!record.is_object()) return false;
  auto it = record.find("is_master");
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

void require_object_patch(const Json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("store patch must be a JSON object");
}

int count_records(const Json& table) { return static_cast<int>(table.size()); }

}  // namespace

TinyDbTables::DocKey::DocKey(std::string k) : key(std::move(k)), number(doc_id_value(key)) {}

TinyDbTables::TableIndex& TinyDbTables::index_of(const std::string& table) const {
  auto it = index_.find(table);
  if (it == index_.end()) throw std::logic_error("TinyDbTables: no index for table " + table);
  return it->second;
}

TinyDbTables::Facts TinyDbTables::facts_of(const TableIndex& index, const Json& table,
                                           const std::string& key) const {
  Facts facts;
  auto record = table.find(key);
  if (record == table.end()) return facts;
  facts.present = true;
  if (record->is_object()) {
    auto field = record->find(index.field);
    if (field != record->end() && field->is_string()) facts.field = field->get<std::string>();
  }
  facts.master = is_master_record(*record);
  return facts;
}

void TinyDbTables::unindex(TableIndex& index, const DocKey& key, const Facts& facts) const {
  if (!facts.present) return;
  index.keys.erase(key);
  if (facts.field) {
    auto holders = index.by_field.find(*facts.field);
    if (holders != index.by_field.end()) {
      std::erase_if(holders->second, [&](const DocKey& k) { return k.key == key.key; });
      if (holders->second.empty()) index.by_field.erase(holders);
    }
  }
  if (facts.master) index.masters.erase(key);
}

void TinyDbTables::add_to_index(TableIndex& index, const DocKey& key, const Facts& facts) const {
  if (!facts.present) return;
  index.keys.insert(key);
  if (facts.field) {
    auto& holders = index.by_field[*facts.field];
    holders.insert(std::upper_bound(holders.begin(), holders.end(), key), key);
  }
  if (facts.master) index.masters.insert(key);
}

void TinyDbTables::rebuild_index() {
  index_.clear();
  pending_.clear();
  summaries_.reset();
  for (auto [name, field] : {std::pair{kResumes, "resume_id"}, std::pair{kJobs, "job_id"},
                             std::pair{kImprovements, "tailored_resume_id"}}) {
    TableIndex& index = index_[name];
    index.field = field;
    const Json& table = tables_.at(name);
    for (auto it = table.begin(); it != table.end(); ++it) {
      add_to_index(index, DocKey(it.key()), facts_of(index, table, it.key()));
    }
  }
}

void TinyDbTables::settle() const {
  for (const Pending& change : pending_) {
    if (change.table == kResumes) summaries_.reset();
    TableIndex& index = index_of(change.table);
    const DocKey key(change.key);
    unindex(index, key, change.before);
    add_to_index(index, key, facts_of(index, tables_.at(change.table), change.key));
  }
  pending_.clear();
}

void TinyDbTables::note(const std::string& table, const std::string& key) {
  // Only the state before the first change counts: that is what the index holds.
  for (const Pending& change : pending_) {
    if (change.key == key && change.table == table) return;
  }
  pending_.push_back({table, key, facts_of(index_of(table), tables_.at(table), key)});
}

Json& TinyDbTables::touch(const std::string& table, const std::string& key) {
  Json& records = tables_.at(table);
  note(table, key);
  if (log_ != nullptr) {
    auto it = records.find(key);
    log_->push_back({table, key, it == records.end() ? std::nullopt : std::optional<Json>(*it)});
  }
  return records[key];
}

void TinyDbTables::remove(const std::string& table, const std::string& key) {
  Json& records = tables_.at(table);
  auto it = records.find(key);
  if (it == records.end()) return;
  note(table, key);
  if (log_ != nullptr) log_->push_back({table, key, *it});
  records.erase(it);
}

std::vector<std::string> TinyDbTables::keys_where(const std::string& table,
                                                  const std::string& value) const {
  settle();
  const TableIndex& index = index_of(table);
  std::vector<std::string> keys;
  auto holders = index.by_field.find(value);
  if (holders != index.by_field.end()) {
    for (const DocKey& key : holders->second) keys.push_back(key.key);
  }
  return keys;
}

const Json* TinyDbTables::first_where(const std::string& table, const std::string& value) const {
  settle();
  const TableIndex& index = index_of(table);
  auto holders = index.by_field.find(value);
  if (holders == index.by_field.end() || holders->second.empty()) return nullptr;
  return &tables_.at(table).at(holders->second.front().key);
}

// TinyDB's next id: the largest numeric id plus one (numeric ids sort first,
// so the largest is the last numeric key).
std::string TinyDbTables::next_doc_id(const std::string& table) const {
  settle();
  const TableIndex& index = index_of(table);
  for (auto it = index.keys.rbegin(); it != index.keys.rend(); ++it) {
    if (it->number) return std::to_string(std::max(0LL, *it->number) + 1);
  }
  return "1";
}

void TinyDbTables::undo(const std::vector<Change>& log) {
  for (auto change = log.rbegin(); change != log.rend(); ++change) {
    Json& table = tables_[change->table];
    if (index_.count(change->table) != 0) note(change->table, change->key);
    if (change->before) {
      table[change->key] = *change->before;
    } else {
      table.erase(change->key);
    }
  }
  settle();
}

TinyDbTables::TinyDbTables() : TinyDbTables(Json::object()) {}

TinyDbTables::TinyDbTables(Json tables) : tables_(std::move(tables)) {
  if (tables_.is_null()) tables_ = Json::object();
  if (!tables_.is_object()) throw StoreError("database is not a JSON object of tables");
  for (auto it = tables_.begin(); it != tables_.end(); ++it) {
    if (!it->is_object()) throw StoreError("table '" + it.key() + "' is not a JSON object");
  }
  for (const char* name : {kResumes, kJobs, kImprovements}) {
    if (!tables_.contains(name)) tables_[name] = Json::object();
  }
  rebuild_index();
}

// --- resumes -----------------------------------------------------------------

Document TinyDbTables::create_resume(const NewResume& resume, MasterPolicy policy) {
  settle();
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
      is_master = index_of(kResumes).masters.empty();
      break;
  }
  Document doc = resume_record(resume, new_uuid4(), is_master, now_iso8601());
  touch(kResumes, next_doc_id(kResumes)) = doc;
  settle();
  return doc;
}

std::optional<Document> TinyDbTables::get_resume(const std::string& resume_id) const {
  const Json* record = first_where(kResumes, resume_id);
  if (record == nullptr) return std::nullopt;
  return *record;
}

std::vector<Document> TinyDbTables::list_resumes() const {
  settle();
  const Json& table = tables_.at(kResumes);
  const TableIndex& index = index_of(kResumes);
  std::vector<Document> all;
  all.reserve(index.keys.size());
  for (const DocKey& key : index.keys) all.push_back(table.at(key.key));
  return all;
}

std::optional<Document> TinyDbTables::update_resume(const std::string& resume_id,
                                                    const Json& patch) {
  require_object_patch(patch);
  const auto keys = keys_where(kResumes, resume_id);
  if (keys.empty()) return std::nullopt;
  const std::string now = now_iso8601();
  for (const std::string& key : keys) {
    Json& record = touch(kResumes, key);
    for (auto it = patch.begin(); it != patch.end(); ++it) record[it.key()] = it.value();
    record["updated_at"] = now;
  }
  settle();
  return tables_.at(kResumes).at(keys.front());
}

bool TinyDbTables::delete_resume(const std::string& resume_id) {
  const auto keys = keys_where(kResumes, resume_id);
  if (keys.empty()) return false;
  for (const std::string& key : keys) remove(kResumes, key);
  for (const std::string& key : keys_where(kImprovements, resume_id)) remove(kImprovements, key);
  settle();
  return true;
}

std::optional<Document> TinyDbTables::get_master_resume() const {
  settle();
  const TableIndex& index = index_of(kResumes);
  if (index.masters.empty()) return std::nullopt;
  return tables_.at(kResumes).at(index.masters.begin()->key);
}

bool TinyDbTables::set_master(const std::string& resume_id) {
  const auto targets = keys_where(kResumes, resume_id);
  // Checked before anything is unset, so an unknown id leaves the master alone (API-003).
  if (targets.empty()) return false;
  std::vector<std::string> masters;
  for (const DocKey& key : index_of(kResumes).masters) masters.push_back(key.key);
  for (const std::string& key : masters) touch(kResumes, key)["is_master"] = false;
  touch(kResumes, targets.front())["is_master"] = true;
  settle();
  return true;
}

// --- jobs ----------------------------------------------------------------------

Document TinyDbTables::create_job(const NewJob& job) {
  Document doc = job_record(job, new_uuid4(), now_iso8601());
  touch(kJobs, next_doc_id(kJobs)) = doc;
  settle();
  return doc;
}

std::optional<Document> TinyDbTables::get_job(const std::string& job_id) const {
  const Json* record = first_where(kJobs, job_id);
  if (record == nullptr) return std::nullopt;
  return *record;
}

std::optional<Document> TinyDbTables::update_job(const std::string& job_id, const Json& patch) {
  require_object_patch(patch);
  const auto keys = keys_where(kJobs, job_id);
  if (keys.empty()) return std::nullopt;
  for (const std::string& key : keys) {
    Json& record = touch(kJobs, key);
    for (auto it = patch.begin(); it != patch.end(); ++it) record[it.key()] = it.value();
  }
  settle();
  return tables_.at(kJobs).at(keys.front());
}

bool TinyDbTables::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                    const std::string& hash) {
  const auto keys = keys_where(kJobs, job_id);
  if (keys.empty()) return false;
  for (const std::string& key : keys) {
    Json& record = touch(kJobs, key);
    Json& hashes = record["preview_hashes"];
    // A legacy shape cannot say which prompt its hashes belong to: drop it, so
    // that no confirm can ever match another prompt's hash (API-010 d).
    if (!hashes.is_object()) hashes = Json::object();
    hashes[prompt_id] = hash;
    record.erase("preview_hash");
  }
  settle();
  return true;
}

// --- improvements --------------------------------------------------------------

Document TinyDbTables::create_improvement(const NewImprovement& improvement) {
  Document doc = improvement_record(improvement, new_uuid4(), now_iso8601());
  touch(kImprovements, next_doc_id(kImprovements)) = doc;
  settle();
  return doc;
}

std::optional<Document> TinyDbTables::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) const {
  const Json* record = first_where(kImprovements, tailored_resume_id);
  if (record == nullptr) return std::nullopt;
  return *record;
}

// --- whole store -----------------------------------------------------------------

std::vector<Document> TinyDbTables::list_resume_summaries() const {
  settle();
  const Json& table = tables_.at(kResumes);
  const TableIndex& index = index_of(kResumes);
  std::vector<Document> all;
  all.reserve(index.keys.size());
  for (const DocKey& key : index.keys) all.push_back(resume_summary(table.at(key.key)));
  return all;
}

SharedSummaries TinyDbTables::shared_resume_summaries() const {
  settle();
  if (!summaries_)
    summaries_ = std::make_shared<const std::vector<Document>>(list_resume_summaries());
  return summaries_;
}

StoreStats TinyDbTables::stats() const {
  settle();
  StoreStats s;
  s.total_resumes = count_records(tables_.at(kResumes));
  s.total_jobs = count_records(tables_.at(kJobs));
  s.total_improvements = count_records(tables_.at(kImprovements));
  s.has_master_resume = !index_of(kResumes).masters.empty();
  return s;
}

Json TinyDbTables::export_tables() const { return tables_; }

void TinyDbTables::clear() {
  for (auto it = tables_.begin(); it != tables_.end(); ++it) *it = Json::object();
  for (const char* name : {kResumes, kJobs, kImprovements}) tables_[name] = Json::object();
  rebuild_index();
}

}  // namespace rm
