#pragma once
// The record of every rule that fired, in firing order, so a test (or a failure
// report) can show exactly which calls were faulted and how.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mocks/fault/fault_operations.hpp"
#include "reference/ports/document.hpp"

namespace rm {

struct JournalEntry {
  FaultComponent component = FaultComponent::kStore;
  std::string operation;
  std::int64_t call = 0;  // 1-based number of this call to `operation` since the plan was installed
  std::size_t rule = 0;   // index of the rule in the plan
  FaultActionKind action = FaultActionKind::kFail;
  std::string gate;                      // gate actions
  std::optional<std::int64_t> delay_ms;  // delay actions: the duration drawn (jitter included)
  std::int64_t t_ms = 0;                 // monotonic milliseconds since the plan was installed
  // Set when the entry records an event instead of a fired rule (mock-llm's
  // "unrecognised_prompt"); such an entry has no rule or action.
  std::string event;
  // Fields the caller adds (mock-llm: "attempt", and for unknown prompts
  // "prompt_start" and "hint"); they never replace the fields above.
  Json fields = Json::object();

  // {"component","operation","call","rule","action","t_ms"[,"gate"][,"delay_ms"], ...fields};
  // an event: {"component","operation","call","event","t_ms", ...fields}
  Json to_json() const;
};

class Journal {
 public:
  void record(JournalEntry entry);
  std::vector<JournalEntry> entries() const;
  std::size_t size() const;
  void clear();
  // An array of the entries' JSON, in firing order.
  Json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::vector<JournalEntry> entries_;
};

}  // namespace rm
