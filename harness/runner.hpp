#pragma once
// Runs scenarios against a Target and turns what each one recorded into a
// verdict. For each scenario: the hooks it needs (a missing one -> not_testable
// naming it; a race scenario without a store gate runs its statistical round R
// times instead: a violation -> fail with the observed rate, none ->
// not_observed); a reset; the run; then the section 3 invariants (store tables
// when the target has the store hook, ids returned by 200 responses always);
// the verdict and the time taken. Exceptions become `error`.
//
// The results are plain data (run_result.hpp): the report writers (reports/)
// and the GoogleTest suites read them.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "harness/check.hpp"
#include "harness/run_result.hpp"
#include "harness/scenario.hpp"
#include "harness/target.hpp"
#include "harness/verdict.hpp"

namespace rm::harness {

inline constexpr int kDefaultStatisticalRounds = 20;

// Told as scenarios start and finish (a live progress display); called on the
// runner's thread.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void scenario_started(const Scenario& scenario, int index, int total) = 0;
  virtual void scenario_finished(const ScenarioResult& result, int index, int total) = 0;
};

struct RunOptions {
  std::vector<std::string> issues;      // "API-002" (any form parse_issue_id takes); empty = all
  std::optional<std::string> scenario;  // one scenario name; empty = all
  std::uint64_t seed = kDefaultSeed;    // repetition i runs with seed + i
  // Repetitions of each scenario (default 1), and rounds of a statistical race
  // run (default kDefaultStatisticalRounds).
  std::optional<int> repeat;
  // Only for the replay commands: the arguments that recreate the target
  // ("--target embedded") and the defect switched on, if any.
  std::string replay_target = "--target embedded";
  std::optional<std::string> defect;
  // One line per finished scenario goes here when set.
  std::ostream* progress = nullptr;
  RunObserver* observer = nullptr;
  // Shard i of n (1-based): only the scenarios whose stable hash of "issue/name"
  // falls in it, so that n CI jobs together run each scenario exactly once.
  std::optional<std::pair<int, int>> shard;
  // Schedule exploration of race scenarios on targets with the schedule hook
  // (docs/schedules.md): after the hand-gated run passes, every schedule with at
  // most `preemption_bound` preemptions (capped at max_schedules). `schedule`
  // (--schedule) runs that one schedule only, instead of the gated run.
  bool explore = true;
  // Race scenarios: exploration only, without the hand-gated run first (to show
  // what exploration alone catches).
  bool explore_only = false;
  int preemption_bound = 2;
  int max_schedules = 2000;
  std::optional<std::vector<int>> schedule;
};

// Which shard (0-based, of `count`) a scenario belongs to: FNV-1a of "issue/name",
// so adding a scenario never moves the others.
int shard_of(const std::string& issue, const std::string& name, int count);

// The scenarios `options` selects (issues, scenario name), sorted by issue and
// name. Throws std::invalid_argument for an issue id that does not parse.
std::vector<const Scenario*> select_scenarios(const std::vector<const Scenario*>& all,
                                              const RunOptions& options);

// The one-line command that replays `result`.
std::string replay_command(const ScenarioResult& result, const RunOptions& options);

ScenarioResult run_scenario(const Scenario& scenario, Target& target, const RunOptions& options);

// Runs each in order, printing progress to options.progress.
RunResult run_scenarios(const std::vector<const Scenario*>& scenarios, Target& target,
                        const RunOptions& options);

// "[ 3/27] API-002 concurrent_first_uploads .......... pass        12 ms"
std::string progress_line(const ScenarioResult& result, int index, int total);

}  // namespace rm::harness
