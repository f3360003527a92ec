// The kill matrix (docs/kill-matrix.md): all thirteen issue suites against the
// embedded reference, unmodified (everything passes) and with each audited defect
// switched on (that issue's suite fails: the diagonal). A failure off the diagonal
// is allowed only when allowed_off_diagonal.json lists it with its reason. Every
// scenario of an issue catches that issue's defect (none is there for show), and
// the race scenarios do so in every one of 20 repetitions.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "harness/embedded_target.hpp"
#include "harness/runner.hpp"
#include "harness/scenario.hpp"

namespace rm::harness {
namespace {

constexpr int kRaceRepetitions = 20;

struct Allowed {
  std::string defect;
  std::string issue;
  std::string scenario;
  std::string reason;
};

std::vector<Allowed> load_allow_list() {
  std::ifstream in(RM_KILL_MATRIX_ALLOW_LIST);
  if (!in) throw std::runtime_error("cannot read " + std::string(RM_KILL_MATRIX_ALLOW_LIST));
  const Json json = Json::parse(in);
  std::vector<Allowed> allowed;
  for (const Json& entry : json.at("allowed")) {
    allowed.push_back({entry.at("defect").get<std::string>(), entry.at("issue").get<std::string>(),
                       entry.at("scenario").get<std::string>(),
                       entry.at("reason").get<std::string>()});
  }
  return allowed;
}

const std::vector<Allowed>& allow_list() {
  static const std::vector<Allowed> allowed = load_allow_list();
  return allowed;
}

// Scenarios of an issue that its own defect may leave passing (the audited code
// keeps that MUST), each with its reason.
std::vector<Allowed> load_diagonal_passes() {
  std::ifstream in(RM_KILL_MATRIX_ALLOW_LIST);
  const Json json = Json::parse(in);
  std::vector<Allowed> allowed;
  for (const Json& entry : json.value("allowed_diagonal_passes", Json::array())) {
    const std::string defect = entry.at("defect").get<std::string>();
    allowed.push_back({defect, defect, entry.at("scenario").get<std::string>(),
                       entry.at("reason").get<std::string>()});
  }
  return allowed;
}

bool allowed_diagonal_pass(const std::string& defect, const ScenarioResult& result) {
  static const std::vector<Allowed> allowed = load_diagonal_passes();
  return std::any_of(allowed.begin(), allowed.end(), [&](const Allowed& entry) {
    return entry.defect == defect && entry.scenario == result.name && !entry.reason.empty();
  });
}

const Allowed* allowed_failure(const std::string& defect, const ScenarioResult& result) {
  for (const Allowed& entry : allow_list()) {
    if (entry.defect == defect && entry.issue == result.issue && entry.scenario == result.name) {
      return &entry;
    }
  }
  return nullptr;
}

RunResult run_everything(std::optional<Issue> defect) {
  EmbeddedTarget target{DefectSwitch(defect)};
  RunOptions options;
  if (defect) options.defect = issue_id(*defect);
  return run_scenarios(ScenarioRegistry::instance().all(), target, options);
}

std::string findings_text(const ScenarioResult& result) {
  std::string text = result.issue + "/" + result.name + ": " + verdict_name(result.verdict) +
                     (result.reason.empty() ? "" : " (" + result.reason + ")") + "\n";
  for (const Finding& finding : result.findings) {
    if (finding.level != Finding::Level::kMust) continue;
    text += "  MUST " + finding.what + "\n    " + finding.evidence + "\n";
  }
  return text;
}

// The first MUST that did not hold: what showed the defect.
std::string first_must(const ScenarioResult& result) {
  for (const Finding& finding : result.findings) {
    if (finding.level == Finding::Level::kMust) return finding.what;
  }
  return result.reason;
}

TEST(KillMatrix, AllowListNamesRegisteredScenarios) {
  for (const Allowed& entry : allow_list()) {
    EXPECT_TRUE(parse_issue_id(entry.defect).has_value()) << entry.defect;
    EXPECT_NE(entry.defect, entry.issue) << "the diagonal needs no allowance";
    EXPECT_NE(ScenarioRegistry::instance().find(entry.issue, entry.scenario), nullptr)
        << "allow-list entry names an unknown scenario " << entry.issue << "/" << entry.scenario;
    EXPECT_FALSE(entry.reason.empty()) << entry.issue << "/" << entry.scenario;
  }
}

TEST(KillMatrix, UnmodifiedReferencePassesEverySuite) {
  const RunResult run = run_everything(std::nullopt);
  ASSERT_FALSE(run.scenarios.empty());
  for (const ScenarioResult& result : run.scenarios) {
    EXPECT_EQ(result.verdict, Verdict::kPass) << findings_text(result);
  }
  std::cout << "reference: " << run.scenarios.size() << " scenarios, " << run.total_ms << " ms\n";
}

class KillMatrixDefect : public testing::TestWithParam<int> {};

TEST_P(KillMatrixDefect, OwnSuiteFailsOthersOnlyAsListed) {
  const Issue defect = static_cast<Issue>(GetParam());
  const std::string defect_id = issue_id(defect);
  const RunResult run = run_everything(defect);

  std::string killers;
  std::set<std::string> failed_elsewhere;
  for (const ScenarioResult& result : run.scenarios) {
    if (result.issue == defect_id) {
      // Every scenario of the issue must be able to fail: each one catches the defect,
      // but for a listed few whose MUST the audited code keeps.
      if (result.verdict == Verdict::kPass && allowed_diagonal_pass(defect_id, result)) continue;
      EXPECT_EQ(result.verdict, Verdict::kFail)
          << defect_id << "/" << result.name << " does not catch its own defect\n"
          << findings_text(result);
      if (result.verdict == Verdict::kFail)
        killers += "\n  " + result.name + ": " + first_must(result);
      continue;
    }
    if (result.verdict == Verdict::kPass) continue;
    failed_elsewhere.insert(result.issue + "/" + result.name);
    EXPECT_NE(allowed_failure(defect_id, result), nullptr)
        << "with --defect " << defect_id << " a scenario of another issue failed and "
        << "allowed_off_diagonal.json does not list it:\n"
        << findings_text(result);
  }
  EXPECT_EQ(issue_verdict(run, defect_id), Verdict::kFail)
      << "the " << defect_id << " suite does not catch its own defect";
  for (const Allowed& entry : allow_list()) {
    if (entry.defect == defect_id && !failed_elsewhere.count(entry.issue + "/" + entry.scenario)) {
      std::cout << "note: allow-list entry " << entry.issue << "/" << entry.scenario
                << " did not fail with " << defect_id << "\n";
    }
  }
  std::cout << defect_id << " (" << run.total_ms << " ms) caught by:" << killers
            << "\n  also failing:";
  for (const std::string& name : failed_elsewhere) std::cout << " " << name;
  std::cout << "\n";
}

INSTANTIATE_TEST_SUITE_P(EachDefect, KillMatrixDefect, testing::Range(1, kIssueCount + 1),
                         [](const testing::TestParamInfo<int>& info) {
                           std::string name = issue_id(static_cast<Issue>(info.param));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// The race scenarios are forced with gates, so their defect shows every time.
class RaceRepetitions : public testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(RaceRepetitions, FailOnTheirDefectEveryTime) {
  const auto& [issue, name] = GetParam();
  const Scenario* scenario = ScenarioRegistry::instance().find(issue, name);
  ASSERT_NE(scenario, nullptr) << issue << "/" << name;
  EmbeddedTarget target{DefectSwitch(parse_issue_id(issue))};
  RunOptions options;
  options.repeat = kRaceRepetitions;
  options.defect = issue;
  const ScenarioResult result = run_scenario(*scenario, target, options);
  EXPECT_EQ(result.verdict, Verdict::kFail) << findings_text(result);
  EXPECT_EQ(result.runs, kRaceRepetitions);
  EXPECT_EQ(result.failed_runs, kRaceRepetitions)
      << issue << "/" << name << " failed in only " << result.failed_runs << " of " << result.runs
      << " repetitions";

  EmbeddedTarget reference;
  options.defect.reset();
  const ScenarioResult fixed = run_scenario(*scenario, reference, options);
  EXPECT_EQ(fixed.verdict, Verdict::kPass) << findings_text(fixed);
  EXPECT_EQ(fixed.failed_runs, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Races, RaceRepetitions,
    testing::Values(std::make_tuple("API-002", "concurrent_first_uploads_one_master"),
                    std::make_tuple("API-010", "b_concurrent_previews_both_confirm"),
                    std::make_tuple("API-011", "upload_deleted_during_parse"),
                    std::make_tuple("API-011", "cover_letter_deleted_during_generation"),
                    std::make_tuple("API-011", "outreach_deleted_during_generation"),
                    std::make_tuple("API-011", "patch_deleted_before_write"),
                    std::make_tuple("API-011", "patch_cover_letter_deleted_before_write"),
                    std::make_tuple("API-011", "patch_outreach_deleted_before_write")),
    [](const auto& info) {
      std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
      for (char& c : name) {
        if (c == '-') c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace rm::harness
