#pragma once
// The catalogue a fault plan is checked against: which components exist, which
// operations each one has, which actions each component knows and which
// operations an action can meaningfully apply to (a stale read only makes sense
// for a read, "matched nothing" only for a write that reports a match).
#include <optional>
#include <string_view>
#include <vector>

namespace rm {

enum class FaultComponent { kStore, kLlm, kConverter };

enum class FaultActionKind {
  // Any component: hold the call before it reaches the wrapped port.
  kDelay,
  kGate,
  // store and converter
  kFail,
  // store
  kMatchNothing,
  kDropWrite,
  kStaleRead,
  kLegacyRecord,  // a resume read back as older code wrote it: no processing_status
  // llm
  kThrow,
  kTimeout,
  kNonJson,
  kTruncatedJson,
  kSchemaInvalid,
  kWrongButValid,
  kRateLimited,
  kServerError,
};

std::string_view component_name(FaultComponent component);
std::optional<FaultComponent> parse_component(std::string_view name);

std::string_view action_name(FaultActionKind action);
std::optional<FaultActionKind> parse_action(std::string_view name);

// delay and gate only hold a call; every other action decides its outcome.
bool is_pause_action(FaultActionKind action);

// Every operation of a component, in the port's declaration order.
const std::vector<std::string_view>& operations_of(FaultComponent component);
bool is_operation(FaultComponent component, std::string_view operation);

// Whether `component` knows `action` at all (e.g. stale_read is a store action).
bool action_allowed(FaultComponent component, FaultActionKind action);
// Whether `action` can apply to `operation`. A rule on "*" matches exactly the
// operations for which this is true.
bool action_applies(FaultComponent component, std::string_view operation, FaultActionKind action);

}  // namespace rm
