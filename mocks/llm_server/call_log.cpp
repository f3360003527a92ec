#include "mocks/llm_server/call_log.hpp"

namespace rm {

void CallLog::count_request() {
  std::lock_guard lock(mutex_);
  ++requests_;
}

std::int64_t CallLog::count_call(const std::string& operation, const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  ++calls_[operation];
  return ++attempts_[{operation, fingerprint}];
}

void CallLog::record(CallRecord record) {
  std::lock_guard lock(mutex_);
  Json entry{{"n", ++logged_},
             {"operation", std::move(record.operation)},
             {"attempt", record.attempt},
             {"status", record.status},
             {"t_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started_)
                          .count()}};
  if (!record.prompt_start.empty()) entry["prompt_start"] = std::move(record.prompt_start);
  log_.push_back(std::move(entry));
  while (log_.size() > kMaxEntries) log_.pop_front();
}

void CallLog::reset() {
  std::lock_guard lock(mutex_);
  started_ = std::chrono::steady_clock::now();
  requests_ = 0;
  calls_.clear();
  attempts_.clear();
  log_.clear();
  logged_ = 0;
}

std::map<std::string, std::int64_t> CallLog::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

Json CallLog::counts_json() const {
  std::lock_guard lock(mutex_);
  Json by_operation = Json::object();
  std::int64_t total = 0;
  for (const auto& [operation, n] : calls_) {
    by_operation[operation] = n;
    if (operation != "health" && operation != "unknown" && operation != "unrecognised") total += n;
  }
  return Json{{"calls", by_operation}, {"total", total}, {"requests", requests_}};
}

Json CallLog::log_json() const {
  std::lock_guard lock(mutex_);
  return Json{{"log", Json(std::vector<Json>(log_.begin(), log_.end()))},
              {"dropped", logged_ - static_cast<std::int64_t>(log_.size())}};
}

}  // namespace rm
