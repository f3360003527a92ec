// The reference's HttpLlm against the real mock-llm: each llm action maps onto the
// contract's outcome (an LlmError of the right kind, or the content handed to the
// service unjudged), and through reference-server --llm the upload ends as the
// contract says.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "mocks/fault/llm_fault_answers.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "reference/adapters/http_llm.hpp"
#include "reference/server/pistache_server.hpp"
#include "scenarios/llm_server/mock_llm_fixture.hpp"
#include "scenarios/support/api_steps.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

const std::string kJob = "Senior Python Engineer\nWe need Python, Docker and AWS experience.";

HttpLlm client_for(const std::string& base,
                   std::chrono::milliseconds total = std::chrono::seconds(10)) {
  HttpLlmOptions options;
  options.base_url = base;
  options.total_timeout = total;
  return HttpLlm(options);
}

// The kind of the LlmError `call` throws, or nullopt when it returns.
template <typename Call>
std::optional<LlmErrorKind> error_kind(Call&& call, std::string* message = nullptr) {
  try {
    call();
  } catch (const LlmError& error) {
    if (message) *message = error.what();
    return error.kind();
  }
  return std::nullopt;
}

// A loopback port nothing listens on (bound, then closed).
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

using HttpLlmMapping = MockLlmSuite;

TEST_F(HttpLlmMapping, EveryOperationGetsTheBuiltinAnswer) {
  HttpLlm llm = client_for(v1());
  BuiltinLlm builtin;
  EXPECT_EQ(llm.extract_keywords(kJob), builtin.extract_keywords(kJob));
  const std::string markdown = sample_resume_text();
  EXPECT_EQ(llm.parse_resume(markdown), builtin.parse_resume(markdown));
  const json resume = json::parse(builtin.parse_resume(markdown));
  ImproveInput improve{"full", resume, kJob, json::parse(builtin.extract_keywords(kJob)), "en"};
  EXPECT_EQ(llm.improve(improve), builtin.improve(improve));
  RefineInput refine{resume, {"Docker", "AWS"}, kJob};
  EXPECT_EQ(llm.refine(refine), builtin.refine(refine));
  MessageInput message{resume, kJob, "es"};
  EXPECT_EQ(llm.cover_letter(message), builtin.cover_letter(message));
  EXPECT_EQ(llm.outreach(message), builtin.outreach(message));
  const json counted = calls()["calls"];
  for (const char* op :
       {"parse_resume", "extract_keywords", "improve", "refine", "cover_letter", "outreach"}) {
    EXPECT_EQ(counted[op], 1) << op;
  }
}

TEST_F(HttpLlmMapping, HealthIsTheModelsEndpoint) {
  EXPECT_TRUE(client_for(v1()).health().healthy);
  const LlmHealth down =
      client_for("http://127.0.0.1:" + std::to_string(closed_port()) + "/v1").health();
  EXPECT_FALSE(down.healthy);
  EXPECT_FALSE(down.error.empty());
}

TEST_F(HttpLlmMapping, ThrowAndServerErrorAreServerErrors) {
  HttpLlm llm = client_for(v1());
  install("extract_keywords", "throw");
  EXPECT_EQ(error_kind([&] { llm.extract_keywords(kJob); }), LlmErrorKind::kServerError);
  install("extract_keywords", "server_error", {{"status", 502}});
  EXPECT_EQ(error_kind([&] { llm.extract_keywords(kJob); }), LlmErrorKind::kServerError);
}

TEST_F(HttpLlmMapping, RateLimitedKeepsRetryAfter) {
  HttpLlm llm = client_for(v1());
  install("extract_keywords", "rate_limited", {{"retry_after", 9}});
  std::string message;
  EXPECT_EQ(error_kind([&] { llm.extract_keywords(kJob); }, &message), LlmErrorKind::kRateLimited);
  EXPECT_NE(message.find("retry_after=9"), std::string::npos) << message;
}

TEST_F(HttpLlmMapping, TimeoutIsATimeout) {
  HttpLlm llm = client_for(v1(), std::chrono::milliseconds(300));
  install("extract_keywords", "timeout");
  EXPECT_EQ(error_kind([&] { llm.extract_keywords(kJob); }), LlmErrorKind::kTimeout);
}

