// HTTP/1.1 connection handling of the reference-server process, probed with raw
// sockets: keep-alive, no request smuggling after a refused body, prompt 400s for
// malformed heads. "Promptly" = before the receive timeout, which is far below the
// server's header timeout: an answer produced by that timeout could not arrive in time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reference/http/limits.hpp"
#include "reference/server/pistache_server.hpp"
#include "scenarios/raw_socket/raw_connection.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::chrono::milliseconds kReceiveTimeout{5000};
static_assert(kReceiveTimeout < kHeaderTimeout / 3,
              "the probe must not wait for the header timeout");

const std::string kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: test\r\n\r\n";

class RawSocketTest : public ReferenceServerTest {
 protected:
  std::unique_ptr<RawConnection> connect() {
    return std::make_unique<RawConnection>(server().port(), kReceiveTimeout);
  }

  int total_jobs() {
    auto connection = connect();
    EXPECT_TRUE(connection->send_all("GET /api/v1/status HTTP/1.1\r\nHost: test\r\n\r\n"));
    const auto response = connection->read_response();
    if (!response || response->status != 200) {
      ADD_FAILURE() << "GET /status failed";
      return -1;
    }
    return nlohmann::json::parse(response->body)["database_stats"]["total_jobs"].get<int>();
  }

  static std::string job_upload(const std::string& description) {
    const std::string body = nlohmann::json{{"job_descriptions", {description}}}.dump();
    return "POST /api/v1/jobs/upload HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }
};

// The detail of a JSON error body ("" when it is not one).
std::string detail_of(const RawResponse& response) {
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("detail") || !body["detail"].is_string()) return "";
  return body["detail"].get<std::string>();
}

TEST_F(RawSocketTest, TwoRequestsOnOneKeptAliveConnection) {
  auto connection = connect();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(connection->send_all(kHealth)) << "request " << i;
    const auto response = connection->read_response();
    ASSERT_TRUE(response) << "no answer to request " << i << " on the same socket";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->header("connection"), "keep-alive");
    EXPECT_THAT(response->head, Not(HasSubstr("Connection: close")));
    EXPECT_THAT(response->head, Not(HasSubstr("Connection: Close")));
  }
}

TEST_F(RawSocketTest, PipelinedRequestsAreAnsweredInOrder) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all(kHealth + "GET /api/v1/nothing HTTP/1.1\r\n\r\n" + kHealth));
  for (const int status : {200, 404, 200}) {
    const auto response = connection->read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, status);
  }
}

TEST_F(RawSocketTest, NotFoundKeepsTheConnectionAlive) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all("GET /api/v1/no/such/route HTTP/1.1\r\nHost: test\r\n\r\n"));
  const auto missing = connection->read_response();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->header("connection"), "keep-alive");
  EXPECT_EQ(missing->header("content-type"), "application/json");
  EXPECT_EQ(detail_of(*missing), "Not Found");

  ASSERT_TRUE(connection->send_all(kHealth));
  const auto next = connection->read_response();
  ASSERT_TRUE(next) << "the connection did not survive the 404";
  EXPECT_EQ(next->status, 200);
}

TEST_F(RawSocketTest, ConnectionCloseIsHonouredForReal) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all(
      "GET /api/v1/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n" + kHealth));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("connection"), "close");
  std::string extra;
  EXPECT_TRUE(connection->closed_by_peer(&extra)) << "after Connection: close, got: " << extra;
}

TEST_F(RawSocketTest, Http10WithoutKeepAliveIsClosed) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all("GET /api/v1/health HTTP/1.0\r\n\r\n"));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(RawSocketTest, OversizedBodyIs413ClosedAndTheSmuggledRequestNeverRuns) {
  const int jobs_before = total_jobs();
  const std::size_t declared = kMaxRequestBodyBytes + 1;
  auto connection = connect();
  const std::string head =
      "POST /api/v1/resumes/upload HTTP/1.1\r\nHost: test\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\n"
      "Content-Length: " +
      std::to_string(declared) + "\r\n\r\n";
  // The declared body in full, then a request that a server parsing the rest of a
  // refused body as new requests would execute; the send may fail once it closes.
  connection->send_all(head + std::string(declared, 'a') + job_upload("smuggled") +
                       job_upload("smuggled again"));

  const auto response = connection->read_response();
  ASSERT_TRUE(response) << "no 413 before the receive timeout";
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_FALSE(detail_of(*response).empty());
  std::string extra;
  EXPECT_TRUE(connection->closed_by_peer(&extra))
      << "exactly one response, then a closed connection; got more: " << extra;
  EXPECT_EQ(total_jobs(), jobs_before) << "a smuggled request was executed";
}

