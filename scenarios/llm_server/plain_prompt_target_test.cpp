// A target that sends no X-Operation header and never lists models (the reference
// with --llm-prompts plain, started through --target-cmd) is judged as the
// process target is: mock-llm tells its operations apart, and reads the resume
// and the job, by content alone. Every scenario that needs the LLM gets the same
// verdict on both, and none ends in `error` (the timeout scenarios included).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "harness/runner.hpp"
#include "harness/scenario.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {
namespace {

std::vector<const Scenario*> llm_scenarios() {
  std::vector<const Scenario*> selected;
  for (const Scenario* scenario : ScenarioRegistry::instance().all()) {
    for (Hook hook : scenario->needs) {
      if (hook == Hook::kLlm) {
        selected.push_back(scenario);
        break;
      }
    }
  }
  return selected;
}

std::map<std::string, const ScenarioResult*> by_name(const RunResult& run) {
  std::map<std::string, const ScenarioResult*> out;
  for (const ScenarioResult& result : run.scenarios)
    out[result.issue + " " + result.name] = &result;
  return out;
}

TEST(PlainPromptTarget, SameVerdictsAsTheProcessTargetOnEveryLlmScenario) {
  const std::vector<const Scenario*> scenarios = llm_scenarios();
  ASSERT_GE(scenarios.size(), 20u);

  TargetOptions process;
  process.kind = TargetKind::kProcess;
  process.program_dir = RM_PROGRAM_DIR;
  TargetOptions plain = process;
  plain.kind = TargetKind::kCommand;
  plain.command = std::string(RM_REFERENCE_SERVER) +
                  " --port {port} --llm {llm_url} --llm-prompts plain --llm-timeout-ms 3000"
                  " --data-dir {data_dir} --fault-control";

  RunResult expected;
  {
    auto target = make_target(process);
    expected = run_scenarios(scenarios, *target, RunOptions{});
  }
  RunResult seen;
  {
    auto target = make_target(plain);
    seen = run_scenarios(scenarios, *target, RunOptions{});
  }
  const auto want = by_name(expected);
  const auto got = by_name(seen);
  ASSERT_EQ(want.size(), got.size());
  for (const auto& [name, result] : got) {
    SCOPED_TRACE(name);
    EXPECT_NE(result->verdict, Verdict::kError) << result->reason;
    EXPECT_EQ(std::string(verdict_name(result->verdict)), verdict_name(want.at(name)->verdict))
        << "plain: " << result->reason << "\nprocess: " << want.at(name)->reason;
  }
}

}  // namespace
}  // namespace rm::harness
