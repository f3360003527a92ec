#pragma once
// What the harness drives: an implementation of the resume API, reached either
// in-process (embedded) or over HTTP (process, command, url). Scenarios are
// written once against this interface. A target says which hooks it offers; a
// scenario that needs a missing hook is `not_testable`, never `pass`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/hook.hpp"
#include "mocks/fault/fault_plan.hpp"
#include "mocks/fault/scheduler.hpp"
#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

struct HookStatus {
  bool available = false;
  std::string reason;  // why not, when unavailable (names what is missing)
  // Available until the scenario's own traffic shows otherwise: the llm hook of an
  // HTTP target before any request of the target has reached the mock LLM. The
  // runner judges it after the run (no request at all -> not_testable).
  bool by_traffic = false;
};

class Target {
 public:
  virtual ~Target() = default;

  // e.g. "embedded", "process", "url http://127.0.0.1:8000".
  virtual std::string describe() const = 0;
  virtual HookStatus hook(Hook hook) = 0;

  // One request; `request.path` may carry a query string only in `request.query`.
  // Thread-safe: race scenarios call it from several threads at once.
  virtual ApiResponse send(const ApiRequest& request) = 0;

  // Installs a plan: llm rules go to the LLM side, store/converter rules to the
  // target's control API. Throws std::runtime_error when a needed side has no hook.
  virtual void install_plan(const FaultPlan& plan) = 0;
  virtual void clear_plan() = 0;
  // Waits until `count` calls are held at `gate` or the timeout passes; returns how
  // many arrived. Never sleeps: the side that owns the gate blocks until then.
  virtual int wait_for_arrivals(const std::string& gate, int count, int timeout_ms) = 0;
  virtual int release(const std::string& gate, bool all) = 0;
  // Fired faults of both sides as a JSON array (see docs/fault-plan.md).
  virtual Json journal() = 0;
  // How many requests of the target reached the harness's mock LLM since the last
  // reset, of any kind (completions, health checks, unrecognised prompts): whether
  // the target uses the mock at all.
  virtual std::int64_t llm_calls() = 0;

  // The stored tables in TinyDB layout; nullopt without the store hook.
  virtual std::optional<Json> store_tables() = 0;
  // A fresh target state: empty store (or the given fixture tables in TinyDB layout,
  // opened as a restart would: legacy records migrate), no plan, gates released.
  virtual void reset(const std::optional<Json>& fixture_tables = std::nullopt) = 0;
  // Restarts the target on its current data (API-005: migration after a restart).
  virtual void restart() = 0;

  // Schedule exploration (docs/schedules.md), for targets with the `schedule` hook:
  // a run of the target's scheduler whose actors are the requests tagged
  // "X-Rm-Actor: <run>.<n>". Without the hook: schedule_begin() is nullopt.
  virtual std::optional<std::uint64_t> schedule_begin() { return std::nullopt; }
  // Waits until `actors` actors are parked or done (quiescent), or the timeout.
  virtual ScheduleState schedule_wait(int actors, int timeout_ms) { return {}; }
  virtual bool schedule_step(int actor) { return false; }
  virtual void schedule_end() {}

  // What the user should know about the run beyond the verdicts (e.g. prompts the
  // mock LLM did not recognise and answered generically); one line each.
  virtual std::vector<std::string> notices() { return {}; }
};

}  // namespace rm::harness
