#pragma once
// A scenario: one fault contract (or part of one) of contract section 2, written
// once against Target. Scenarios register themselves (RM_SCENARIO) into a
// registry that both the GoogleTest suites and the `harness` CLI run.
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "harness/check.hpp"
#include "harness/target.hpp"

namespace rm::harness {

class ScheduleRun;

struct ScenarioContext {
  Target& target;
  Check& check;
  std::uint64_t seed;
  // Set while the runner explores schedules: flows::Background then runs its
  // requests as the scheduler's actors and drives them through this run.
  ScheduleRun* schedule = nullptr;

  // target.send() + check.saw(): the exchange becomes citable evidence.
  ApiResponse send(const ApiRequest& request);
};

struct Scenario {
  // Every member has a default initialiser so that designated initialisers may
  // leave any of them out without -Wmissing-field-initializers.
  std::string issue{};        // "API-002"
  std::string name{};         // "concurrent_first_uploads_one_master"
  std::string description{};  // one line: the fault and what MUST surface
  std::vector<Hook> needs{};  // hooks without which the verdict is not_testable
  // Race scenarios: with kStoreGate missing they run statistically (rounds of
  // concurrent requests; no violation -> not_observed) instead of not_testable.
  bool race = false;
  std::function<void(ScenarioContext&)> run{};
  // The statistical fallback of a race scenario (one round); empty when none.
  std::function<void(ScenarioContext&)> run_statistical_round{};
  // One exploration run: set-up, concurrent requests in a flows::Background, the
  // checks. On a target with the schedule hook the runner runs it under every
  // schedule the explorer enumerates (docs/schedules.md); empty: the statistical
  // round is used.
  std::function<void(ScenarioContext&)> run_explored_round{};
};

class ScenarioRegistry {
 public:
  static ScenarioRegistry& instance();
  // Throws std::invalid_argument for an unknown issue id, an empty name, no run
  // function, or a second scenario with the same issue and name.
  void add(Scenario scenario);
  // Sorted by issue, then name.
  std::vector<const Scenario*> all() const;
  std::vector<const Scenario*> for_issue(const std::string& issue) const;
  const Scenario* find(const std::string& issue, const std::string& name) const;

 private:
  // A deque: pointers handed out by all() stay valid when later scenarios register.
  std::deque<Scenario> scenarios_;
};

struct ScenarioRegistrar {
  explicit ScenarioRegistrar(Scenario scenario) {
    ScenarioRegistry::instance().add(std::move(scenario));
  }
};

}  // namespace rm::harness

// Registers a scenario at static-initialisation time, e.g.
//   RM_SCENARIO({.issue = "API-003", .name = "set_master_missing_id", ...,
//                .run = [](rm::harness::ScenarioContext& ctx) { ... }});
// The file must be linked into the executable as an object file (not from a
// static library, whose unreferenced members the linker drops): see the
// rm_issue_scenarios OBJECT library in the root CMakeLists.txt.
#define RM_SCENARIO_CONCAT_INNER(a, b) a##b
#define RM_SCENARIO_CONCAT(a, b) RM_SCENARIO_CONCAT_INNER(a, b)
#define RM_SCENARIO(...)                                                                   \
  static const ::rm::harness::ScenarioRegistrar RM_SCENARIO_CONCAT(rm_scenario_registrar_, \
                                                                   __COUNTER__) {          \
    ::rm::harness::Scenario __VA_ARGS__                                                    \
  }