TEST_F(RawSocketTest, OversizedContentLengthIsRefusedBeforeTheBodyIsSent) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all(
      "POST /api/v1/resumes/upload HTTP/1.1\r\nHost: test\r\nContent-Length: 104857600\r\n\r\n"));
  const auto response = connection->read_response();
  ASSERT_TRUE(response) << "the server waited for a 100 MB body instead of refusing it";
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(RawSocketTest, NegativeContentLengthIsAPrompt400WithoutInternalText) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all(
      "POST /api/v1/jobs/upload HTTP/1.1\r\nHost: test\r\nContent-Length: -1\r\n\r\n"));
  const auto response = connection->read_response();
  ASSERT_TRUE(response) << "no answer before the receive timeout";
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->header("content-type"), "application/json");
  const std::string detail = detail_of(*response);
  EXPECT_FALSE(detail.empty()) << response->body;
  for (const char* internal :
       {"exception", "std::", "what()", "stoul", "stol", "Invalid argument"}) {
    EXPECT_THAT(response->body, Not(HasSubstr(internal)));
  }
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(RawSocketTest, GarbageRequestLineIsAPrompt400) {
  for (const std::string& garbage :
       {std::string("GARBAGE\r\n"), std::string("\x16\x03\x01\x00\xa5\x01\x00\x00", 8),
        std::string("GET /x HTTP/9.9\r\n")}) {
    auto connection = connect();
    ASSERT_TRUE(connection->send_all(garbage));
    const auto response = connection->read_response();
    ASSERT_TRUE(response) << "no answer to garbage before the receive timeout";
    EXPECT_EQ(response->status, 400);
    EXPECT_FALSE(detail_of(*response).empty()) << response->body;
    EXPECT_TRUE(connection->closed_by_peer());
  }
}

TEST_F(RawSocketTest, ChunkedBodyIsRefusedWithoutExecutingIt) {
  const int jobs_before = total_jobs();
  auto connection = connect();
  const std::string body = R"({"job_descriptions":["chunked"]})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  ASSERT_TRUE(connection->send_all(
      "POST /api/v1/jobs/upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\n" +
      std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n"));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 411);
  EXPECT_TRUE(connection->closed_by_peer());
  EXPECT_EQ(total_jobs(), jobs_before);
}

TEST_F(RawSocketTest, ExpectContinueGetsAnInterimResponse) {
  auto connection = connect();
  const std::string body = R"({"job_descriptions":["with expect"]})";
  ASSERT_TRUE(connection->send_all(
      "POST /api/v1/jobs/upload HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n"));
  const auto interim = connection->read_response(true);
  ASSERT_TRUE(interim) << "no 100 Continue";
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection->send_all(body));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
}

TEST_F(RawSocketTest, HeadResponseHasNoBodyAndKeepsFraming) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all("HEAD /api/v1/health HTTP/1.1\r\nHost: test\r\n\r\n" + kHealth));
  const auto head = connection->read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 405);
  const auto next = connection->read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(nlohmann::json::parse(next->body, nullptr, false).is_object(), true);
}

TEST_F(RawSocketTest, HalfClosedClientStillGetsItsAnswer) {
  auto connection = connect();
  ASSERT_TRUE(connection->send_all(kHealth));
  connection->shutdown_write();
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(RawSocketTest, UploadOfTheFullLimitIsReadNotRefusedForSize) {
  // A 4 MiB file part (plain text, so the service refuses its type with 400): the
  // body passes the size limit and reaches the route.
  const std::string file(kMaxUploadBytes, 'x');
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\n" +
      file + "\r\n--b--\r\n";
  auto connection = connect();
  ASSERT_TRUE(
      connection->send_all("POST /api/v1/resumes/upload HTTP/1.1\r\nHost: test\r\n"
                           "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400) << response->body;
  EXPECT_EQ(response->header("connection"), "keep-alive");
}

TEST_F(RawSocketTest, PercentEncodedPathAndQueryAreDecoded) {
  auto connection = connect();
  ASSERT_TRUE(
      connection->send_all("GET /api/v1/%72esumes?resume_id=no%20such&resume_id=still+none "
                           "HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto response = connection->read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404) << response->body;  // routed to GET /resumes: "Resume not found"
  EXPECT_NE(detail_of(*response), "Not Found");
}

}  // namespace
}  // namespace rm::test
