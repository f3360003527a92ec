// The harness's HTTP targets against the real binaries: the process target offers
// every hook and splits plans between mock-llm and reference-server; a url target
// offers only what the server answers; a command template is expanded and run.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <thread>

#include "harness/command_target.hpp"
#include "harness/http_call.hpp"
#include "harness/http_target.hpp"
#include "harness/mock_llm_process.hpp"
#include "harness/runner.hpp"
#include "harness/scenario.hpp"
#include "harness/target_factory.hpp"
#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/server_process.hpp"

namespace rm::harness {
namespace {

TargetOptions options_for(TargetKind kind) {
  TargetOptions options;
  options.kind = kind;
  options.program_dir = RM_PROGRAM_DIR;
  return options;
}

ApiRequest get(const std::string& path) {
  ApiRequest request;
  request.method = "GET";
  request.path = path;
  return request;
}

ApiRequest upload(const std::string& text) {
  const std::string boundary = "rmboundary";
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/v1/resumes/upload";
  request.headers["content-type"] = "multipart/form-data; boundary=" + boundary;
  request.body = "--" + boundary +
                 "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n"
                 "Content-Type: application/pdf\r\n\r\n" +
                 text + "\r\n--" + boundary + "--\r\n";
  return request;
}

TEST(ProcessTarget, OffersEveryHookAndSplitsThePlan) {
  const auto target = make_target(options_for(TargetKind::kProcess));
  for (Hook hook : kAllHooks) EXPECT_TRUE(target->hook(hook).available) << hook_name(hook);
  EXPECT_EQ(target->send(get("/api/v1/health")).status, 200);

  target->install_plan(FaultPlan::from_json(Json::parse(R"({"seed": 3, "rules": [
      {"component": "llm", "operation": "parse_resume", "action": "non_json"},
      {"component": "store", "operation": "update_resume", "action": "delay", "ms": 1}]})")));
  const ApiResponse response = target->send(upload(rm::test::sample_resume_text()));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Json::parse(response.body)["processing_status"], "failed");
  // Every request of the target reached the mock: the health check's model
  // listing (GET /health above) and the upload's parse.
  EXPECT_EQ(target->llm_calls(), 2);
  const Json journal = target->journal();
  ASSERT_EQ(journal.size(), 2u) << journal.dump();
  std::set<std::string> actions;
  for (const Json& entry : journal) actions.insert(entry["action"].get<std::string>());
  EXPECT_EQ(actions, (std::set<std::string>{"non_json", "delay"}));
  const auto tables = target->store_tables();
  ASSERT_TRUE(tables);
  EXPECT_EQ((*tables)["resumes"].size(), 1u);

  target->reset();
  EXPECT_EQ(target->llm_calls(), 0);
  EXPECT_EQ(target->journal().size(), 0u);
  EXPECT_EQ((*target->store_tables())["resumes"].size(), 0u);
}

TEST(ProcessTarget, StoreGatesAreHeldOnTheServer) {
  const auto target = make_target(options_for(TargetKind::kProcess));
  target->install_plan(FaultPlan::from_json(Json::parse(R"({"rules": [
      {"component": "store", "operation": "create_resume", "action": "gate", "gate": "held"}]})")));
  ApiResponse held;
  std::thread client([&] { held = target->send(upload(rm::test::sample_resume_text())); });
  EXPECT_EQ(target->wait_for_arrivals("held", 1, 20000), 1);
  EXPECT_EQ(target->release("held", true), 1);
  client.join();
  EXPECT_EQ(held.status, 200);
}

TEST(ProcessTarget, FixtureAndRestartKeepTheData) {
  const auto target = make_target(options_for(TargetKind::kProcess));
  const Json tables = Json::parse(R"({"resumes": {"1": {
      "resume_id": "legacy-1", "content": "# Ada", "content_type": "md", "filename": "a.md",
      "is_master": true, "parent_id": null, "processed_data": null,
      "created_at": "2024-01-01T00:00:00+00:00", "updated_at": "2024-01-01T00:00:00+00:00"}},
      "jobs": {}, "improvements": {}})");
  target->reset(tables);
  const auto stored = target->store_tables();
  ASSERT_TRUE(stored);
  ASSERT_EQ((*stored)["resumes"].size(), 1u);
  EXPECT_TRUE((*stored)["resumes"]["1"].contains("processing_status"));  // migrated on open
  target->restart();
  EXPECT_EQ((*target->store_tables())["resumes"].size(), 1u);
}

