// The runner's verdict logic, with a fake target and scenarios made up here.
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "harness/not_testable.hpp"
#include "harness/requests.hpp"
#include "harness/runner.hpp"
#include "scenarios/harness/fake_target.hpp"

namespace rm::harness {
namespace {

using test::FakeTarget;

Scenario scenario(std::string issue, std::string name, std::function<void(ScenarioContext&)> run,
                  std::vector<Hook> needs = {}) {
  Scenario s;
  s.issue = std::move(issue);
  s.name = std::move(name);
  s.description = "made up for the runner's tests";
  s.needs = std::move(needs);
  s.run = std::move(run);
  return s;
}

Json resume(const std::string& id, bool master, const std::string& status = "ready",
            const std::optional<std::string>& parent = std::nullopt) {
  return {{"resume_id", id},
          {"is_master", master},
          {"processing_status", status},
          {"parent_id", parent ? Json(*parent) : Json(nullptr)}};
}

TEST(Runner, PassWhenEveryMustHolds) {
  FakeTarget target;
  const Scenario s = scenario("API-003", "holds", [](ScenarioContext& ctx) {
    ctx.check.must(true, "a clause that holds");
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.musts_checked, 1);
  EXPECT_EQ(result.runs, 1);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(target.resets, 1);
  EXPECT_GE(target.clears, 1);  // the plan is cleared after every run
}

TEST(Runner, FailCarriesFindingEvidenceAndReplay) {
  FakeTarget target;
  const Scenario s = scenario("API-003", "breaks", [](ScenarioContext& ctx) {
    const ApiResponse response = ctx.send(post(api("/resumes/missing/master")));
    ctx.check.must(response.status == 200, "set_master on a missing id answers 200");
  });
  RunOptions options;
  options.seed = 42;
  options.defect = "API-003";
  const ScenarioResult result = run_scenario(s, target, options);
  ASSERT_EQ(result.verdict, Verdict::kFail);
  ASSERT_EQ(result.findings.size(), 1u);
  // Without explicit evidence, the last exchange is cited.
  EXPECT_NE(result.findings[0].evidence.find("POST /api/v1/resumes/missing/master -> 404"),
            std::string::npos)
      << result.findings[0].evidence;
  EXPECT_EQ(result.seed, 42u);
  EXPECT_EQ(result.replay,
            "harness run --target embedded --issues API-003 --scenario breaks --seed 42 "
            "--defect API-003");
}

TEST(Runner, TranscriptKeepsEveryExchangeAndTheJournal) {
  FakeTarget target;
  const Scenario s = scenario("API-003", "many", [](ScenarioContext& ctx) {
    for (int i = 0; i < 12; ++i) ctx.send(get(api("/resumes/r" + std::to_string(i))));
    ctx.check.must(false, "made to fail");
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  // All twelve, though Check cites only the last few in findings.
  ASSERT_EQ(result.transcript.size(), 12u);
  EXPECT_EQ(result.transcript.front().request, "GET /api/v1/resumes/r0");
  EXPECT_EQ(result.transcript.front().status, 404);
  EXPECT_EQ(result.transcript_dropped, 0u);
  EXPECT_TRUE(result.journal.is_array());
}

TEST(Runner, MissingHookIsNotTestableAndNamesIt) {
  FakeTarget target;
  target.remove_hook(Hook::kStore, "the target does not answer the control API");
  bool ran = false;
  const Scenario s = scenario("API-013", "needs_store", [&](ScenarioContext&) { ran = true; },
                              {Hook::kLlm, Hook::kStore});
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable);
  EXPECT_FALSE(ran);
  EXPECT_NE(result.reason.find("store"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("control API"), std::string::npos) << result.reason;
}

TEST(Runner, NotTestableDeclaredAtRunTimeOutranksFindings) {
  FakeTarget target;
  const Scenario s = scenario("API-001", "no_llm_calls", [](ScenarioContext& ctx) {
    ctx.check.must(false, "status failed after an injected parse failure");
    if (ctx.target.llm_calls() == 0) ctx.check.not_testable("no LLM call reached the mock LLM");
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable);
  EXPECT_EQ(result.reason, "no LLM call reached the mock LLM");
}

TEST(Runner, ExceptionIsAnError) {
  FakeTarget target;
  const Scenario s = scenario("API-002", "throws", [](ScenarioContext&) {
    throw std::runtime_error("connection refused");
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_NE(result.reason.find("connection refused"), std::string::npos);
}

Scenario race_scenario(std::function<void(ScenarioContext&)> round, int* full_runs) {
  Scenario s =
      scenario("API-002", "concurrent_first_uploads",
               [full_runs](ScenarioContext&) { ++*full_runs; }, {Hook::kStore, Hook::kStoreGate});
  s.race = true;
  s.run_statistical_round = std::move(round);
  return s;
}

TEST(Runner, RaceWithoutStoreGateRunsStatisticallyNotObserved) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  int full_runs = 0, rounds = 0;
  const Scenario s = race_scenario(
      [&](ScenarioContext& ctx) {
        ++rounds;
        ctx.check.must(true, "exactly one master");
      },
      &full_runs);
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotObserved);
  EXPECT_TRUE(result.statistical);
  EXPECT_EQ(rounds, kDefaultStatisticalRounds);
  EXPECT_EQ(result.runs, kDefaultStatisticalRounds);
  EXPECT_EQ(full_runs, 0);
  EXPECT_NE(result.reason.find("20 rounds"), std::string::npos) << result.reason;
}

TEST(Runner, RaceWithoutStoreGateFailsWithTheObservedRate) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  int full_runs = 0, round = 0;
  const Scenario s = race_scenario(
      [&](ScenarioContext& ctx) {
        ++round;
        ctx.check.race_must(round % 4 != 0, "exactly one master");  // rounds 4 and 8 violate
      },
      &full_runs);
  RunOptions options;
  options.repeat = 8;
  options.seed = 100;
  const ScenarioResult result = run_scenario(s, target, options);
  EXPECT_EQ(result.verdict, Verdict::kFail);
  EXPECT_EQ(result.runs, 8);
  EXPECT_EQ(result.failed_runs, 2);
  EXPECT_NE(result.reason.find("2 of 8 rounds"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("25%"), std::string::npos) << result.reason;
  EXPECT_EQ(result.seed, 103u);  // the first violating round
  EXPECT_NE(result.replay.find("--repeat 8"), std::string::npos);
}

// A MUST that a single request also breaks (a missing field) is not a race: it is
// reported once as failing without concurrency, and no race rate is claimed.
TEST(Runner, StatisticalRoundShapeFailureFailsWithoutConcurrency) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  int full_runs = 0;
  const Scenario s = race_scenario(
      [&](ScenarioContext& ctx) {
        ctx.check.must(false, "every upload response says is_master (a boolean)");
        ctx.check.race_must(true, "exactly one stored resume has is_master: true");
      },
      &full_runs);
  RunOptions options;
  options.repeat = 5;
  const ScenarioResult result = run_scenario(s, target, options);
  EXPECT_EQ(result.verdict, Verdict::kFail);
  EXPECT_EQ(result.failed_runs, 0);
  EXPECT_NE(result.reason.find("fails without concurrency"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("is_master (a boolean)"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("no race violation observed in 5 rounds"), std::string::npos)
      << result.reason;
  EXPECT_EQ(result.reason.find("rate"), std::string::npos) << result.reason;
  ASSERT_EQ(result.findings.size(), 1u);  // once, not once per round
  EXPECT_FALSE(result.findings[0].interleaving);
  ASSERT_EQ(result.rounds.size(), 5u);
  for (const RoundResult& round : result.rounds) {
    EXPECT_TRUE(round.race_violations.empty());
    EXPECT_EQ(round.without_concurrency,
              std::vector<std::string>{"every upload response says is_master (a boolean)"});
  }
}

TEST(Runner, StatisticalRoundsSeparateRaceFromShapeFindings) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  int full_runs = 0, round = 0;
  const Scenario s = race_scenario(
      [&](ScenarioContext& ctx) {
        ++round;
        ctx.check.must(false, "the response has is_master");
        ctx.check.race_must(round != 2, "exactly one stored master");
      },
      &full_runs);
  RunOptions options;
  options.repeat = 4;
  const ScenarioResult result = run_scenario(s, target, options);
  EXPECT_EQ(result.verdict, Verdict::kFail);
  EXPECT_EQ(result.failed_runs, 1);
  EXPECT_NE(result.reason.find("race violation observed in 1 of 4 rounds (rate 25%)"),
            std::string::npos)
      << result.reason;
  EXPECT_NE(result.reason.find("fails without concurrency"), std::string::npos) << result.reason;
  EXPECT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.rounds[1].race_violations,
            std::vector<std::string>{"exactly one stored master"});
}

// The llm hook of an HTTP target before any traffic: judged by the scenario's own.
TEST(Runner, LlmHookJudgedByTrafficNamesTheAwaitedOperation) {
  FakeTarget target;
  target.hooks[Hook::kLlm] = HookStatus{true, "nothing reached the mock LLM yet", true};
  const Scenario s = scenario(
      "API-001", "parse_fails",
      [](ScenarioContext& ctx) {
        ctx.target.install_plan(FaultPlan::from_json(Json::parse(
            R"({"rules": [{"component": "llm", "operation": "parse_resume", "action": "throw"}]})")));
        ctx.check.must(false, "the upload says processing_status failed");
      },
      {Hook::kLlm});
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable);
  EXPECT_NE(result.reason.find("nothing reached the mock LLM yet"), std::string::npos)
      << result.reason;
  EXPECT_NE(result.reason.find("waited for an LLM call (parse_resume)"), std::string::npos)
      << result.reason;

  target.llm = 3;  // the target's requests did reach the mock: the findings stand
  EXPECT_EQ(run_scenario(s, target, RunOptions{}).verdict, Verdict::kFail);
}

TEST(Runner, NotTestableThrownByTheTargetIsNotAnError) {
  FakeTarget target;
  target.answer = [](const ApiRequest&) -> ApiResponse {
    throw NotTestable("the target had not answered while the mock LLM held its call");
  };
  const Scenario s = scenario("API-001", "held", [](ScenarioContext& ctx) {
    ctx.send(post_json(api("/resumes/upload"), Json::object()));
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable);
  EXPECT_NE(result.reason.find("held its call"), std::string::npos) << result.reason;
}

TEST(Runner, RaceWithStoreGateRunsTheGatedScenario) {
  FakeTarget target;
  int full_runs = 0, rounds = 0;
  const Scenario s = race_scenario([&](ScenarioContext&) { ++rounds; }, &full_runs);
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_FALSE(result.statistical);
  EXPECT_EQ(full_runs, 1);
  EXPECT_EQ(rounds, 0);
}

TEST(Runner, RaceWithoutFallbackIsNotTestable) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  Scenario s = scenario("API-010", "b_lost_update", [](ScenarioContext&) {},
                        {Hook::kStore, Hook::kStoreGate});
  s.race = true;
  EXPECT_EQ(run_scenario(s, target, RunOptions{}).verdict, Verdict::kNotTestable);
}

TEST(Runner, StatisticalFallbackStillNeedsTheOtherHooks) {
  FakeTarget target;
  target.remove_hook(Hook::kStoreGate, "no control API");
  target.remove_hook(Hook::kLlm, "no LLM calls arrived");
  int full_runs = 0;
  Scenario s = race_scenario([](ScenarioContext&) {}, &full_runs);
  s.needs.push_back(Hook::kLlm);
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable);
  EXPECT_NE(result.reason.find("'llm'"), std::string::npos) << result.reason;
}

TEST(Runner, RepetitionsReportHowManyFailed) {
  FakeTarget target;
  int run = 0;
  const Scenario s = scenario("API-011", "flaky", [&](ScenarioContext& ctx) {
    ++run;
    ctx.check.must(run != 2, "never a success for a deleted resume");
  });
  RunOptions options;
  options.repeat = 3;
  const ScenarioResult result = run_scenario(s, target, options);
  EXPECT_EQ(result.verdict, Verdict::kFail);
  EXPECT_EQ(result.runs, 3);
  EXPECT_EQ(result.failed_runs, 1);
  EXPECT_EQ(result.seed, 2u);  // seed 1 + repetition index 1
  EXPECT_EQ(result.reason, "failed in 1 of 3 repetitions");
}

TEST(Runner, StoreInvariantViolationIsAMustFailureCitingIt) {
  FakeTarget target;
  const Scenario s = scenario("API-002", "two_masters", [&](ScenarioContext&) {
    Json tables = FakeTarget::empty_tables();
    tables["resumes"]["1"] = resume("r1", true);
    tables["resumes"]["2"] = resume("r2", true);
    target.set_tables(tables);
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  ASSERT_EQ(result.verdict, Verdict::kFail);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_NE(result.findings[0].what.find("at most one master"), std::string::npos);
  EXPECT_NE(result.findings[0].evidence.find("r1 master"), std::string::npos)
      << result.findings[0].evidence;
}

TEST(Runner, InvariantsAreSkippedWithoutTheStoreHook) {
  FakeTarget target;
  target.remove_hook(Hook::kStore, "no control API");
  const Scenario s = scenario("API-002", "two_masters", [&](ScenarioContext&) {
    Json tables = FakeTarget::empty_tables();
    tables["resumes"]["1"] = resume("r1", true);
    tables["resumes"]["2"] = resume("r2", true);
    target.set_tables(tables);
  });
  EXPECT_EQ(run_scenario(s, target, RunOptions{}).verdict, Verdict::kPass);
}

TEST(Runner, AFixtureThatBreaksAnInvariantIsNotBlamedOnTheScenario) {
  FakeTarget target;
  Json fixture = FakeTarget::empty_tables();
  fixture["resumes"]["1"] = resume("master", true);
  fixture["resumes"]["2"] = resume("orphan", false, "ready", "master");  // no improvement record
  const Scenario s = scenario("API-012", "orphan_fixture",
                              [&](ScenarioContext& ctx) { ctx.target.reset(fixture); });
  EXPECT_EQ(run_scenario(s, target, RunOptions{}).verdict, Verdict::kPass);

  // ... but a new violation on top of it is.
  const Scenario worse = scenario("API-012", "orphan_fixture_and_more", [&](ScenarioContext& ctx) {
    ctx.target.reset(fixture);
    Json tables = fixture;
    tables["resumes"]["3"] = resume("stuck", false, "processing");
    target.set_tables(tables);
  });
  const ScenarioResult result = run_scenario(worse, target, RunOptions{});
  ASSERT_EQ(result.verdict, Verdict::kFail);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_NE(result.findings[0].what.find("processing"), std::string::npos);
}

TEST(Runner, IdReturnedByA200ThatIsGoneFails) {
  FakeTarget target;
  target.answer = [](const ApiRequest& request) {
    if (request.path == "/api/v1/resumes/upload") {
      return ApiResponse{200, {}, R"({"resume_id":"ghost","is_master":true})"};
    }
    return ApiResponse{404, {}, R"({"detail":"Resume not found"})"};
  };
  const Scenario s = scenario("API-011", "ghost_upload", [](ScenarioContext& ctx) {
    ctx.send(upload("cv.pdf", "application/pdf", "text"));
  });
  const ScenarioResult result = run_scenario(s, target, RunOptions{});
  ASSERT_EQ(result.verdict, Verdict::kFail);
  EXPECT_NE(result.findings.at(0).what.find("resume ghost"), std::string::npos);

  // Without the store hook the runner asks the API: the fake answers 404.
  target.remove_hook(Hook::kStore, "no control API");
  EXPECT_EQ(run_scenario(s, target, RunOptions{}).verdict, Verdict::kFail);
}

TEST(Runner, RunResultCountsVerdictsAndExitCodes) {
  FakeTarget target;
  const Scenario pass = scenario("API-001", "a", [](ScenarioContext&) {});
  const Scenario fail =
      scenario("API-001", "b", [](ScenarioContext& ctx) { ctx.check.must(false, "x"); });
  const Scenario error =
      scenario("API-004", "c", [](ScenarioContext&) { throw std::runtime_error("unreachable"); });
  std::ostringstream progress;
  RunOptions options;
  options.progress = &progress;

  RunResult run = run_scenarios({&pass}, target, options);
  EXPECT_EQ(run.exit_code(), 0);
  run = run_scenarios({&pass, &fail}, target, options);
  EXPECT_EQ(run.exit_code(), 1);
  EXPECT_EQ(issue_verdict(run, "API-001"), Verdict::kFail);
  EXPECT_EQ(issue_verdict(run, "API-002"), std::nullopt);
  run = run_scenarios({&pass, &fail, &error}, target, options);
  EXPECT_EQ(run.exit_code(), 2);
  EXPECT_EQ(run.count(Verdict::kPass), 1);
  EXPECT_EQ(run.count(Verdict::kFail), 1);
  EXPECT_EQ(run.count(Verdict::kError), 1);
  EXPECT_NE(progress.str().find("[3/3] API-004 c "), std::string::npos) << progress.str();
}

TEST(Runner, ProgressLineShape) {
  ScenarioResult result;
  result.issue = "API-002";
  result.name = "concurrent_first_uploads";
  result.verdict = Verdict::kPass;
  result.ms = 12.4;
  const std::string line = progress_line(result, 3, 27);
  EXPECT_EQ(line.rfind("[ 3/27] API-002 concurrent_first_uploads ....", 0), 0u) << line;
  EXPECT_NE(line.find(" pass "), std::string::npos) << line;
  EXPECT_EQ(line.substr(line.size() - 5), "12 ms") << line;
}

TEST(Runner, SelectionByIssueAndName) {
  const Scenario a = scenario("API-001", "x", [](ScenarioContext&) {});
  const Scenario b = scenario("API-010", "y", [](ScenarioContext&) {});
  const Scenario c = scenario("API-010", "x", [](ScenarioContext&) {});
  const std::vector<const Scenario*> all = {&b, &a, &c};
  RunOptions options;
  options.issues = {"10"};
  EXPECT_EQ(select_scenarios(all, options), (std::vector<const Scenario*>{&c, &b}));
  options.scenario = "x";
  EXPECT_EQ(select_scenarios(all, options), (std::vector<const Scenario*>{&c}));
  options.issues = {"API-99"};
  EXPECT_THROW(select_scenarios(all, options), std::invalid_argument);
}

}  // namespace
}  // namespace rm::harness
