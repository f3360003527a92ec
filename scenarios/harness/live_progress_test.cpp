// The live progress display: the finished scenario's line, then a status line
// naming the scenario that runs, the counts by verdict and the elapsed time.
#include "harness/live_progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace rm::harness {
namespace {

TEST(LiveProgress, ShowsWhatRunsTheCountsAndEachFinishedLine) {
  std::ostringstream out;
  Scenario first{.issue = "API-001", .name = "parse_timeout_reports_failed"};
  Scenario second{.issue = "API-002", .name = "concurrent_first_uploads_one_master"};
  {
    LiveProgress live(out);
    live.scenario_started(first, 1, 2);
    EXPECT_NE(live.status_line().find("[1/2] running API-001 parse_timeout_reports_failed 0s"),
              std::string::npos)
        << live.status_line();
    ScenarioResult result;  // the finished line comes from progress_line()
    result.issue = first.issue;
    result.name = first.name;
    result.verdict = Verdict::kNotTestable;
    live.scenario_finished(result, 1, 2);
    live.scenario_started(second, 2, 2);
    const std::string status = live.status_line();
    EXPECT_NE(status.find("running API-002"), std::string::npos) << status;
    EXPECT_NE(status.find("| not_testable 1 |"), std::string::npos) << status;
  }
  const std::string text = out.str();
  EXPECT_NE(text.find("[1/2] API-001 parse_timeout_reports_failed ..."), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 4), "\r\033[K");  // the status line is cleared at the end
}

}  // namespace
}  // namespace rm::harness
