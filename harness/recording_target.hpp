#pragma once
// A Target that forwards to another and watches the exchanges on the way: every
// answered request feeds an IdTracker (contract section 3: ids returned by a 200
// must exist), and every reset remembers which store invariants the starting
// state (a fixture) already broke, so that a scenario is blamed only for what
// happened during it (API-012's fixture holds a tailored resume without an
// improvement record on purpose). The runner wraps each target in one.
#include <mutex>
#include <string>
#include <vector>

#include "harness/invariants.hpp"
#include "harness/target.hpp"

namespace rm::harness {

class RecordingTarget : public Target {
 public:
  explicit RecordingTarget(Target& inner) : inner_(inner) {}

  std::string describe() const override { return inner_.describe(); }
  HookStatus hook(Hook hook) override { return inner_.hook(hook); }
  ApiResponse send(const ApiRequest& request) override;
  void install_plan(const FaultPlan& plan) override;
  void clear_plan() override { inner_.clear_plan(); }
  int wait_for_arrivals(const std::string& gate, int count, int timeout_ms) override {
    return inner_.wait_for_arrivals(gate, count, timeout_ms);
  }
  int release(const std::string& gate, bool all) override { return inner_.release(gate, all); }
  Json journal() override { return inner_.journal(); }
  std::int64_t llm_calls() override { return inner_.llm_calls(); }
  std::optional<Json> store_tables() override { return inner_.store_tables(); }
  // Forgets the tracked ids (the old records are gone) and records the baseline.
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) override;
  // The same, to tables whose store invariant violations are already known (a
  // snapshot checked when it was taken), without reading them back to check.
  void reset_to_known(const Json& fixture_tables, std::vector<std::string> baseline);
  void restart() override { inner_.restart(); }
  std::vector<std::string> notices() override { return inner_.notices(); }
  std::optional<std::uint64_t> schedule_begin() override { return inner_.schedule_begin(); }
  ScheduleState schedule_wait(int actors, int timeout_ms) override {
    return inner_.schedule_wait(actors, timeout_ms);
  }
  bool schedule_step(int actor) override { return inner_.schedule_step(actor); }
  void schedule_end() override { inner_.schedule_end(); }

  Target& inner() const { return inner_; }
  IdTracker& ids() { return ids_; }
  // Store invariant violations present right after the last reset.
  std::vector<std::string> baseline() const;
  // The llm operations named by the plans installed since the last reset, in
  // order, without repeats ("*" for a rule on every operation).
  std::vector<std::string> llm_operations() const;

 private:
  // What every reset does before the baseline: ids and plans forgotten, inner reset.
  void forget_and_reset(const std::optional<Json>& fixture_tables);

  Target& inner_;
  IdTracker ids_;
  mutable std::mutex mutex_;
  std::vector<std::string> baseline_;
  std::vector<std::string> llm_operations_;
};

}  // namespace rm::harness
