#include "harness/runner.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <set>
#include <stdexcept>

#include "harness/invariants.hpp"
#include "harness/not_testable.hpp"
#include "harness/recording_target.hpp"
#include "harness/requests.hpp"
#include "harness/schedule_explorer.hpp"
#include "harness/schedule_run.hpp"
#include "reference/service/defects.hpp"

namespace rm::harness {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What one run (one repetition or one statistical round) ended as.
struct RunOutcome {
  Verdict verdict = Verdict::kPass;
  std::string reason;
  Check check;
  Json journal;  // the target's, read before the plan was cleared
};

std::string exception_text(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// Whether a resume / job exists, asked through the API (targets without the store hook).
bool exists_via_api(Target& target, IdTracker::Kind kind, const std::string& id) {
  const ApiResponse response = kind == IdTracker::Kind::kResume
                                   ? target.send(get(api("/resumes"), {{"resume_id", id}}))
                                   : target.send(get(api("/jobs/" + id)));
  // Only a clear 404 counts as gone; anything else is not evidence against the target.
  return response.status != 404;
}

void check_invariants(RecordingTarget& target, Check& check) {
  std::optional<Json> tables;
  if (target.hook(Hook::kStore).available) tables = target.store_tables();
  if (tables) {
    const std::vector<std::string> baseline = target.baseline();
    const std::string digest = tables_digest(*tables);
    for (const std::string& violation : store_invariant_violations(*tables)) {
      if (std::find(baseline.begin(), baseline.end(), violation) != baseline.end()) continue;
      check.violated("contract section 3 invariant: " + violation, "stored: " + digest);
    }
    for (const std::string& violation : target.ids().violations(*tables)) {
      check.violated("contract section 3 invariant: " + violation, "stored: " + digest);
    }
    return;
  }
  Target& inner = target.inner();  // lookups are not exchanges of the scenario
  for (const std::string& violation :
       target.ids().violations([&](IdTracker::Kind kind, const std::string&id) {
         return exists_via_api(inner, kind, id);
       })) {
    check.violated("contract section 3 invariant: " + violation,
                   "looked up through the API (no store hook)");
  }
}

// The llm hook judged by the scenario's own traffic (HttpTarget before any
// request reached the mock): set while unconfirmed, holding the target's reason.
using LlmTrafficJudge = std::optional<std::string>;

// "parse_resume, improve" from the operations of the plans the run installed.
std::string awaited_operations(const RecordingTarget& target) {
  std::string names;
  for (const std::string& name : target.llm_operations()) {
    names += (names.empty() ? "" : ", ") + (name == "*" ? std::string("any operation") : name);
  }
  return names.empty() ? "any LLM call" : "an LLM call (" + names + ")";
}

// One run of `body` on a reset target, followed by the invariants.
RunOutcome run_once(RecordingTarget& target, std::uint64_t seed,
                    const std::function<void(ScenarioContext&)>& body,
                    const LlmTrafficJudge& llm_judge, ScheduleRun* schedule = nullptr) {
  RunOutcome outcome;
  Check& check = outcome.check;
  try {
    target.reset();
    ScenarioContext context{target, check, seed, schedule};
    body(context);
  } catch (const NotTestable& e) {
    check.not_testable(e.what());
  } catch (...) {
    check.error(exception_text(std::current_exception()));
  }
  // No request of the target reached the mock at all: the root cause, so it
  // outranks whatever the scenario concluded from it (its own not_testable too).
  std::optional<std::string> no_llm_traffic;
  if (llm_judge && check.error_reason().empty()) {
    try {
      if (target.llm_calls() == 0) {
        no_llm_traffic = *llm_judge + "; this scenario waited for " + awaited_operations(target) +
                         " that never came";
      }
    } catch (...) {
      check.error("reading the mock LLM's call count failed: " +
                  exception_text(std::current_exception()));
    }
  }
  // The journal before the plan goes: clearing it forgets what fired.
  try {
    outcome.journal = target.journal();
  } catch (...) {
    outcome.journal = nullptr;  // a report's evidence, not the verdict's: never an error
  }
  try {
    target.clear_plan();  // releases anything still held; invariants read a quiet target
  } catch (...) {
    check.error("clearing the fault plan failed: " + exception_text(std::current_exception()));
  }
  if (check.error_reason().empty() && check.not_testable_reason().empty() && !no_llm_traffic) {
    try {
      check_invariants(target, check);
    } catch (...) {
      check.error("checking the invariants failed: " + exception_text(std::current_exception()));
    }
  }
  // A missing hook makes the assertions meaningless (e.g. no LLM call arrived, so
  // a parse failure could not be injected): not_testable outranks their findings.
  if (!check.error_reason().empty()) {
    outcome.verdict = Verdict::kError;
    outcome.reason = check.error_reason();
  } else if (no_llm_traffic) {
    outcome.verdict = Verdict::kNotTestable;
    outcome.reason = *no_llm_traffic;
  } else if (!check.not_testable_reason().empty()) {
    outcome.verdict = Verdict::kNotTestable;
    outcome.reason = check.not_testable_reason();
  } else if (check.failed()) {
    outcome.verdict = Verdict::kFail;
  }
  return outcome;
}

std::string missing_hook_reason(Hook hook, const HookStatus& status) {
  std::string reason = std::string("needs hook '") + hook_name(hook) + "'";
  if (!status.reason.empty()) reason += ": " + status.reason;
  return reason;
}

void take(ScenarioResult& result, const RunOutcome& outcome, std::uint64_t seed) {
  result.findings = outcome.check.findings();
  result.musts_checked = outcome.check.musts_checked();
  result.seed = seed;
  result.transcript = outcome.check.transcript();
  result.transcript_dropped = outcome.check.transcript_dropped();
  result.journal = outcome.journal;
}

std::string percent(int part, int whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return text;
}

void run_repetitions(const Scenario& scenario, RecordingTarget& target, const RunOptions& options,
                     const LlmTrafficJudge& llm_judge, ScenarioResult& result) {
  const int repetitions = std::max(1, options.repeat.value_or(1));
  bool have_failure = false;
  for (int i = 0; i < repetitions; ++i) {
    const std::uint64_t seed = options.seed + static_cast<std::uint64_t>(i);
    RunOutcome outcome = run_once(target, seed, scenario.run, llm_judge);
    ++result.runs;
    if (outcome.verdict == Verdict::kError || outcome.verdict == Verdict::kNotTestable) {
      result.verdict = outcome.verdict;
      result.reason = outcome.reason;
      take(result, outcome, seed);
      return;
    }
    if (outcome.verdict == Verdict::kFail) {
      ++result.failed_runs;
      if (!have_failure) take(result, outcome, seed);
      have_failure = true;
    } else if (i == 0) {
      take(result, outcome, seed);  // its SHOULD findings, if it passes throughout
    }
  }
  if (have_failure) {
    result.verdict = Verdict::kFail;
    result.reason = "failed in " + std::to_string(result.failed_runs) + " of " +
                    std::to_string(result.runs) + (result.runs == 1 ? " run" : " repetitions");
  }
}

// Statistical race run: rounds of concurrent requests. Only the MUSTs that depend
// on the interleaving count a round as a race violation; a MUST that fails
// without it (a missing field, a wrong status a single request also shows) is
// reported once as failing without concurrency, never as a race rate.
void run_statistically(const Scenario& scenario, RecordingTarget& target, const RunOptions& options,
                       const LlmTrafficJudge& llm_judge, ScenarioResult& result) {
  result.statistical = true;
  const int rounds = std::max(1, options.repeat.value_or(kDefaultStatisticalRounds));
  std::vector<Finding> race_findings;     // of the first violating round
  std::vector<Finding> without_findings;  // each distinct one, first seen
  std::set<std::string> without_seen;
  std::uint64_t first_seed = options.seed;
  for (int i = 0; i < rounds; ++i) {
    const std::uint64_t seed = options.seed + static_cast<std::uint64_t>(i);
    RunOutcome outcome = run_once(target, seed, scenario.run_statistical_round, llm_judge);
    ++result.runs;
    if (outcome.verdict == Verdict::kError || outcome.verdict == Verdict::kNotTestable) {
      result.verdict = outcome.verdict;
      result.reason = outcome.reason + " (statistical round " + std::to_string(i + 1) + ")";
      take(result, outcome, seed);
      return;
    }
    RoundResult round;
    round.seed = seed;
    std::vector<Finding> round_race;
    for (const Finding& finding : outcome.check.findings()) {
      if (finding.level != Finding::Level::kMust) continue;
      if (finding.interleaving) {
        round.race_violations.push_back(finding.what);
        round_race.push_back(finding);
      } else {
        round.without_concurrency.push_back(finding.what);
        if (without_seen.insert(finding.what).second) without_findings.push_back(finding);
      }
    }
    if (!round_race.empty()) {
      if (result.failed_runs == 0) {
        race_findings = std::move(round_race);
        first_seed = seed;
      }
      ++result.failed_runs;
    }
    if (i == 0) take(result, outcome, seed);  // its SHOULD findings and count of MUSTs
    result.rounds.push_back(std::move(round));
  }
  const std::string mode = "no store gate, statistical mode: ";
  std::string without;
  for (const Finding& finding : without_findings) {
    without += (without.empty() ? "" : "; ") + finding.what;
  }
  if (result.failed_runs > 0 || !without_findings.empty()) {
    result.verdict = Verdict::kFail;
    result.findings = race_findings;
    result.findings.insert(result.findings.end(), without_findings.begin(), without_findings.end());
    result.seed = first_seed;
  } else {
    result.verdict = Verdict::kNotObserved;
  }
  if (result.failed_runs > 0) {
    result.reason = mode + "race violation observed in " + std::to_string(result.failed_runs) +
                    " of " + std::to_string(result.runs) + " rounds (rate " +
                    percent(result.failed_runs, result.runs) + ")";
  } else {
    result.reason = mode + "no race violation observed in " + std::to_string(result.runs) +
                    " rounds of concurrent requests" +
                    (without.empty() ? " (not a pass: the race may not have been hit)" : "");
  }
  if (!without.empty()) {
    result.reason +=
        "; fails without concurrency (not a race finding, every round or some): " + without;
  }
}

// Schedule exploration: the scenario's explored round under every schedule the
// explorer enumerates (or the one --schedule names), stopping at the first that
// breaks a race MUST. A MUST that fails whatever the order is reported once, as
// failing without concurrency, like a statistical run does.
void run_explored(const Scenario& scenario, RecordingTarget& target, const RunOptions& options,
                  const LlmTrafficJudge& llm_judge, ScenarioResult& result) {
  const auto& round =
      scenario.run_explored_round ? scenario.run_explored_round : scenario.run_statistical_round;
  const Clock::time_point start = Clock::now();
  ExplorationResult exploration;
  exploration.preemption_bound = options.preemption_bound;
  if (options.schedule) exploration.replayed = format_schedule(*options.schedule);
  ScheduleExplorer explorer(options.preemption_bound, options.max_schedules);
  std::vector<Finding> without_findings;
  std::set<std::string> without_seen;
  bool violated = false;
  const auto finish = [&] {
    exploration.complete = !options.schedule && explorer.complete();
    exploration.ms = ms_since(start);
    result.exploration = std::move(exploration);
  };
  for (;;) {
    std::vector<int> prefix;
    if (options.schedule) {
      if (exploration.schedules > 0) break;
      prefix = *options.schedule;
    } else {
      auto next = explorer.next();
      if (!next) break;
      prefix = std::move(*next);
    }
    ScheduleRun run(prefix);
    const std::uint64_t seed = options.seed;
    RunOutcome outcome = run_once(target, seed, round, llm_judge, &run);
    ++exploration.schedules;
    exploration.decisions =
        std::max(exploration.decisions, static_cast<int>(run.decisions().size()));
    const std::string schedule_text = format_schedule(run.minimal_choices());
    if (outcome.verdict == Verdict::kError || outcome.verdict == Verdict::kNotTestable) {
      result.verdict = outcome.verdict;
      result.reason = outcome.reason + " (schedule exploration, schedule '" + schedule_text + "')";
      take(result, outcome, seed);
      exploration.trace = run.trace();
      finish();
      return;
    }
    if (options.schedule) {
      exploration.trace = run.trace();  // a replay shows what it did
    } else {
      explorer.record(run.decisions());
    }
    std::vector<Finding> race;
    for (const Finding& finding : outcome.check.findings()) {
      if (finding.level != Finding::Level::kMust) continue;
      if (finding.interleaving) {
        race.push_back(finding);
      } else if (without_seen.insert(finding.what).second) {
        without_findings.push_back(finding);
      }
    }
    if (!race.empty()) {
      take(result, outcome, seed);
      result.findings = race;
      result.findings.insert(result.findings.end(), without_findings.begin(),
                             without_findings.end());
      exploration.violating_schedule = schedule_text;
      exploration.trace = run.trace();
      violated = true;
      break;
    }
  }
  const int schedules = exploration.schedules;
  const std::string violating = exploration.violating_schedule;
  finish();
  std::string without;
  for (const Finding& finding : without_findings) {
    without += (without.empty() ? "" : "; ") + finding.what;
  }
  if (violated) {
    result.verdict = Verdict::kFail;
    result.reason = "schedule exploration: race violation on schedule '" + violating + "' (" +
                    std::to_string(schedules) + (schedules == 1 ? " schedule" : " schedules") +
                    " run)";
  } else if (!without.empty()) {
    result.verdict = Verdict::kFail;
    result.findings = without_findings;
    result.reason =
        "schedule exploration: fails without concurrency (not a race finding): " + without;
  }
}

}  // namespace

std::vector<const Scenario*> select_scenarios(const std::vector<const Scenario*>& all,
                                              const RunOptions& options) {
  std::set<std::string> issues;
  for (const std::string& text : options.issues) {
    const auto issue = parse_issue_id(text);
    if (!issue) {
      throw std::invalid_argument("unknown issue id '" + text + "' (expected API-001 ... API-013)");
    }
    issues.insert(issue_id(*issue));
  }
  std::vector<const Scenario*> selected;
  for (const Scenario* scenario : all) {
    if (!issues.empty() && issues.count(scenario->issue) == 0) continue;
    if (options.scenario && scenario->name != *options.scenario) continue;
    if (options.shard && shard_of(scenario->issue, scenario->name, options.shard->second) !=
                             options.shard->first - 1) {
      continue;
    }
    selected.push_back(scenario);
  }
  std::stable_sort(selected.begin(), selected.end(), [](const Scenario* a, const Scenario* b) {
    return a->issue != b->issue ? a->issue < b->issue : a->name < b->name;
  });
  return selected;
}

int shard_of(const std::string& issue, const std::string& name, int count) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, 64 bits
  for (const char c : issue + "/" + name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return count <= 1 ? 0 : static_cast<int>(hash % static_cast<std::uint64_t>(count));
}

std::string replay_command(const ScenarioResult& result, const RunOptions& options) {
  std::string command = "harness run " + options.replay_target + " --issues " + result.issue +
                        " --scenario " + result.name + " --seed " + std::to_string(result.seed);
  if (result.statistical) command += " --repeat " + std::to_string(result.runs);
  if (result.exploration && !result.exploration->violating_schedule.empty()) {
    command += " --schedule " + result.exploration->violating_schedule;
  } else if (result.exploration && !result.exploration->replayed.empty()) {
    command += " --schedule " + result.exploration->replayed;
  }
  if (options.defect) command += " --defect " + *options.defect;
  return command;
}

ScenarioResult run_scenario(const Scenario& scenario, Target& target, const RunOptions& options) {
  const Clock::time_point start = Clock::now();
  ScenarioResult result;
  result.issue = scenario.issue;
  result.name = scenario.name;
  result.description = scenario.description;
  result.needs = scenario.needs;
  result.race = scenario.race;
  result.seed = options.seed;

  RecordingTarget recording(target);
  try {
    bool statistical = false;
    std::optional<std::string> missing;
    LlmTrafficJudge llm_judge;
    for (Hook hook : scenario.needs) {
      const HookStatus status = target.hook(hook);
      if (status.available) {
        if (hook == Hook::kLlm && status.by_traffic) llm_judge = status.reason;
        continue;
      }
      if (hook == Hook::kStoreGate && scenario.race && scenario.run_statistical_round) {
        statistical = true;  // the fallback needs every other hook still
        continue;
      }
      if (!missing) missing = missing_hook_reason(hook, status);
    }
    const bool explorable =
        scenario.race && (scenario.run_explored_round || scenario.run_statistical_round);
    const HookStatus schedule_hook =
        explorable ? target.hook(Hook::kSchedule) : HookStatus{false, {}};
    if (missing) {
      result.verdict = Verdict::kNotTestable;
      result.reason = *missing;
    } else if (options.schedule || (options.explore_only && explorable)) {
      if (!explorable) {
        throw std::invalid_argument("--schedule: " + scenario.issue + " " + scenario.name +
                                    " is no race scenario");
      }
      if (!schedule_hook.available) {
        result.verdict = Verdict::kNotTestable;
        result.reason = missing_hook_reason(Hook::kSchedule, schedule_hook);
      } else {
        run_explored(scenario, recording, options, llm_judge, result);
      }
    } else if (statistical) {
      run_statistically(scenario, recording, options, llm_judge, result);
    } else {
      run_repetitions(scenario, recording, options, llm_judge, result);
      if (result.verdict == Verdict::kPass && options.explore && schedule_hook.available) {
        run_explored(scenario, recording, options, llm_judge, result);
      }
    }
  } catch (...) {
    result.verdict = Verdict::kError;
    result.reason = exception_text(std::current_exception());
  }
  result.ms = ms_since(start);
  result.replay = replay_command(result, options);
  return result;
}

RunResult run_scenarios(const std::vector<const Scenario*>& scenarios, Target& target,
                        const RunOptions& options) {
  const Clock::time_point start = Clock::now();
  RunResult run;
  run.target = target.describe();
  run.defect = options.defect;
  run.seed = options.seed;
  const int total = static_cast<int>(scenarios.size());
  for (int i = 0; i < total; ++i) {
    if (options.observer != nullptr)
      options.observer->scenario_started(*scenarios[i], i + 1, total);
    run.scenarios.push_back(run_scenario(*scenarios[i], target, options));
    if (options.observer != nullptr) {
      options.observer->scenario_finished(run.scenarios.back(), i + 1, total);
    }
    if (options.progress != nullptr) {
      *options.progress << progress_line(run.scenarios.back(), i + 1, total) << '\n' << std::flush;
    }
  }
  run.total_ms = ms_since(start);
  return run;
}

std::string progress_line(const ScenarioResult& result, int index, int total) {
  const int width = static_cast<int>(std::to_string(total).size());
  char counter[32];
  std::snprintf(counter, sizeof counter, "[%*d/%d]", width, index, total);
  std::string label = result.issue + " " + result.name + " ";
  constexpr std::size_t kLabelWidth = 56;
  if (label.size() < kLabelWidth) label += std::string(kLabelWidth - label.size(), '.');
  char tail[64];
  std::snprintf(tail, sizeof tail, " %-12s %5.0f ms", verdict_name(result.verdict), result.ms);
  return std::string(counter) + " " + label + tail;
}

}  // namespace rm::harness
