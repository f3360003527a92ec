#include "mocks/fault/faulty_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "mocks/store/record_shapes.hpp"
#include "reference/domain/ids.hpp"

namespace rm {
namespace {

constexpr const char* kResume = "resume:";
constexpr const char* kJob = "job:";
constexpr const char* kImprovement = "improvement:";

[[noreturn]] void throw_store_error(const FaultAction& action, std::string_view operation) {
  throw StoreError(action.message.empty() ? "injected store failure in " + std::string(operation)
                                          : action.message);
}

std::string string_field(const Document& doc, const char* key) {
  if (doc.is_object() && doc.contains(key) && doc.at(key).is_string()) {
    return doc.at(key).get<std::string>();
  }
  return {};
}

// A UUID4 from the injector's seeded side stream, for records a dropped create
// claims to have stored.
std::string invented_uuid(FaultInjector& injector) {
  std::uint64_t hi = injector.draw_aux();
  std::uint64_t lo = injector.draw_aux();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char out[37];
  std::snprintf(out, sizeof out, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xffff),
                static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return out;
}

// dict.update, as the store's own update does.
Document merged(Document record, const Json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("update patch must be a JSON object");
  for (const auto& [key, value] : patch.items()) record[key] = value;
  return record;
}

bool is(const std::optional<FaultAction>& action, FaultActionKind kind) {
  return action && action->kind == kind;
}

// legacy_record: the resume as code from before processing_status wrote it.
std::optional<Document> legacy(std::optional<Document> record) {
  if (record && record->is_object()) record->erase("processing_status");
  return record;
}

const char* policy_name(MasterPolicy policy) {
  switch (policy) {
    case MasterPolicy::kNotMaster:
      return "not_master";
    case MasterPolicy::kMaster:
      return "master";
    case MasterPolicy::kMasterIfNone:
      return "master_if_none";
  }
  return "unknown";
}

}  // namespace

// Per record key ("resume:<id>", "job:<id>", "improvement:<tailored id>"): the
// version before the last write through this decorator; nullopt = did not exist.
// Only the `capacity` most recently written records are kept (the oldest write is
// forgotten first): a long run that creates and deletes records without end must
// not keep every deleted one.
class FaultyStore::History {
 public:
  explicit History(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

  void remember(const std::string& key, std::optional<Document> previous) {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = previous_.try_emplace(key);
    it->second.version = std::move(previous);
    if (!inserted) order_.erase(it->second.position);
    it->second.position = order_.insert(order_.end(), key);
    while (previous_.size() > capacity_) {
      previous_.erase(order_.front());
      order_.pop_front();
    }
  }
  std::optional<std::optional<Document>> find(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = previous_.find(key);
    if (it == previous_.end()) return std::nullopt;
    return it->second.version;
  }
  std::map<std::string, std::optional<Document>> snapshot() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::optional<Document>> out;
    for (const auto& [key, entry] : previous_) out.emplace(key, entry.version);
    return out;
  }
  void forget() {
    std::lock_guard lock(mutex_);
    previous_.clear();
    order_.clear();
  }

