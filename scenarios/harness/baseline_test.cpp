// Baselines (known failures with reasons and expiry dates), `harness diff` between
// two results.json, and sharding: the data side, with made-up results.
#include "reports/baseline.hpp"

#include <gtest/gtest.h>

#include <set>

#include "harness/runner.hpp"
#include "reports/results_diff.hpp"

namespace rm::harness {
namespace {

Json scenario(const std::string& issue, const std::string& name, const std::string& verdict,
              const std::string& must = "") {
  Json findings = Json::array();
  if (!must.empty()) findings.push_back({{"level", "must"}, {"what", must}, {"evidence", "e"}});
  return {{"issue", issue},
          {"name", name},
          {"verdict", verdict},
          {"reason", verdict == "pass" ? "" : "failed in 1 of 1 run"},
          {"findings", findings}};
}

Json results(std::vector<Json> scenarios) {
  return {{"schema", 1}, {"target", "fake"}, {"scenarios", std::move(scenarios)}};
}

TEST(Baseline, WrittenFromTheFailuresOfARunWithTheirFirstMust) {
  const Baseline baseline = baseline_from_results(
      results({scenario("API-001", "a", "fail", "the message does not claim success"),
               scenario("API-002", "b", "pass"), scenario("API-003", "c", "not_testable"),
               scenario("API-004", "d", "error")}));
  ASSERT_EQ(baseline.known.size(), 2u);
  EXPECT_EQ(baseline.known[0].scenario, "a");
  EXPECT_EQ(baseline.known[0].reason, "the message does not claim success");
  EXPECT_EQ(baseline.known[1].verdict, "error");
  EXPECT_EQ(baseline.known[1].reason, "failed in 1 of 1 run");
  // What is written parses back to the same.
  const Baseline again = parse_baseline(baseline_json(baseline));
  EXPECT_EQ(again.known.size(), 2u);
  EXPECT_EQ(again.target, "fake");
}

TEST(Baseline, RefusesWhatItCannotTrust) {
  const auto error_of = [](const std::string& text) {
    try {
      parse_baseline(Json::parse(text));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(error_of(R"({"schema": 2, "known_failures": []})").find("schema"), std::string::npos);
  EXPECT_NE(error_of(R"({"schema": 1})").find("known_failures"), std::string::npos);
  EXPECT_NE(error_of(R"({"schema": 1, "known_failures": [{"issue": "API-001", "scenario": "a",
      "reason": ""}]})")
                .find("reason: empty"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"schema": 1, "known_failures": [{"issue": "API-001", "scenario": "a",
      "reason": "r", "expires": "next week"}]})")
                .find("known_failures[0].expires"),
            std::string::npos);
}

TEST(Baseline, GatesOnNewFailuresOnly) {
  const Baseline baseline = parse_baseline(Json::parse(R"({"schema": 1, "known_failures": [
      {"issue": "API-001", "scenario": "a", "reason": "known"},
      {"issue": "API-002", "scenario": "b", "reason": "known, fixed since"},
      {"issue": "API-003", "scenario": "c", "reason": "known until May", "expires": "2026-05-01"}]})"));
  // Exactly the known failures: exit 0.
  BaselineCheck same = check_against_baseline(
      results({scenario("API-001", "a", "fail", "m"), scenario("API-002", "b", "fail", "m")}),
      baseline, "2026-01-01");
  EXPECT_EQ(same.known.size(), 2u);
  EXPECT_EQ(same.exit_code(false), 0);

  // A new failure: exit 1, named; a known one that passes is reported fixed.
  BaselineCheck check = check_against_baseline(
      results({scenario("API-001", "a", "fail", "m"), scenario("API-002", "b", "pass"),
               scenario("API-007", "x", "fail", "a warning gives the reason")}),
      baseline, "2026-01-01");
  ASSERT_EQ(check.new_failures.size(), 1u);
  EXPECT_NE(check.new_failures[0].find("API-007/x: fail (a warning gives the reason)"),
            std::string::npos);
  EXPECT_EQ(check.fixed, std::vector<std::string>{"API-002/b"});
  EXPECT_EQ(check.exit_code(false), 1);
  EXPECT_NE(describe(check, false).find("fixed — update the baseline: API-002/b"),
            std::string::npos);

  // Only fixed: 0, or 1 with --strict-baseline.
  BaselineCheck fixed =
      check_against_baseline(results({scenario("API-002", "b", "pass")}), baseline, "2026-01-01");
  EXPECT_EQ(fixed.exit_code(false), 0);
  EXPECT_EQ(fixed.exit_code(true), 1);

  // An expired entry excuses nothing; a new error exits 2.
  BaselineCheck expired = check_against_baseline(
      results({scenario("API-003", "c", "fail", "m"), scenario("API-009", "y", "error")}), baseline,
      "2026-05-01");
  EXPECT_EQ(expired.new_failures.size(), 2u);
  EXPECT_EQ(expired.expired.size(), 1u);
  EXPECT_EQ(expired.exit_code(false), 2);
}

