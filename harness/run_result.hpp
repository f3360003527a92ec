#pragma once
// What a run found, as plain data: the runner (runner.hpp) fills it, the report
// writers (reports/) and the GoogleTest suites read it. Kept apart from the runner
// so that the reports depend on the results only, never on targets or HTTP.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/check.hpp"
#include "harness/hook.hpp"
#include "harness/verdict.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

inline constexpr std::uint64_t kDefaultSeed = 1;

// One round of a statistical race run, as results.json reports it.
struct RoundResult {
  std::uint64_t seed = kDefaultSeed;
  // The MUSTs that failed in this round: those that depend on the interleaving
  // (the race), and those that a single request also shows.
  std::vector<std::string> race_violations;
  std::vector<std::string> without_concurrency;
};

// A race scenario's schedule exploration (docs/schedules.md), as results.json reports it.
struct ExplorationResult {
  int schedules = 0;         // schedules run
  int preemption_bound = 0;  // at most this many preemptions per schedule
  bool complete = false;     // every schedule within the bound ran (no cap reached)
  int decisions = 0;         // the most decisions one schedule made
  double ms = 0;
  // The first schedule that broke a race MUST ("" when none): replay with --schedule.
  std::string violating_schedule;
  std::vector<std::string> trace;  // its steps, one line each
  std::string replayed;            // set when --schedule ran one given schedule
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
  std::vector<RoundResult> rounds;               // statistical runs only
  std::optional<ExplorationResult> exploration;  // race scenarios on a target with schedules
  int musts_checked = 0;                         // in the deciding run
  double ms = 0;
  std::string replay;  // a harness command line that runs this scenario again
  // The deciding run's evidence: every request the harness sent and the answer
  // (up to Check::kTranscriptExchanges; transcript_dropped more), and the target's
  // journal at its end (LLM calls with operation, attempt and fault; store faults;
  // gate events), a JSON array (docs/fault-plan.md), null when it could not be read.
  std::vector<TranscriptEntry> transcript;
  std::size_t transcript_dropped = 0;
  Json journal;

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

}  // namespace rm::harness
