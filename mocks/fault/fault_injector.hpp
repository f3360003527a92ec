#pragma once
// The state shared by the Faulty* decorators: the installed plan (replaceable at
// runtime), per-operation call counters, per-rule hit counters, the plan's seeded
// RNG, the journal and the gates. Thread-safe. The decorators ask it, for every
// call, which rules fire; the injector performs the pauses (delay, gate) and
// hands back the one outcome (if any) for the decorator to apply.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mocks/fault/fault_plan.hpp"
#include "mocks/fault/gate.hpp"
#include "mocks/fault/journal.hpp"

namespace rm {

// A call's arguments that a rule's "when" can match, by name (e.g. "resume_id").
using FaultArgs = std::map<std::string, std::string>;

struct FiredFault {
  std::size_t rule = 0;
  FaultAction action;
  std::int64_t call = 0;      // this call's number for its operation
  std::int64_t delay_ms = 0;  // delay: the drawn duration
};

struct FaultDecision {
  std::vector<FiredFault> pauses;    // delay / gate rules that fired, in rule order
  std::optional<FiredFault> effect;  // the first outcome rule that fired
  std::uint64_t generation = 0;      // injector generation when decided
  std::uint64_t gate_epoch = 0;      // gate registry epoch when decided
  bool empty() const { return pauses.empty() && !effect; }
};

class FaultInjector {
 public:
  FaultInjector();
  explicit FaultInjector(FaultPlan plan);
  // Cuts every delay short and releases every gate.
  ~FaultInjector();
  FaultInjector(const FaultInjector&) = delete;
  FaultInjector& operator=(const FaultInjector&) = delete;

  // Replaces the plan and starts afresh: call and hit counters at zero, RNG
  // reseeded from plan.seed, journal emptied, clock restarted, held calls released
  // and gate counts forgotten. The same plan then does the same thing again.
  void install(FaultPlan plan);
  // No plan: calls pass untouched. Held calls are released and delays cut short;
  // the journal and gate counts stay readable.
  void clear();
  // clear() + empty journal + gate counts forgotten.
  void reset();
  std::optional<FaultPlan> plan() const;

  // Counts the call and decides which rules fire; records them in the journal,
  // each entry with `journal_fields` (an object, e.g. mock-llm's {"attempt": 2}).
  // Does not block.
  FaultDecision decide(FaultComponent component, std::string_view operation,
                       const FaultArgs& args = {}, const Json& journal_fields = Json::object());
  // Performs a decision's pauses (blocks for delays and at gates; a clear/reset
  // cuts both short).
  void hold(const FaultDecision& decision);
  // decide() + hold(); returns the outcome action the decorator must apply.
  std::optional<FaultAction> on_call(FaultComponent component, std::string_view operation,
                                     const FaultArgs& args = {},
                                     const Json& journal_fields = Json::object());
  // Journals an event that is no fired rule (mock-llm: a prompt nothing
  // recognised), timed like the rules' entries; with or without a plan.
  void record_event(FaultComponent component, std::string_view operation, std::string event,
                    std::int64_t call, Json fields);

  // Calls to `operation` since the plan was installed (0 without a plan).
  std::int64_t calls(FaultComponent component, std::string_view operation) const;

  // A second seeded stream, for values a decorator invents (ids of records a
  // dropped create never stored), so that they don't shift the decision draws.
  std::uint64_t draw_aux();

  Journal& journal() { return journal_; }
  const Journal& journal() const { return journal_; }
  GateRegistry& gates() { return gates_; }

 private:
  struct Installed;
  void drop_plan_locked(bool forget);

  mutable std::mutex mutex_;
  std::condition_variable cut_short_;
  std::uint64_t generation_ = 0;  // bumped by install / clear / reset
  std::unique_ptr<Installed> installed_;
  std::uint64_t aux_state_ = 0;
  // The journal's clock when no plan is installed (since start or the last reset).
  std::chrono::steady_clock::time_point events_started_ = std::chrono::steady_clock::now();
  Journal journal_;
  GateRegistry gates_;
};

}  // namespace rm
