// Every registered issue scenario against every target kind, one test case each.
// The embedded reference must pass every scenario. A kind the factory cannot
// build here is skipped with its reason; on a kind without some hook, the
// not_testable / not_observed verdicts are accepted (they never pass a gate, and
// they never fail one).
#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/runner.hpp"
#include "harness/scenario.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {
namespace {

constexpr TargetKind kKinds[] = {TargetKind::kEmbedded, TargetKind::kProcess};

struct Case {
  const Scenario* scenario;
  TargetKind kind;
};

// Readable parameters in test output: "API-002/concurrent_first_uploads_one_master on embedded".
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.scenario->issue << "/" << c.scenario->name << " on " << target_kind_name(c.kind);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (TargetKind kind : kKinds) {
    for (const Scenario* scenario : ScenarioRegistry::instance().all()) {
      cases.push_back({scenario, kind});
    }
  }
  return cases;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.scenario->issue + "_" + info.param.scenario->name + "_" +
                     std::string(target_kind_name(info.param.kind));
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// One target per kind for the whole program (the runner resets it per scenario);
// a kind that cannot be built keeps its reason instead.
struct KindTarget {
  std::unique_ptr<Target> target;
  std::string unavailable;
};

KindTarget& target_of(TargetKind kind) {
  static std::map<TargetKind, KindTarget> targets;
  auto it = targets.find(kind);
  if (it != targets.end()) return it->second;
  KindTarget made;
  try {
    TargetOptions options;
    options.kind = kind;
    options.program_dir = RM_PROGRAM_DIR;
    made.target = make_target(options);
  } catch (const std::exception& e) {
    made.unavailable = e.what();
  }
  return targets.emplace(kind, std::move(made)).first->second;
}

std::string findings_text(const ScenarioResult& result) {
  std::string text = result.reason.empty() ? "" : "reason: " + result.reason + "\n";
  for (const Finding& finding : result.findings) {
    text += std::string(finding.level == Finding::Level::kMust ? "MUST   " : "SHOULD ") +
            finding.what + "\n        " + finding.evidence + "\n";
  }
  return text + "replay: " + result.replay;
}

class IssueScenario : public testing::TestWithParam<Case> {};

TEST_P(IssueScenario, HoldsItsContract) {
  const Case& c = GetParam();
  KindTarget& kind = target_of(c.kind);
  // Both kinds run here are built by this project: one that cannot start is a failure.
  ASSERT_TRUE(kind.target) << "target kind " << target_kind_name(c.kind)
                           << " could not be started: " << kind.unavailable;
  RunOptions options;
  const ScenarioResult result = run_scenario(*c.scenario, *kind.target, options);
  std::cout << progress_line(result, 1, 1) << "\n";
  // embedded and process offer every hook: anything but pass is a failure.
  EXPECT_EQ(result.verdict, Verdict::kPass) << verdict_name(result.verdict) << "\n"
                                            << findings_text(result);
  for (const Finding& finding : result.findings) {
    if (finding.level == Finding::Level::kShould) {
      std::cout << "  SHOULD not met: " << finding.what << "\n";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllIssues, IssueScenario, testing::ValuesIn(all_cases()), case_name);

// The statistical fallback of each race scenario (used where a target has no
// store gates) holds on the embedded reference round after round.
TEST(IssueSuites, StatisticalRoundsHoldOnTheReference) {
  KindTarget& kind = target_of(TargetKind::kEmbedded);
  ASSERT_TRUE(kind.target) << kind.unavailable;
  for (const Scenario* scenario : ScenarioRegistry::instance().all()) {
    if (!scenario->race) continue;
    ASSERT_TRUE(scenario->run_statistical_round) << scenario->name << " has no statistical round";
    kind.target->reset();
    for (int round = 0; round < 5; ++round) {
      Check check;
      ScenarioContext ctx{*kind.target, check, static_cast<std::uint64_t>(round + 1)};
      scenario->run_statistical_round(ctx);
      EXPECT_FALSE(check.failed())
          << scenario->issue << "/" << scenario->name << " round " << round << ": "
          << (check.findings().empty() ? "" : check.findings().front().what);
      EXPECT_TRUE(check.error_reason().empty()) << check.error_reason();
      EXPECT_TRUE(check.not_testable_reason().empty()) << check.not_testable_reason();
    }
  }
}

// Each race scenario is explored on both kinds (they offer the schedule hook):
// more than one schedule, every one within the bound, none violating.
TEST(IssueSuites, RaceScenariosAreExploredCompletelyOnTheReference) {
  for (TargetKind kind_name : kKinds) {
    KindTarget& kind = target_of(kind_name);
    ASSERT_TRUE(kind.target) << kind.unavailable;
    for (const Scenario* scenario : ScenarioRegistry::instance().all()) {
      if (!scenario->race) continue;
      const ScenarioResult result = run_scenario(*scenario, *kind.target, RunOptions{});
      EXPECT_EQ(result.verdict, Verdict::kPass) << findings_text(result);
      ASSERT_TRUE(result.exploration) << scenario->name << " on " << target_kind_name(kind_name);
      EXPECT_TRUE(result.exploration->complete) << scenario->name;
      EXPECT_GT(result.exploration->schedules, 1) << scenario->name;
      EXPECT_TRUE(result.exploration->violating_schedule.empty()) << scenario->name;
      std::cout << scenario->issue << " " << scenario->name << " on " << target_kind_name(kind_name)
                << ": " << result.exploration->schedules << " schedules, " << result.exploration->ms
                << " ms\n";
    }
  }
}

// A schedule replays: the same steps each time, in-process and over HTTP.
TEST(IssueSuites, AScheduleReplaysTheSameSteps) {
  const Scenario* scenario =
      ScenarioRegistry::instance().find("API-002", "concurrent_first_uploads_one_master");
  ASSERT_NE(scenario, nullptr);
  for (TargetKind kind_name : kKinds) {
    KindTarget& kind = target_of(kind_name);
    ASSERT_TRUE(kind.target) << kind.unavailable;
    RunOptions options;
    options.scenario = scenario->name;
    options.schedule = std::vector<int>{1, 2, 1};
    const ScenarioResult first = run_scenario(*scenario, *kind.target, options);
    const ScenarioResult second = run_scenario(*scenario, *kind.target, options);
    ASSERT_TRUE(first.exploration && second.exploration);
    EXPECT_EQ(first.verdict, Verdict::kPass) << findings_text(first);
    EXPECT_EQ(first.exploration->schedules, 1);
    EXPECT_FALSE(first.exploration->trace.empty());
    EXPECT_EQ(first.exploration->trace, second.exploration->trace);
    EXPECT_NE(first.replay.find("--schedule 1.2.1"), std::string::npos) << first.replay;
  }
}

TEST(IssueSuites, EveryIssueHasScenarios) {
  for (int i = 1; i <= kIssueCount; ++i) {
    const std::string issue = issue_id(static_cast<Issue>(i));
    EXPECT_FALSE(ScenarioRegistry::instance().for_issue(issue).empty())
        << issue << " has no scenario";
  }
}

}  // namespace
}  // namespace rm::harness
