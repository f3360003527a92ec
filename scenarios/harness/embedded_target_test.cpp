// The embedded target (the reference in-process behind ApiRouter) and, on it,
// one small example scenario registered with RM_SCENARIO and run by the runner:
// it passes against the reference and fails with the audited defect switched on.
#include <gtest/gtest.h>

#include <future>

#include "harness/embedded_target.hpp"
#include "harness/requests.hpp"
#include "harness/runner.hpp"
#include "harness/scenario.hpp"

namespace rm::harness {
namespace {

const std::string kResumeText =
    "Ada Lovelace\nada@example.com | +44 20 7946 0000 | London, UK\nSoftware Engineer\n\n"
    "Summary\nEngineer who writes analytical engines.\n\n"
    "Experience\nSenior Engineer, Analytical Engines Ltd, London, 2019 - Present\n"
    "- Built a numerical library\n\n"
    "Education\nBSc Mathematics, University of London, 2012 - 2015\n\n"
    "Skills: Python, C++, SQL\n";

ApiRequest upload_resume() { return upload("resume.pdf", "application/pdf", kResumeText); }

FaultRule rule(FaultComponent component, std::string operation, FaultActionKind kind,
               std::string gate = {}) {
  FaultRule r;
  r.component = component;
  r.operations = {std::move(operation)};
  r.action.kind = kind;
  r.action.gate = std::move(gate);
  return r;
}

int masters(const Json& tables) {
  int count = 0;
  for (const auto& [key, record] : tables["resumes"].items()) {
    if (record.value("is_master", false)) ++count;
  }
  return count;
}

// The example: API-003, set master on a missing id.
RM_SCENARIO({
    .issue = "API-003",
    .name = "example_set_master_missing_id",
    .description = "POST /resumes/{missing}/master: 404, and the current master stays",
    .needs = {Hook::kStore},
    .run =
        [](ScenarioContext& ctx) {
          const ApiResponse uploaded = ctx.send(upload_resume());
          const auto body = json_body(uploaded);
          if (!ctx.check.must(uploaded.status == 200 && body && body->contains("resume_id"),
                              "the first upload answers 200 with a resume_id")) {
            return;
          }
          const std::string master = (*body)["resume_id"];
          const ApiResponse response = ctx.send(post(api("/resumes/no-such-resume/master")));
          ctx.check.must(response.status == 404, "setting a missing id as master answers 404");
          const ApiResponse read =
              ctx.send(get(api("/resumes/list"), {{"include_master", "true"}}));
          const auto list = json_body(read);
          bool still_master = false;
          if (list && (*list)["data"].is_array()) {
            for (const Json& entry : (*list)["data"]) {
              if (entry.value("resume_id", "") == master)
                still_master = entry.value("is_master", false);
            }
          }
          ctx.check.must(still_master, "the current master is unchanged (read back by the list)");
          const auto tables = ctx.target.store_tables();
          ctx.check.must(tables && masters(*tables) == 1, "the store still has exactly one master",
                         tables ? tables->dump() : "no tables");
        },
});

TEST(EmbeddedTarget, RoutesRequestsThroughTheRouter) {
  EmbeddedTarget target;
  EXPECT_EQ(target.describe(), "embedded");
  for (Hook hook : kAllHooks) EXPECT_TRUE(target.hook(hook).available) << hook_name(hook);
  const ApiResponse response = target.send(upload_resume());
  ASSERT_EQ(response.status, 200) << response.body;
  const Json body = *json_body(response);
  EXPECT_EQ(body["processing_status"], "ready");
  EXPECT_EQ(body["is_master"], true);
  EXPECT_EQ(target.llm_calls(), 1);  // the parse
  const Json tables = *target.store_tables();
  ASSERT_EQ(tables["resumes"].size(), 1u);
  EXPECT_EQ(target.send(get(api("/nowhere"))).status, 404);

  target.reset();
  EXPECT_EQ(target.llm_calls(), 0);
  EXPECT_TRUE((*target.store_tables())["resumes"].empty());
}

TEST(EmbeddedTarget, LlmFaultsApplyAndCount) {
  EmbeddedTarget target;
  FaultPlan plan;
  plan.rules.push_back(rule(FaultComponent::kLlm, "parse_resume", FaultActionKind::kThrow));
  target.install_plan(plan);
  const ApiResponse response = target.send(upload_resume());
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ((*json_body(response))["processing_status"], "failed");
  EXPECT_EQ(target.llm_calls(), 1);  // a faulted call still reached the LLM side
  const Json journal = target.journal();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["operation"], "parse_resume");

