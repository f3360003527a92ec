// The baseline gate over real runs of the embedded reference: a baseline written
// from a --defect API-005 run excuses exactly that run (exit 0); a --defect API-007
// run against it exits 1 naming its new failures and reports API-005's scenarios
// as fixed; `harness diff` between the two runs says the same.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/embedded_target.hpp"
#include "harness/runner.hpp"
#include "harness/scenario.hpp"
#include "reports/baseline.hpp"
#include "reports/reports.hpp"
#include "reports/results_diff.hpp"

namespace rm::harness {
namespace {

Json run_with_defect(Issue defect) {
  EmbeddedTarget target{DefectSwitch(defect)};
  RunOptions options;
  options.defect = issue_id(defect);
  return results_json(run_scenarios(ScenarioRegistry::instance().all(), target, options));
}

TEST(BaselineGate, KnownFailuresPassNewOnesFailFixedOnesAreReported) {
  const Json api005 = run_with_defect(Issue::kApi005);
  const Json api007 = run_with_defect(Issue::kApi007);
  const Baseline baseline = parse_baseline(baseline_json(baseline_from_results(api005)));
  ASSERT_FALSE(baseline.known.empty());
  for (const KnownFailure& entry : baseline.known) EXPECT_EQ(entry.issue, "API-005");

  const BaselineCheck same = check_against_baseline(api005, baseline, today_utc());
  EXPECT_TRUE(same.new_failures.empty());
  EXPECT_EQ(same.known.size(), baseline.known.size());
  EXPECT_EQ(same.exit_code(false), 0);

  const BaselineCheck other = check_against_baseline(api007, baseline, today_utc());
  EXPECT_EQ(other.exit_code(false), 1);
  ASSERT_FALSE(other.new_failures.empty());
  for (const std::string& line : other.new_failures) {
    EXPECT_EQ(line.rfind("API-007/", 0), 0u) << line;
  }
  EXPECT_EQ(other.fixed.size(), baseline.known.size());  // API-005 passes without its defect
  std::cout << describe(other, false);

  const ResultsDiff diff = diff_results(api005, api007);
  EXPECT_TRUE(diff.regression());
  EXPECT_EQ(diff.new_failures.size(), other.new_failures.size());
  EXPECT_EQ(diff.fixed.size(), baseline.known.size());
  std::cout << describe(diff);
}

// The committed baseline of the reference is empty, and the reference keeps to it.
TEST(BaselineGate, TheReferenceKeepsItsCommittedBaseline) {
  std::ifstream in(RM_REFERENCE_BASELINE);
  ASSERT_TRUE(in) << RM_REFERENCE_BASELINE;
  const Baseline baseline = parse_baseline(Json::parse(in));
  EXPECT_TRUE(baseline.known.empty());
  EmbeddedTarget target;
  const Json results =
      results_json(run_scenarios(ScenarioRegistry::instance().all(), target, RunOptions{}));
  const BaselineCheck check = check_against_baseline(results, baseline, today_utc());
  EXPECT_EQ(check.exit_code(/*strict=*/true), 0) << describe(check, true);
}

}  // namespace
}  // namespace rm::harness
