// What mock-llm counts and journals for a harness: every request to the OpenAI
// paths (requests), calls per operation, the attempt of a retried prompt, the
// per-call log, and an unknown prompt's journal event with its hint; fault plans
// aimed at health and unknown.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "scenarios/llm_server/llm_traffic.hpp"
#include "scenarios/llm_server/mock_llm_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

const std::string kUnknownPrompt =
    "Plan which of the candidate's skills to lead with for the role below.\n\n"
    "Role:\nQA Lead at Proseware\n\nSkills:\nGo, Python";

json chat(const std::string& text, bool json_mode = false) {
  json body{{"model", "m"}, {"messages", json::array({json{{"role", "user"}, {"content", text}}})}};
  if (json_mode) body["response_format"] = json{{"type", "json_object"}};
  return body;
}

std::string content_of(const HttpResponse& response) {
  return response.json()["choices"][0]["message"]["content"].get<std::string>();
}

using MockLlmCalls = MockLlmSuite;

TEST_F(MockLlmCalls, RequestsCountEveryRequestToTheApi) {
  HttpClient client(base_url());
  EXPECT_EQ(client.get("/v1/models").status, 200);
  EXPECT_EQ(client.post_json("/v1/chat/completions", chat("Hi")).status, 200);
  // Clients given a base URL without /v1 reach the same API.
  EXPECT_EQ(client.post_json("/chat/completions", chat("ping")).status, 200);
  EXPECT_EQ(client.post_json("/v1/chat/completions", chat(kUnknownPrompt)).status, 200);
  EXPECT_EQ(client.post_json("/v1/chat/completions", json{{"messages", 7}}).status, 400);
  EXPECT_EQ(client.get("/v1/embeddings").status, 404);
  const json counted = calls();
  EXPECT_EQ(counted["requests"], 6);
  EXPECT_EQ(counted["calls"]["health"], 3);
  EXPECT_EQ(counted["calls"]["unknown"], 1);
  EXPECT_EQ(counted["total"], 0);  // no model work was asked for
  HttpClient control(base_url());
  ASSERT_EQ(control.post("/__control/reset").status, 200);
  EXPECT_EQ(calls()["requests"], 0);
}

TEST_F(MockLlmCalls, RetriesOfAPromptAreLaterAttempts) {
  install("parse_resume", "non_json", {{"nth", 1}});
  HttpClient client(base_url());
  // The first upload, then the backend's three kinds of retry of the same prompt.
  const std::vector<std::string> names{
      "02-parse_resume.json", "15-parse_resume-retry-after-non-json.json",
      "16-parse_resume-retry-after-http-500.json", "17-parse_resume-retry-after-invalid-json.json"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    const HttpResponse response =
        client.post_json("/v1/chat/completions", llm_traffic_file(names[i]).request());
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.header("x-mock-operation"), "parse_resume");
    EXPECT_EQ(response.header("x-mock-attempt"), std::to_string(i + 1)) << names[i];
  }
  const json entries = journal();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["action"], "non_json");
  EXPECT_EQ(entries[0]["attempt"], 1);
  const json log = client.get("/__control/log").json()["log"];
  ASSERT_EQ(log.size(), 4u);
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i]["operation"], "parse_resume");
    EXPECT_EQ(log[i]["attempt"], static_cast<int>(i) + 1);
    EXPECT_EQ(log[i]["status"], 200);
  }
  // Another prompt of the same operation starts again at 1.
  json other = chat("Parse this resume into JSON.\n\nResume to parse:\n# Ines Duarte\n", true);
  EXPECT_EQ(client.post_json("/v1/chat/completions", other).header("x-mock-attempt"), "1");
}

TEST_F(MockLlmCalls, AnUnknownPromptIsAnsweredAndJournaledWithAHint) {
  HttpClient client(base_url());
  const HttpResponse answered =
      client.post_json("/v1/chat/completions", chat(kUnknownPrompt, true));
  ASSERT_EQ(answered.status, 200);
  EXPECT_EQ(answered.header("x-mock-operation"), "unknown");
  EXPECT_TRUE(json::parse(content_of(answered)).is_object());
  const HttpResponse text = client.post_json("/v1/chat/completions", chat(kUnknownPrompt));
  ASSERT_EQ(text.status, 200);
  EXPECT_TRUE(json::parse(content_of(text), nullptr, false).is_discarded());
  EXPECT_EQ(text.header("x-mock-attempt"), "2");

  const json entries = journal();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["operation"], "unknown");
  EXPECT_EQ(entries[0]["event"], "unrecognised_prompt");
  EXPECT_EQ(entries[0]["call"], 1);
  EXPECT_EQ(entries[0]["attempt"], 1);
  EXPECT_EQ(entries[1]["attempt"], 2);
  const std::string start = entries[0]["prompt_start"];
  EXPECT_EQ(kUnknownPrompt.rfind(start, 0), 0u) << start;
  EXPECT_LE(start.size(), 120u);
  EXPECT_NE(entries[0]["hint"].get<std::string>().find("--rules"), std::string::npos);
  EXPECT_EQ(client.get("/__control/log").json()["log"][0]["prompt_start"], start);
}

TEST_F(MockLlmCalls, PlansAimAtHealthAndUnknown) {
  HttpClient control(base_url());
  ASSERT_EQ(
      control
          .put_json("/__control/plan", {{"rules", json::array({json{{"component", "llm"},
                                                                    {"operation", "health"},
                                                                    {"action", "server_error"},
                                                                    {"status", 503}},
                                                               json{{"component", "llm"},
                                                                    {"operation", "unknown"},
                                                                    {"action", "non_json"}}})}})
          .status,
      200);
  HttpClient client(base_url());
  EXPECT_EQ(client.post_json("/v1/chat/completions", chat("Hi")).status, 503);
  EXPECT_EQ(client.get("/v1/models").status, 503);
  const HttpResponse prose = client.post_json("/v1/chat/completions", chat(kUnknownPrompt, true));
  ASSERT_EQ(prose.status, 200);
  EXPECT_TRUE(json::parse(content_of(prose), nullptr, false).is_discarded());
  std::set<std::string> fired;
  for (const json& entry : journal()) {
    if (entry.contains("action")) fired.insert(entry["operation"].get<std::string>());
  }
  EXPECT_EQ(fired, (std::set<std::string>{"health", "unknown"}));
}

}  // namespace
}  // namespace rm::test