TEST(UrlTarget, OffersOnlyWhatTheServerAnswers) {
  rm::test::ServerProcess server(rm::test::ServerOptions{RM_REFERENCE_SERVER,
                                                         {"--port", "0"},
                                                         {},
                                                         std::chrono::seconds(30),
                                                         std::chrono::seconds(10),
                                                         true});
  TargetOptions options = options_for(TargetKind::kUrl);
  options.url = server.base_url();
  const auto target = make_target(options);
  EXPECT_FALSE(target->hook(Hook::kStore).available);
  EXPECT_NE(target->hook(Hook::kStore).reason.find("fault-control"), std::string::npos);
  EXPECT_FALSE(target->hook(Hook::kFixtureDb).available);
  // The server uses its built-in model: nothing reaches the harness's mock LLM. The
  // hook is judged by traffic: available until a scenario's own traffic shows
  // otherwise; that scenario is then not_testable, naming the call it waited for.
  const HookStatus llm = target->hook(Hook::kLlm);
  EXPECT_TRUE(llm.available);
  EXPECT_TRUE(llm.by_traffic);
  EXPECT_NE(llm.reason.find("no request of the target has reached the harness's mock LLM"),
            std::string::npos)
      << llm.reason;
  EXPECT_EQ(target->send(get("/api/v1/health")).status, 200);
  EXPECT_FALSE(target->store_tables());
  const Scenario* parse_fails =
      ScenarioRegistry::instance().find("API-001", "parse_throw_reports_failed");
  ASSERT_NE(parse_fails, nullptr);
  const ScenarioResult result = run_scenario(*parse_fails, *target, RunOptions{});
  EXPECT_EQ(result.verdict, Verdict::kNotTestable) << result.reason;
  EXPECT_NE(result.reason.find("waited for an LLM call (parse_resume)"), std::string::npos)
      << result.reason;
  EXPECT_TRUE(target->hook(Hook::kLlm).by_traffic);
}

TEST(UrlTarget, SeesTheLlmWhenTheServerUsesTheMock) {
  TargetOptions options = options_for(TargetKind::kUrl);
  // The harness's mock first (its URL is what the server is started with).
  options.url = "http://127.0.0.1:1";
  auto mock = std::make_shared<MockLlmProcess>(std::string(RM_PROGRAM_DIR) + "/mock-llm", 0,
                                               kDefaultLlmTimeoutHold);
  rm::test::ServerProcess server(rm::test::ServerOptions{RM_REFERENCE_SERVER,
                                                         {"--port", "0", "--llm", mock->v1_url()},
                                                         {},
                                                         std::chrono::seconds(30),
                                                         std::chrono::seconds(10),
                                                         true});
  const int mock_port = std::stoi(mock->base_url().substr(mock->base_url().rfind(':') + 1));
  mock.reset();  // frees the port for the target's own mock-llm
  options.url = server.base_url();
  options.mock_llm_port = mock_port;
  const auto target = make_target(options);
  ASSERT_EQ(target->send(upload(rm::test::sample_resume_text())).status, 200);
  const HookStatus llm = target->hook(Hook::kLlm);  // the upload's parse reached the mock
  EXPECT_TRUE(llm.available);
  EXPECT_FALSE(llm.by_traffic) << llm.reason;
}

// Prompts the mock answers generically are remembered across resets and told to
// the user with the way to name them (--llm-rules).
TEST(MockLlmProcess, RemembersThePromptsItDidNotRecognise) {
  MockLlmProcess mock(std::string(RM_PROGRAM_DIR) + "/mock-llm", 0, kDefaultLlmTimeoutHold);
  ApiRequest chat;
  chat.method = "POST";
  chat.path = "/v1/chat/completions";
  chat.headers["content-type"] = "application/json";
  chat.body = Json{{"model", "m"},
                   {"messages",
                    {{{"role", "user"},
                      {"content", "Plan which skills to lead with for this role.\n\nSkills: Go"}}}}}
                  .dump();
  ASSERT_EQ(http_call(mock.base_url(), chat).status, 200);
  mock.reset();
  const std::vector<std::string> unknown = mock.unknown_prompts();
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].rfind("Plan which skills to lead with", 0), 0u) << unknown[0];
}

TEST(CommandTarget, ExpandsEveryPlaceholder) {
  EXPECT_EQ(CommandTarget::expand("srv {port} --llm {llm_url} -d {data_dir} -p {port}", 81,
                                  "http://h/v1", "/tmp/d"),
            "srv 81 --llm http://h/v1 -d /tmp/d -p 81");
}

TEST(CommandTarget, RunsTheTemplateWithTheHarnessMock) {
  TargetOptions options = options_for(TargetKind::kCommand);
  options.command =
      std::string(RM_REFERENCE_SERVER) + " --port {port} --llm {llm_url} --data-dir {data_dir}";
  const auto target = make_target(options);
  EXPECT_TRUE(target->hook(Hook::kLlm).available) << target->hook(Hook::kLlm).reason;
  EXPECT_TRUE(target->hook(Hook::kFixtureDb).available);
  EXPECT_FALSE(target->hook(Hook::kStore).available);
  const ApiResponse response = target->send(upload(rm::test::sample_resume_text()));
  ASSERT_EQ(response.status, 200) << response.body;
  // The readiness check (GET /api/v1/health lists the models) and the parse.
  EXPECT_EQ(target->llm_calls(), 2);
  target->reset();                    // no control API: a restart on a fresh data dir
  EXPECT_EQ(target->llm_calls(), 1);  // the readiness check of the restarted server
  const ApiResponse listed = target->send(get("/api/v1/resumes/list"));
  EXPECT_EQ(Json::parse(listed.body)["data"].size(), 0u);
}

TEST(CommandTarget, ACommandThatExitsIsUnavailable) {
  TargetOptions options = options_for(TargetKind::kCommand);
  options.command = "exit 3";
  EXPECT_THROW(make_target(options), TargetUnavailable);
}

}  // namespace
}  // namespace rm::harness
