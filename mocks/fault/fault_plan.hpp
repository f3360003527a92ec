#pragma once
// A fault plan as data: a seed and an ordered list of rules, each naming the calls
// it hits and what happens to them. Parsed from JSON (schema: docs/fault-plan.md),
// validated completely up front, and printed back as canonical JSON so a failing
// run can show the exact plan it ran with.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mocks/fault/fault_operations.hpp"
#include "reference/ports/document.hpp"

namespace rm {

// An invalid plan. what() names the place, e.g. "rules[2].nth: must be an integer >= 1".
class FaultPlanError : public std::invalid_argument {
 public:
  FaultPlanError(std::optional<std::size_t> rule_index, std::string field,
                 const std::string& problem);
  std::optional<std::size_t> rule_index() const { return rule_index_; }
  const std::string& field() const { return field_; }

 private:
  std::optional<std::size_t> rule_index_;
  std::string field_;
};

// What a rule does to a call it hits. Only the fields of its kind are meaningful.
struct FaultAction {
  FaultActionKind kind = FaultActionKind::kFail;
  std::int64_t ms = 0;           // delay: base duration
  std::int64_t jitter_ms = 0;    // delay: + a seeded draw in [0, jitter_ms]
  std::string gate;              // gate: the gate's name
  std::int64_t retry_after = 1;  // rate_limited: seconds
  int status = 500;              // server_error: HTTP status 500..599
  std::string message;           // fail / throw: the error's text (a default when empty)
  bool operator==(const FaultAction&) const = default;
};

struct FaultRule {
  FaultComponent component = FaultComponent::kStore;
  // Operation names, or exactly {"*"}: every operation the action applies to.
  std::vector<std::string> operations;
  // Which of the calls matching component/operation/when this rule hits.
  std::optional<std::int64_t> nth;    // only the nth match (1-based)
  std::optional<std::int64_t> times;  // fires at most this many times
  std::int64_t after = 0;             // skips the first `after` matches
  std::optional<double> probability;  // each eligible match fires with this chance
  // Argument name -> ECMAScript regex that must be found in the argument's value.
  std::map<std::string, std::string> when;
  FaultAction action;
  std::string comment;
  bool operator==(const FaultRule&) const = default;

  bool any_operation() const { return operations.size() == 1 && operations.front() == "*"; }
};

struct FaultPlan {
  std::uint64_t seed = 0;
  std::vector<FaultRule> rules;
  std::string comment;
  bool operator==(const FaultPlan&) const = default;

  // Canonical JSON: keys sorted, defaults filled; from_json(to_json()) == *this.
  Json to_json() const;
  // Throws FaultPlanError on any invalid field; never anything else.
  static FaultPlan from_json(const Json& json);
};

// The expected-style form: a plan, or the error message naming rule index and field.
struct FaultPlanParse {
  std::optional<FaultPlan> plan;
  std::string error;
  bool ok() const { return plan.has_value(); }
};

FaultPlanParse parse_fault_plan(const Json& json);
// From JSON text; text that is not JSON is an error like any other.
FaultPlanParse parse_fault_plan_text(std::string_view text);

}  // namespace rm
