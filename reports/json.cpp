#include "harness/issue_catalog.hpp"
#include "reports/reports.hpp"

namespace rm::harness {
namespace {

Json finding_json(const Finding& finding) {
  return {{"level", finding.level == Finding::Level::kMust ? "must" : "should"},
          {"what", finding.what},
          {"evidence", finding.evidence},
          {"interleaving", finding.interleaving}};
}

// A statistical run's rounds: which MUSTs failed in each, race or not.
Json rounds_json(const ScenarioResult& result) {
  Json rounds = Json::array();
  int index = 0;
  for (const RoundResult& round : result.rounds) {
    rounds.push_back({{"round", ++index},
                      {"seed", round.seed},
                      {"race_violations", round.race_violations},
                      {"fails_without_concurrency", round.without_concurrency}});
  }
  return rounds;
}

// A race scenario's schedule exploration; null when none ran.
Json exploration_json(const ScenarioResult& result) {
  if (!result.exploration) return nullptr;
  const ExplorationResult& exploration = *result.exploration;
  return {{"schedules", exploration.schedules},
          {"preemption_bound", exploration.preemption_bound},
          {"complete", exploration.complete},
          {"max_decisions", exploration.decisions},
          {"ms", exploration.ms},
          {"violating_schedule", exploration.violating_schedule.empty()
                                     ? Json(nullptr)
                                     : Json(exploration.violating_schedule)},
          {"replayed_schedule",
           exploration.replayed.empty() ? Json(nullptr) : Json(exploration.replayed)},
          {"trace", exploration.trace}};
}

// The deciding run's exchanges, as Check described them.
Json transcript_json(const ScenarioResult& result) {
  Json transcript = Json::array();
  for (const TranscriptEntry& entry : result.transcript) {
    transcript.push_back(
        {{"request", entry.request}, {"status", entry.status}, {"response", entry.response}});
  }
  return transcript;
}

Json scenario_json(const ScenarioResult& result) {
  Json needs = Json::array();
  for (Hook hook : result.needs) needs.push_back(hook_name(hook));
  Json findings = Json::array();
  for (const Finding& finding : result.findings) findings.push_back(finding_json(finding));
  return {{"issue", result.issue},
          {"name", result.name},
          {"description", result.description},
          {"needs", needs},
          {"race", result.race},
          {"verdict", verdict_name(result.verdict)},
          {"reason", result.reason},
          {"findings", findings},
          {"seed", result.seed},
          {"statistical", result.statistical},
          {"runs", result.runs},
          {"failed_runs", result.failed_runs},
          {"rounds", rounds_json(result)},
          {"exploration", exploration_json(result)},
          {"musts_checked", result.musts_checked},
          {"ms", result.ms},
          {"replay", result.replay},
          {"transcript", transcript_json(result)},
          {"transcript_dropped", result.transcript_dropped},
          {"journal", result.journal.is_array() ? result.journal : Json(nullptr)}};
}

}  // namespace

Json results_json(const RunResult& run) {
  Json scenarios = Json::array();
  for (const ScenarioResult& result : run.scenarios) scenarios.push_back(scenario_json(result));
  Json issues = Json::object();
  for (const IssueInfo& issue : issue_catalog()) {
    const auto verdict = issue_verdict(run, issue.id);
    issues[issue.id] = {{"title", issue.title},
                        {"verdict", verdict ? Json(verdict_name(*verdict)) : Json(nullptr)},
                        {"scenarios", run.of_issue(issue.id).size()}};
  }
  Json counts = Json::object();
  for (Verdict verdict : {Verdict::kPass, Verdict::kFail, Verdict::kNotTestable,
                          Verdict::kNotObserved, Verdict::kError}) {
    counts[verdict_name(verdict)] = run.count(verdict);
  }
  return {{"schema", kResultsSchema},
          {"target", run.target},
          {"defect", run.defect ? Json(*run.defect) : Json(nullptr)},
          {"seed", run.seed},
          {"total_ms", run.total_ms},
          {"exit_code", run.exit_code()},
          {"counts", counts},
          {"issues", issues},
          {"scenarios", scenarios}};
}

void write_results_json(const RunResult& run, std::ostream& out) {
  // Evidence may hold any bytes a target sent: replace what is not UTF-8.
  out << results_json(run).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace rm::harness
