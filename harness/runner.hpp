#pragma once
// Runs scenarios against a Target and turns what each one recorded into a
// verdict. For each scenario: the hooks it needs (a missing one -> not_testable
// naming it; a race scenario without a store gate runs its statistical round R
// times instead: a violation -> fail with the observed rate, none ->
// not_observed); a reset; the run; then the section 3 invariants (store tables
// when the target has the store hook, ids returned by 200 responses always);
// the verdict and the time taken. Exceptions become `error`.
//
// The results are plain data: the console summary, the report writers and the
// GoogleTest suites all read them.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "harness/check.hpp"
#include "harness/scenario.hpp"
#include "harness/target.hpp"
#include "harness/verdict.hpp"

namespace rm::harness {

inline constexpr int kDefaultStatisticalRounds = 20;
inline constexpr std::uint64_t kDefaultSeed = 1;

struct ScenarioResult;

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
};

// Which shard (0-based, of `count`) a scenario belongs to: FNV-1a of "issue/name",
// so adding a scenario never moves the others.
int shard_of(const std::string& issue, const std::string& name, int count);

// One round of a statistical race run, as results.json reports it.
struct RoundResult {
  std::uint64_t seed = kDefaultSeed;
  // The MUSTs that failed in this round: those that depend on the interleaving
  // (the race), and those that a single request also shows.
  std::vector<std::string> race_violations;
  std::vector<std::string> without_concurrency;
};

struct ScenarioResult {
  std::string issue;
  std::string name;
  std::string description;
  std::vector<Hook> needs;
  bool race = false;
  Verdict verdict = Verdict::kPass;
  // Why, for every verdict but pass: the missing hook, the error, the observed
  // violation rate, "failed in 2 of 20 repetitions".
  std::string reason;
  // MUST and SHOULD findings of the run that decided the verdict (the first
  // failing one), each with its evidence.
  std::vector<Finding> findings;
  std::uint64_t seed = kDefaultSeed;  // replays that run
  bool statistical = false;           // ran the statistical fallback
  int runs = 0;                       // repetitions, or statistical rounds
  // Of those, how many violated a MUST (statistical: a MUST that depends on the
  // interleaving; the others fail "without concurrency", reported once).
  int failed_runs = 0;
  std::vector<RoundResult> rounds;  // statistical runs only
  int musts_checked = 0;            // in the deciding run
  double ms = 0;
  std::string replay;  // a harness command line that runs this scenario again

  int must_findings() const;
  int should_findings() const;
};

struct RunResult {
  std::string target;                 // Target::describe()
  std::optional<std::string> defect;  // "API-007" when a defect was switched on
  std::uint64_t seed = kDefaultSeed;
  std::vector<ScenarioResult> scenarios;
  double total_ms = 0;

  int count(Verdict verdict) const;
  // Results of one issue, in run order.
  std::vector<const ScenarioResult*> of_issue(const std::string& issue) const;
  // 0: every MUST held (not_testable / not_observed do not fail the gate);
  // 1: some scenario failed; 2: some scenario could not drive the target.
  int exit_code() const;
};

// The issue's overall verdict: the worst of its scenarios in the order
// fail, error, not_testable, not_observed, pass; nullopt when none ran.
std::optional<Verdict> issue_verdict(const RunResult& run, const std::string& issue);

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
