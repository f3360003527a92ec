// Each llm action of a fault plan, as mock-llm answers it over HTTP: status,
// headers and body shape, against the real mock-llm process.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "mocks/fault/llm_fault_answers.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "reference/domain/llm_json.hpp"
#include "scenarios/llm_server/mock_llm_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

const std::string kJob = "Senior Python Engineer\nWe need Python, Docker and AWS experience.";

// A completion request as the reference's HttpLlm sends it for extract_keywords.
HttpResponse ask_keywords(HttpClient& client) {
  const json body{
      {"model", "m"},
      {"messages",
       json::array({json{{"role", "system"}, {"content", "extract"}},
                    json{{"role", "user"}, {"content", json{{"job_description", kJob}}.dump()}}})}};
  return client.request("POST", "/v1/chat/completions",
                        {{"Content-Type", "application/json"}, {"X-Operation", "extract_keywords"}},
                        body.dump());
}

std::string builtin_keywords() {
  BuiltinLlm builtin;
  return builtin.extract_keywords(kJob);
}

std::string content_of(const HttpResponse& response) {
  return response.json()["choices"][0]["message"]["content"].get<std::string>();
}

void expect_error_envelope(const HttpResponse& response) {
  EXPECT_EQ(response.header("content-type"), "application/json");
  const json body = response.json();
  ASSERT_TRUE(body.is_object()) << response.body;
  ASSERT_TRUE(body.contains("error")) << response.body;
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"]["type"].is_string());
}

using MockLlmActions = MockLlmSuite;

TEST_F(MockLlmActions, NoPlanAnswersAChatCompletionWithTheBuiltinContent) {
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/json");
  const json body = response.json();
  EXPECT_TRUE(body["id"].is_string());
  EXPECT_EQ(body["object"], "chat.completion");
  EXPECT_TRUE(body["created"].is_number_integer());
  EXPECT_EQ(body["model"], "m");
  ASSERT_EQ(body["choices"].size(), 1u);
  EXPECT_EQ(body["choices"][0]["index"], 0);
  EXPECT_EQ(body["choices"][0]["message"]["role"], "assistant");
  EXPECT_EQ(body["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(content_of(response), builtin_keywords());
  EXPECT_TRUE(body["usage"]["total_tokens"].is_number_integer());
  EXPECT_EQ(calls()["calls"]["extract_keywords"], 1);
}

TEST_F(MockLlmActions, ModelsListsTheMockModel) {
  HttpClient client(base_url());
  const HttpResponse response = client.get("/v1/models");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.json()["object"], "list");
  EXPECT_EQ(response.json()["data"][0]["id"], "mock-llm");
}

TEST_F(MockLlmActions, ThrowIsA500ErrorEnvelope) {
  install("extract_keywords", "throw", {{"message", "model exploded"}});
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  EXPECT_EQ(response.status, 500);
  expect_error_envelope(response);
  EXPECT_EQ(response.json()["error"]["message"], "model exploded");
}

TEST_F(MockLlmActions, ServerErrorAnswersItsStatus) {
  install("*", "server_error", {{"status", 503}});
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  EXPECT_EQ(response.status, 503);
  expect_error_envelope(response);
}

TEST_F(MockLlmActions, RateLimitedIs429WithRetryAfter) {
  install("extract_keywords", "rate_limited", {{"retry_after", 7}});
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.header("retry-after"), "7");
  expect_error_envelope(response);
  EXPECT_NE(response.json()["error"]["message"].get<std::string>().find("retry_after=7"),
            std::string::npos);
}

TEST_F(MockLlmActions, NonJsonIs200WithProse) {
  install("extract_keywords", "non_json");
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), non_json_answer("extract_keywords"));
  EXPECT_FALSE(extract_json_object(content_of(response)).has_value());
}

TEST_F(MockLlmActions, TruncatedJsonIs200WithHalfTheAnswer) {
  install("extract_keywords", "truncated_json");
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), truncated_answer(builtin_keywords()));
  EXPECT_TRUE(json::parse(content_of(response), nullptr, false).is_discarded());
}

TEST_F(MockLlmActions, SchemaInvalidIs200WithWrongTypes) {
  install("extract_keywords", "schema_invalid");
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), schema_invalid_answer("extract_keywords"));
  EXPECT_TRUE(json::parse(content_of(response)).is_object());
}

