#pragma once
// What mock-llm counts and logs, since start or the last reset, so that a
// harness can tell whether a target's LLM traffic reaches the mock at all and
// how often the target retries:
//  - requests: every request to the OpenAI API paths (chat completions of any
//    kind, model lists, even malformed ones);
//  - calls per operation ("health" counts GET /v1/models and health chats,
//    "unknown" the prompts nothing recognised, "unrecognised" the requests with
//    an X-Operation header mock-llm does not know);
//  - total: the calls of recognised operations other than health, i.e. the
//    model work the target asked for;
//  - attempt: the k-th call with the same operation and the same prompt
//    fingerprint (a retry's hint stripped), so retries show up as attempt 2, 3...
//  - a log of the last kMaxEntries calls with their answer's status.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "reference/ports/document.hpp"

namespace rm {

struct CallRecord {
  std::string operation;
  std::int64_t attempt = 0;
  int status = 0;
  std::string prompt_start;  // unknown prompts only
};

class CallLog {
 public:
  static constexpr std::size_t kMaxEntries = 1000;

  void count_request();
  // Counts a call and returns its attempt number.
  std::int64_t count_call(const std::string& operation, const std::string& fingerprint);
  void record(CallRecord record);
  void reset();

  std::map<std::string, std::int64_t> calls() const;
  // {"calls": {operation: n}, "total": n, "requests": n}
  Json counts_json() const;
  // {"log": [{"n", "operation", "attempt", "status", "t_ms"[, "prompt_start"]}],
  //  "dropped": n}: n numbers the calls since start/reset; dropped counts the oldest
  // entries no longer kept.
  Json log_json() const;

 private:
  mutable std::mutex mutex_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::int64_t requests_ = 0;
  std::map<std::string, std::int64_t> calls_;
  std::map<std::pair<std::string, std::string>, std::int64_t> attempts_;
  std::deque<Json> log_;
  std::int64_t logged_ = 0;
};

}  // namespace rm
