#include "harness/run_result.hpp"

#include <algorithm>
#include <array>

namespace rm::harness {
namespace {

// The order in which an issue's verdict is the worst of its scenarios'.
constexpr std::array<Verdict, 5> kSeverity = {
    Verdict::kFail, Verdict::kError, Verdict::kNotTestable, Verdict::kNotObserved, Verdict::kPass};

}  // namespace

int ScenarioResult::must_findings() const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
    return f.level == Finding::Level::kMust;
  }));
}

int ScenarioResult::should_findings() const {
  return static_cast<int>(findings.size()) - must_findings();
}

int RunResult::count(Verdict verdict) const {
  return static_cast<int>(
      std::count_if(scenarios.begin(), scenarios.end(),
                    [&](const ScenarioResult& r) { return r.verdict == verdict; }));
}

std::vector<const ScenarioResult*> RunResult::of_issue(const std::string& issue) const {
  std::vector<const ScenarioResult*> result;
  for (const ScenarioResult& scenario : scenarios) {
    if (scenario.issue == issue) result.push_back(&scenario);
  }
  return result;
}

int RunResult::exit_code() const {
  if (count(Verdict::kError) > 0) return 2;
  if (count(Verdict::kFail) > 0) return 1;
  return 0;
}

std::optional<Verdict> issue_verdict(const RunResult& run, const std::string& issue) {
  const std::vector<const ScenarioResult*> results = run.of_issue(issue);
  if (results.empty()) return std::nullopt;
  for (Verdict verdict : kSeverity) {
    for (const ScenarioResult* result : results) {
      if (result->verdict == verdict) return verdict;
    }
  }
  return Verdict::kPass;
}

}  // namespace rm::harness
