// The test support itself: ServerProcess starts, reports and stops a server;
// HttpClient turns a dead or hung server into a failed request, never a hang.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using namespace std::chrono_literals;

TEST(ServerProcessTest, StartsReportsItsUrlAndStopsOnSigterm) {
  ServerProcess server(reference_server_options());
  EXPECT_GT(server.port(), 0);
  EXPECT_EQ(server.base_url(), "http://" + server.host() + ":" + std::to_string(server.port()));
  EXPECT_NE(server.output().find("listening on http://"), std::string::npos) << server.output();
  EXPECT_TRUE(server.alive());
  HttpClient client(server.base_url());
  EXPECT_TRUE(is_json_ok(client.get("/api/v1/health")));

  const int status = server.stop();
  EXPECT_FALSE(server.alive());
  const bool clean = (WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
                     (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
  EXPECT_TRUE(clean) << "wait status " << status;
  EXPECT_EQ(server.stop(), status) << "stop is idempotent";
}

TEST(ServerProcessTest, ABinaryThatExitsBeforeListeningThrows) {
  ServerOptions options;
  options.binary = "/bin/false";
  EXPECT_THROW(ServerProcess{options}, std::runtime_error);
}

TEST(ServerProcessTest, ABinaryThatNeverListensThrowsAtTheDeadline) {
  ServerOptions options;
  options.binary = "/bin/cat";  // reads our stdin, prints no listening line
  options.args = {"/dev/zero"};
  options.startup_timeout = 300ms;
  EXPECT_THROW(ServerProcess{options}, std::runtime_error);
}

TEST(ServerProcessTest, UnknownArgumentsMakeTheReferenceServerFailToStart) {
  EXPECT_THROW(ServerProcess{reference_server_options({"--no-such-flag"})}, std::runtime_error);
}

TEST(HttpClientTest, ADeadServerIsATransportErrorNotAHang) {
  int port = 0;
  {
    ServerProcess server(reference_server_options());
    port = server.port();
  }
  HttpClient client("http://127.0.0.1:" + std::to_string(port), 5s);
  const auto response = client.get("/api/v1/health");
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.transport_error.empty());
}

TEST(HttpClientTest, AServerThatNeverAnswersTimesOut) {
  // A listening socket that never accepts: the kernel completes the handshake,
  // nothing ever answers.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);

  HttpClient client("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)), 300ms);
  const auto response = client.get("/api/v1/health");
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.transport_error.empty());
  ::close(listener);
}

TEST(HttpClientTest, KeepsTheConnectionAcrossRequests) {
  ServerProcess server(reference_server_options());
  HttpClient client(server.base_url());
  const auto first = client.get("/api/v1/health");
  ASSERT_TRUE(is_json_ok(first));
  EXPECT_EQ(first.new_connections, 1);
  for (int i = 0; i < 5; ++i) {
    const auto again = client.get("/api/v1/health");
    ASSERT_TRUE(is_json_ok(again));
    EXPECT_EQ(again.new_connections, 0) << "request " << i << " reconnected";
  }
  const auto posted = client.post_json("/api/v1/jobs/upload", {{"job_descriptions", {"Go dev."}}});
  EXPECT_TRUE(is_json_ok(posted));
  EXPECT_EQ(posted.new_connections, 0);
}

}  // namespace
}  // namespace rm::test