TEST_F(HttpLlmMapping, ConnectionRefusedIsTransport) {
  HttpLlm llm = client_for("http://127.0.0.1:" + std::to_string(closed_port()) + "/v1");
  EXPECT_EQ(error_kind([&] { llm.extract_keywords(kJob); }), LlmErrorKind::kTransport);
}

TEST_F(HttpLlmMapping, BrokenContentIsReturnedNotThrown) {
  HttpLlm llm = client_for(v1());
  BuiltinLlm builtin;
  install("extract_keywords", "non_json");
  EXPECT_EQ(llm.extract_keywords(kJob), non_json_answer("extract_keywords"));
  install("extract_keywords", "truncated_json");
  EXPECT_EQ(llm.extract_keywords(kJob), truncated_answer(builtin.extract_keywords(kJob)));
  install("extract_keywords", "schema_invalid");
  EXPECT_EQ(llm.extract_keywords(kJob), schema_invalid_answer("extract_keywords"));
  install("extract_keywords", "wrong_but_valid");
  EXPECT_EQ(llm.extract_keywords(kJob),
            wrong_but_valid_answer("extract_keywords", builtin.extract_keywords(kJob)));
}

TEST(HttpLlmEnvelope, UnusableEnvelopesAreBadResponses) {
  HttpServer server([](const ApiRequest& request, const std::string&) {
    ApiResponse response;
    if (request.path == "/v1/chat/completions") {
      response.body = "this is not an envelope";
    } else {
      response.body = R"({"choices": [{"message": {"content": 42}}]})";
    }
    return response;
  });
  const int port = server.start("127.0.0.1", 0, 2);
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(error_kind([&] { client_for(base + "/v1").extract_keywords(kJob); }),
            LlmErrorKind::kBadResponse);
  EXPECT_EQ(error_kind([&] { client_for(base + "/other").extract_keywords(kJob); }),
            LlmErrorKind::kBadResponse);
  server.stop();
}

// reference-server --llm <mock-llm>: the upload's processing_status follows the
// model's answer exactly as with the in-process FaultyLlm.
class ReferenceOverMockLlm : public MockLlmSuite {
 protected:
  static void SetUpTestSuite() {
    MockLlmSuite::SetUpTestSuite();
    server_ = std::make_unique<ServerProcess>(
        ServerOptions{RM_REFERENCE_SERVER,
                      {"--port", "0", "--llm", v1(), "--llm-timeout-ms", "500"},
                      {},
                      std::chrono::seconds(30),
                      std::chrono::seconds(10),
                      true});
  }
  static void TearDownTestSuite() {
    server_.reset();
    MockLlmSuite::TearDownTestSuite();
  }
  static std::string upload_status() {
    HttpClient client(server_->base_url());
    return upload_resume_body(client, sample_resume_text())["processing_status"].get<std::string>();
  }
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(ReferenceOverMockLlm, CleanParseIsReady) {
  EXPECT_EQ(upload_status(), "ready");
  EXPECT_EQ(calls()["calls"]["parse_resume"], 1);
}

TEST_F(ReferenceOverMockLlm, EveryParseFaultLeavesTheUploadFailed) {
  const std::vector<std::pair<std::string, json>> faults{{"non_json", json::object()},
                                                         {"truncated_json", json::object()},
                                                         {"schema_invalid", json::object()},
                                                         {"throw", json::object()},
                                                         {"rate_limited", {{"retry_after", 3}}},
                                                         {"server_error", {{"status", 503}}},
                                                         {"timeout", json::object()}};
  for (const auto& [action, extra] : faults) {
    install("parse_resume", action, extra);
    EXPECT_EQ(upload_status(), "failed") << action;
  }
}

TEST_F(ReferenceOverMockLlm, HealthReportsTheHttpModel) {
  HttpClient client(server_->base_url());
  const json health = client.get("/api/v1/health").json();
  EXPECT_EQ(health["llm"]["healthy"], true) << health.dump();
  EXPECT_EQ(health["llm"]["provider"], HttpLlm::kProvider);
}

}  // namespace
}  // namespace rm::test