TEST(ResultsDiff, NewFailuresFixedAndChangedVerdicts) {
  const Json before =
      results({scenario("API-001", "a", "pass"), scenario("API-002", "b", "fail"),
               scenario("API-003", "c", "not_testable"), scenario("API-004", "gone", "pass")});
  const Json after = results({scenario("API-001", "a", "fail", "the response says failed"),
                              scenario("API-002", "b", "pass"), scenario("API-003", "c", "pass"),
                              scenario("API-005", "new", "pass")});
  const ResultsDiff diff = diff_results(before, after);
  EXPECT_EQ(diff.new_failures,
            std::vector<std::string>{"API-001/a: pass -> fail (the response says failed)"});
  EXPECT_EQ(diff.fixed, std::vector<std::string>{"API-002/b: fail -> pass"});
  EXPECT_EQ(diff.changed, std::vector<std::string>{"API-003/c: not_testable -> pass"});
  EXPECT_EQ(diff.only_old, std::vector<std::string>{"API-004/gone"});
  EXPECT_EQ(diff.only_new, std::vector<std::string>{"API-005/new"});
  EXPECT_TRUE(diff.regression());
  EXPECT_FALSE(diff_results(before, before).regression());
  EXPECT_EQ(describe(diff_results(before, before)), "no verdict changed\nregression: no\n");
}

// --shard i/n: the shards of n partition the scenarios, whatever n.
TEST(Shard, TheShardsTogetherRunEachScenarioExactlyOnce) {
  std::vector<Scenario> scenarios;
  for (int i = 0; i < 60; ++i) {
    scenarios.push_back(Scenario{.issue = "API-0" + std::to_string(10 + i % 4),
                                 .name = "scenario_" + std::to_string(i),
                                 .run = [](ScenarioContext&) {}});
  }
  std::vector<const Scenario*> all;
  for (const Scenario& s : scenarios) all.push_back(&s);
  for (int count : {1, 2, 3, 7}) {
    std::multiset<const Scenario*> seen;
    for (int index = 1; index <= count; ++index) {
      RunOptions options;
      options.shard = std::make_pair(index, count);
      const auto selected = select_scenarios(all, options);
      if (count > 1) {
        EXPECT_LT(selected.size(), all.size()) << index << "/" << count;
      }
      seen.insert(selected.begin(), selected.end());
    }
    EXPECT_EQ(seen.size(), all.size()) << "n = " << count;
    for (const Scenario* s : all) EXPECT_EQ(seen.count(s), 1u) << s->name << ", n = " << count;
  }
  // Stable: a scenario's shard depends on its name only.
  EXPECT_EQ(shard_of("API-010", "scenario_3", 3), shard_of("API-010", "scenario_3", 3));
}

}  // namespace
}  // namespace rm::harness