 private:
  struct Entry {
    std::optional<Document> version;
    std::list<std::string>::iterator position;  // in order_
  };
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> previous_;
  std::list<std::string> order_;  // keys of previous_, least recently written first
};

FaultyStore::FaultyStore(std::shared_ptr<Store> inner, std::shared_ptr<FaultInjector> injector,
                         std::size_t remembered_records)
    : StoreWrapper(std::move(inner)),
      injector_(std::move(injector)),
      history_(std::make_unique<History>(remembered_records)) {}

FaultyStore::~FaultyStore() = default;

void FaultyStore::forget_history() { history_->forget(); }

std::optional<FaultAction> FaultyStore::fault(const char* operation, const FaultArgs& args) {
  std::optional<FaultAction> action = injector_->on_call(FaultComponent::kStore, operation, args);
  if (action && action->kind == FaultActionKind::kFail) throw_store_error(*action, operation);
  return action;
}

// --- resumes ---------------------------------------------------------------

Document FaultyStore::create_resume(const NewResume& resume, MasterPolicy policy) {
  FaultArgs args{{"filename", resume.filename},
                 {"content_type", resume.content_type},
                 {"processing_status", resume.processing_status},
                 {"policy", policy_name(policy)}};
  if (resume.parent_id) args["parent_id"] = *resume.parent_id;
  auto action = fault("create_resume", args);
  if (is(action, FaultActionKind::kDropWrite)) {
    bool is_master = policy == MasterPolicy::kMaster ||
                     (policy == MasterPolicy::kMasterIfNone && !target().get_master_resume());
    return resume_record(resume, invented_uuid(*injector_), is_master, now_iso8601());
  }
  Document created = StoreWrapper::create_resume(resume, policy);
  history_->remember(kResume + string_field(created, "resume_id"), std::nullopt);
  return created;
}

std::optional<Document> FaultyStore::get_resume(const std::string& resume_id) {
  auto action = fault("get_resume", {{"resume_id", resume_id}});
  if (is(action, FaultActionKind::kStaleRead)) {
    if (auto previous = history_->find(kResume + resume_id)) return *previous;
  }
  if (is(action, FaultActionKind::kLegacyRecord))
    return legacy(StoreWrapper::get_resume(resume_id));
  return StoreWrapper::get_resume(resume_id);
}

std::vector<Document> FaultyStore::stale_resume_list() {
  std::vector<Document> current = StoreWrapper::list_resumes();
  auto previous = history_->snapshot();
  std::vector<Document> out;
  std::set<std::string> seen;
  for (auto& record : current) {
    std::string key = kResume + string_field(record, "resume_id");
    seen.insert(key);
    auto it = previous.find(key);
    if (it == previous.end()) {
      out.push_back(std::move(record));
    } else if (it->second) {
      out.push_back(*it->second);
    }
  }
  // Records deleted since: a stale reader still sees them.
  for (const auto& [key, record] : previous) {
    if (key.rfind(kResume, 0) == 0 && !seen.count(key) && record) out.push_back(*record);
  }
  return out;
}

std::vector<Document> FaultyStore::list_resumes() {
  auto action = fault("list_resumes");
  if (is(action, FaultActionKind::kStaleRead)) return stale_resume_list();
  if (is(action, FaultActionKind::kLegacyRecord)) {
    std::vector<Document> records = StoreWrapper::list_resumes();
    for (Document& record : records) record = *legacy(std::move(record));
    return records;
  }
  return StoreWrapper::list_resumes();
}

std::optional<std::vector<Document>> FaultyStore::faulted_summaries(
    const std::optional<FaultAction>& action) {
  if (is(action, FaultActionKind::kStaleRead)) {
    std::vector<Document> stale = stale_resume_list();
    for (Document& record : stale) record = resume_summary(record);
    return stale;
  }
  if (is(action, FaultActionKind::kLegacyRecord)) {
    // Summarised as a legacy record is: with what its status is inferred from.
    std::vector<Document> records = StoreWrapper::list_resumes();
    for (Document& record : records) record = resume_summary(*legacy(std::move(record)));
    return records;
  }
  return std::nullopt;
}

// The same fault point as list_resumes: a plan aimed at the listing still hits it.
std::vector<Document> FaultyStore::list_resume_summaries() {
  if (auto faulted = faulted_summaries(fault("list_resumes"))) return std::move(*faulted);
  return StoreWrapper::list_resume_summaries();
}

// The same fault point again; a faulted listing is a new snapshot every call,
// so nothing derived from the wrapped store's snapshot is reused for it.
SharedSummaries FaultyStore::shared_resume_summaries() {
  if (auto faulted = faulted_summaries(fault("list_resumes"))) {
    return std::make_shared<const std::vector<Document>>(std::move(*faulted));
  }
  return StoreWrapper::shared_resume_summaries();
}

std::optional<Document> FaultyStore::update_resume(const std::string& resume_id,
                                                   const Json& patch) {
  auto action = fault("update_resume", {{"resume_id", resume_id}});
  if (is(action, FaultActionKind::kMatchNothing)) return std::nullopt;
  if (is(action, FaultActionKind::kDropWrite)) {
    auto current = target().get_resume(resume_id);
    if (!current) return std::nullopt;
    Document claimed = merged(std::move(*current), patch);
    claimed["updated_at"] = now_iso8601();
    return claimed;
  }
  auto before = target().get_resume(resume_id);
  auto updated = StoreWrapper::update_resume(resume_id, patch);
  if (updated) history_->remember(kResume + resume_id, std::move(before));
  return updated;
}

bool FaultyStore::delete_resume(const std::string& resume_id) {
  auto action = fault("delete_resume", {{"resume_id", resume_id}});
  if (is(action, FaultActionKind::kMatchNothing)) return false;
  if (is(action, FaultActionKind::kDropWrite)) return target().get_resume(resume_id).has_value();
  auto before = target().get_resume(resume_id);
  auto improvement = target().get_improvement_by_tailored_resume(resume_id);
  bool deleted = StoreWrapper::delete_resume(resume_id);
  if (deleted) {
    history_->remember(kResume + resume_id, std::move(before));
    if (improvement) history_->remember(kImprovement + resume_id, std::move(improvement));
  }
  return deleted;
}

std::optional<Document> FaultyStore::get_master_resume() {
  auto action = fault("get_master_resume");
  if (is(action, FaultActionKind::kStaleRead)) {
    for (auto& record : stale_resume_list()) {
      if (record.is_object() && record.value("is_master", false) == true) return record;
    }
    return std::nullopt;
  }
  if (is(action, FaultActionKind::kLegacyRecord)) return legacy(StoreWrapper::get_master_resume());
  return StoreWrapper::get_master_resume();
}

bool FaultyStore::set_master(const std::string& resume_id) {
  auto action = fault("set_master", {{"resume_id", resume_id}});
  if (is(action, FaultActionKind::kMatchNothing)) return false;
  if (is(action, FaultActionKind::kDropWrite)) return target().get_resume(resume_id).has_value();
  auto old_master = target().get_master_resume();
  auto before = target().get_resume(resume_id);
  bool moved = StoreWrapper::set_master(resume_id);
  if (moved) {
    history_->remember(kResume + resume_id, std::move(before));
    std::string old_id = old_master ? string_field(*old_master, "resume_id") : "";
    if (old_master && old_id != resume_id) {
      history_->remember(kResume + old_id, std::move(old_master));
    }
  }
  return moved;
}

// --- jobs --------------------------------------------------------------------

Document FaultyStore::create_job(const NewJob& job) {
  FaultArgs args;
  if (job.resume_id) args["resume_id"] = *job.resume_id;
  auto action = fault("create_job", args);
  if (is(action, FaultActionKind::kDropWrite)) {
    return job_record(job, invented_uuid(*injector_), now_iso8601());
  }
  Document created = StoreWrapper::create_job(job);
  history_->remember(kJob + string_field(created, "job_id"), std::nullopt);
  return created;
}

std::optional<Document> FaultyStore::get_job(const std::string& job_id) {
  auto action = fault("get_job", {{"job_id", job_id}});
  if (is(action, FaultActionKind::kStaleRead)) {
    if (auto previous = history_->find(kJob + job_id)) return *previous;
  }
  return StoreWrapper::get_job(job_id);
}

std::optional<Document> FaultyStore::update_job(const std::string& job_id, const Json& patch) {
  auto action = fault("update_job", {{"job_id", job_id}});
  if (is(action, FaultActionKind::kMatchNothing)) return std::nullopt;
  if (is(action, FaultActionKind::kDropWrite)) {
    auto current = target().get_job(job_id);
    if (!current) return std::nullopt;
    return merged(std::move(*current), patch);
  }
  auto before = target().get_job(job_id);
  auto updated = StoreWrapper::update_job(job_id, patch);
  if (updated) history_->remember(kJob + job_id, std::move(before));
  return updated;
}

bool FaultyStore::set_preview_hash(const std::string& job_id, const std::string& prompt_id,
                                   const std::string& hash) {
  auto action = fault("set_preview_hash", {{"job_id", job_id}, {"prompt_id", prompt_id}});
  if (is(action, FaultActionKind::kMatchNothing)) return false;
  if (is(action, FaultActionKind::kDropWrite)) return target().get_job(job_id).has_value();
  auto before = target().get_job(job_id);
  bool set = StoreWrapper::set_preview_hash(job_id, prompt_id, hash);
  if (set) history_->remember(kJob + job_id, std::move(before));
  return set;
}

// --- improvements ------------------------------------------------------------

Document FaultyStore::create_improvement(const NewImprovement& improvement) {
  auto action = fault("create_improvement", {{"original_resume_id", improvement.original_resume_id},
                                             {"tailored_resume_id", improvement.tailored_resume_id},
                                             {"job_id", improvement.job_id}});
  if (is(action, FaultActionKind::kDropWrite)) {
    return improvement_record(improvement, invented_uuid(*injector_), now_iso8601());
  }
  auto before = target().get_improvement_by_tailored_resume(improvement.tailored_resume_id);
  Document created = StoreWrapper::create_improvement(improvement);
  history_->remember(kImprovement + improvement.tailored_resume_id, std::move(before));
  return created;
}

std::optional<Document> FaultyStore::get_improvement_by_tailored_resume(
    const std::string& tailored_resume_id) {
  auto action =
      fault("get_improvement_by_tailored_resume", {{"tailored_resume_id", tailored_resume_id}});
  if (is(action, FaultActionKind::kStaleRead)) {
    if (auto previous = history_->find(kImprovement + tailored_resume_id)) return *previous;
  }
  return StoreWrapper::get_improvement_by_tailored_resume(tailored_resume_id);
}

// --- whole store -------------------------------------------------------------

StoreStats FaultyStore::stats() {
  fault("stats");
  return StoreWrapper::stats();
}

Json FaultyStore::export_tables() {
  fault("export_tables");
  return StoreWrapper::export_tables();
}

void FaultyStore::clear() {
  auto action = fault("clear");
  if (is(action, FaultActionKind::kDropWrite)) return;
  Json before = target().export_tables();
  StoreWrapper::clear();
  auto remember_table = [&](const char* table, const char* id_field, const char* prefix) {
    if (!before.is_object() || !before.contains(table) || !before.at(table).is_object()) return;
    for (const auto& [doc_id, record] : before.at(table).items()) {
      std::string id = string_field(record, id_field);
      if (!id.empty()) history_->remember(prefix + id, record);
    }
  };
  remember_table("resumes", "resume_id", kResume);
  remember_table("jobs", "job_id", kJob);
  remember_table("improvements", "tailored_resume_id", kImprovement);
}

}  // namespace rm