TEST_F(MockLlmActions, WrongButValidIs200WithInventedContent) {
  install("extract_keywords", "wrong_but_valid");
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), wrong_but_valid_answer("extract_keywords", builtin_keywords()));
  EXPECT_NE(content_of(response).find(kInventedSkill), std::string::npos);
}

TEST_F(MockLlmActions, DelayAnswersNormallyAndIsJournaled) {
  install("extract_keywords", "delay", {{"ms", 20}});
  HttpClient client(base_url());
  const HttpResponse response = ask_keywords(client);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), builtin_keywords());
  const json entries = journal();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["action"], "delay");
  EXPECT_EQ(entries[0]["delay_ms"], 20);
}

TEST_F(MockLlmActions, GateHoldsTheCallUntilReleased) {
  install("extract_keywords", "gate", {{"gate", "kw"}});
  auto held = std::async(std::launch::async, [] {
    HttpClient client(base_url());
    return ask_keywords(client);
  });
  HttpClient control(base_url());
  const HttpResponse wait = control.post("/__control/gates/kw/wait?count=1&timeout_ms=20000");
  ASSERT_EQ(wait.status, 200);
  EXPECT_EQ(wait.json()["arrived"], 1);
  EXPECT_EQ(control.post("/__control/gates/kw/release").json()["released"], 1);
  const HttpResponse response = held.get();
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(content_of(response), builtin_keywords());
}

TEST_F(MockLlmActions, TimeoutSendsNothingUntilTheClientGivesUp) {
  install("extract_keywords", "timeout");
  HttpClient impatient(base_url(), std::chrono::milliseconds(300));
  const HttpResponse response = ask_keywords(impatient);
  EXPECT_EQ(response.status, 0);  // no answer: the client's deadline passed
  EXPECT_FALSE(response.transport_error.empty());
  // A reset cuts the held answer short; the next call is answered normally.
  HttpClient control(base_url());
  ASSERT_EQ(control.post("/__control/reset").status, 200);
  HttpClient client(base_url());
  EXPECT_EQ(ask_keywords(client).status, 200);
}

TEST_F(MockLlmActions, PythonPromptsAreRecognisedWithoutXOperation) {
  HttpClient client(base_url());
  const json body{
      {"messages", json::array({json{{"role", "system"},
                                     {"content", "You are an expert job description analyzer."}},
                                json{{"role", "user"},
                                     {"content",
                                      "Extract job requirements as JSON. Output ONLY "
                                      "the JSON object, no other text.\n\n" +
                                          kJob}}})}};
  const HttpResponse response = client.post_json("/v1/chat/completions", body);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(calls()["calls"]["extract_keywords"], 1);
  EXPECT_TRUE(json::parse(content_of(response)).contains("keywords"));
}

TEST_F(MockLlmActions, AnUnknownXOperationIsA400AndCounted) {
  HttpClient client(base_url());
  const HttpResponse response = client.request(
      "POST", "/v1/chat/completions",
      {{"Content-Type", "application/json"}, {"X-Operation", "dance"}},
      json{{"messages", json::array({json{{"role", "user"}, {"content", "{}"}}})}}.dump());
  EXPECT_EQ(response.status, 400);
  expect_error_envelope(response);
  EXPECT_EQ(calls()["calls"]["unrecognised"], 1);
  EXPECT_EQ(calls()["total"], 0);
  EXPECT_EQ(calls()["requests"], 1);
}

TEST_F(MockLlmActions, AShortPromptIsAHealthCheckNotA400) {
  HttpClient client(base_url());
  const HttpResponse response =
      client.post_json("/v1/chat/completions",
                       {{"messages", json::array({json{{"role", "user"}, {"content", "hi"}}})}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("x-mock-operation"), "health");
  EXPECT_FALSE(content_of(response).empty());
  EXPECT_EQ(calls()["calls"]["health"], 1);
  EXPECT_EQ(calls()["total"], 0);
}

TEST_F(MockLlmActions, ControlApiRefusesStoreRules) {
  HttpClient control(base_url());
  const HttpResponse put = control.put_json(
      "/__control/plan",
      {{"rules",
        json::array({json{{"component", "store"}, {"operation", "*"}, {"action", "fail"}}})}});
  EXPECT_EQ(put.status, 400);
}

}  // namespace
}  // namespace rm::test