  target.clear_plan();
  EXPECT_EQ((*json_body(target.send(upload_resume())))["processing_status"], "ready");
}

TEST(EmbeddedTarget, StoreGatesHoldAndRelease) {
  EmbeddedTarget target;
  FaultPlan plan;
  plan.rules.push_back(
      rule(FaultComponent::kStore, "create_resume", FaultActionKind::kGate, "insert"));
  target.install_plan(plan);
  auto first = std::async(std::launch::async, [&] { return target.send(upload_resume()); });
  auto second = std::async(std::launch::async, [&] { return target.send(upload_resume()); });
  ASSERT_EQ(target.wait_for_arrivals("insert", 2, 10'000), 2);
  EXPECT_EQ(target.release("insert", false), 1);
  EXPECT_EQ(target.release("insert", true), 1);
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(second.get().status, 200);
  EXPECT_EQ(masters(*target.store_tables()), 1);  // the reference decides the master atomically
}

TEST(EmbeddedTarget, ResetReleasesHeldCalls) {
  EmbeddedTarget target;
  FaultPlan plan;
  plan.rules.push_back(rule(FaultComponent::kLlm, "parse_resume", FaultActionKind::kGate, "parse"));
  target.install_plan(plan);
  auto held = std::async(std::launch::async, [&] { return target.send(upload_resume()); });
  ASSERT_EQ(target.wait_for_arrivals("parse", 1, 10'000), 1);
  target.clear_plan();  // what the runner does after every scenario
  EXPECT_EQ(held.get().status, 200);
}

TEST(EmbeddedTarget, FixtureOpensAsFileStoreAndMigratesLegacyRecords) {
  EmbeddedTarget target;
  const Json fixture = {{"resumes",
                         {{"1",
                           {{"resume_id", "legacy-1"},
                            {"content", "Ada"},
                            {"content_type", "md"},
                            {"filename", "old.pdf"},
                            {"is_master", true},
                            {"parent_id", nullptr},
                            {"processed_data", nullptr},
                            {"created_at", "2024-01-01T00:00:00+00:00"},
                            {"updated_at", "2024-01-01T00:00:00+00:00"}}}}},
                        {"jobs", Json::object()},
                        {"improvements", Json::object()}};
  target.reset(fixture);
  ASSERT_TRUE(target.database_file().has_value());
  const Json tables = *target.store_tables();
  EXPECT_EQ(tables["resumes"]["1"]["processing_status"], "pending");  // content, no data
  const ApiResponse read = target.send(get(api("/resumes"), {{"resume_id", "legacy-1"}}));
  ASSERT_EQ(read.status, 200) << read.body;

  // A restart reopens the same file: what was written survives.
  ASSERT_EQ(target.send(upload_resume()).status, 200);
  target.restart();
  EXPECT_EQ((*target.store_tables())["resumes"].size(), 2u);

  const auto file = *target.database_file();
  target.reset();  // back to memory: the temporary data dir goes away
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(target.database_file().has_value());
}

TEST(EmbeddedTarget, AuditedApi005OpensTheFixtureWithoutMigration) {
  EmbeddedTarget target{DefectSwitch(Issue::kApi005)};
  const Json fixture = {{"resumes",
                         {{"1",
                           {{"resume_id", "legacy-1"},
                            {"content", "Ada"},
                            {"is_master", true},
                            {"parent_id", nullptr},
                            {"processed_data", nullptr}}}}},
                        {"jobs", Json::object()},
                        {"improvements", Json::object()}};
  target.reset(fixture);
  EXPECT_FALSE((*target.store_tables())["resumes"]["1"].contains("processing_status"));
  target.restart();
  EXPECT_FALSE((*target.store_tables())["resumes"]["1"].contains("processing_status"));
}

TEST(EmbeddedTarget, MemoryStoreSurvivesARestart) {
  EmbeddedTarget target;
  ASSERT_EQ(target.send(upload_resume()).status, 200);
  target.restart();
  EXPECT_EQ((*target.store_tables())["resumes"].size(), 1u);
}

TEST(ExampleScenario, IsRegistered) {
  const Scenario* scenario =
      ScenarioRegistry::instance().find("API-003", "example_set_master_missing_id");
  ASSERT_NE(scenario, nullptr);
  EXPECT_EQ(ScenarioRegistry::instance().for_issue("3").size(), 1u);
  EXPECT_THROW(ScenarioRegistry::instance().add(*scenario), std::invalid_argument);
}

TEST(ExampleScenario, PassesAgainstTheReference) {
  EmbeddedTarget target;
  const Scenario& scenario =
      *ScenarioRegistry::instance().find("API-003", "example_set_master_missing_id");
  const ScenarioResult result = run_scenario(scenario, target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kPass)
      << result.reason << (result.findings.empty() ? "" : result.findings[0].what);
  EXPECT_EQ(result.musts_checked, 4);
}

TEST(ExampleScenario, FailsWithTheAuditedDefect) {
  EmbeddedTarget target{DefectSwitch(Issue::kApi003)};
  EXPECT_EQ(target.describe(), "embedded --defect API-003");
  const Scenario& scenario =
      *ScenarioRegistry::instance().find("API-003", "example_set_master_missing_id");
  RunOptions options;
  options.defect = "API-003";
  options.repeat = 3;
  const ScenarioResult result = run_scenario(scenario, target, options);
  ASSERT_EQ(result.verdict, Verdict::kFail);
  EXPECT_EQ(result.failed_runs, 3);
  bool cites_404 = false, cites_invariant = false;
  for (const Finding& finding : result.findings) {
    if (finding.what.find("answers 404") != std::string::npos) {
      cites_404 = finding.evidence.find("POST /api/v1/resumes/no-such-resume/master -> 200") !=
                  std::string::npos;
    }
    // The audited code answers 200 for the missing id: the id tracker sees a
    // success for a resume that does not exist.
    if (finding.what.find("every id a 200 response returned") != std::string::npos) {
      cites_invariant = true;
    }
  }
  EXPECT_TRUE(cites_404);
  EXPECT_TRUE(cites_invariant);
  EXPECT_NE(result.replay.find("--defect API-003"), std::string::npos);
}

}  // namespace
}  // namespace rm::harness
