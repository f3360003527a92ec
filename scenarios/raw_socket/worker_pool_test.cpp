// rm::HttpServer runs handlers on a worker pool: with a single I/O thread, a
// handler held at a gate must not stop other connections from being answered,
// and one connection's pipelined requests are still handled and answered in order.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <string>

#include "reference/server/pistache_server.hpp"
#include "scenarios/raw_socket/raw_connection.hpp"

namespace rm::test {
namespace {

constexpr std::chrono::milliseconds kReceiveTimeout{10000};

// Holds every handler that enters it until released.
class Gate {
 public:
  void enter() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
  }
  // Waits (bounded) until `count` handlers have entered; false on timeout.
  bool wait_entered(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kReceiveTimeout, [&] { return entered_ >= count; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool released_ = false;
};

// Releases the gate before the server (declared before it) is stopped.
struct ReleaseOnExit {
  Gate& gate;
  ~ReleaseOnExit() { gate.release(); }
};

HttpServer::Handler gated_handler(Gate& gate) {
  return [&gate](const ApiRequest& request, const std::string&) {
    if (request.path == "/held") gate.enter();
    ApiResponse response;
    response.status = 200;
    response.headers.emplace("content-type", "text/plain");
    response.body = request.path;
    return response;
  };
}

TEST(HttpServerWorkers, HeldHandlerDoesNotBlockOtherConnectionsOnItsIoThread) {
  Gate gate;
  HttpServer server(gated_handler(gate));
  const ReleaseOnExit release{gate};
  const int port = server.start("127.0.0.1", 0, /*threads=*/1);

  RawConnection held(port, kReceiveTimeout);
  ASSERT_TRUE(held.send_all("GET /held HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(gate.wait_entered(1));

  // Same (only) I/O thread, while /held is still blocked in its handler.
  RawConnection other(port, kReceiveTimeout);
  ASSERT_TRUE(other.send_all("GET /quick HTTP/1.1\r\n\r\n"));
  const auto quick = other.read_response();
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->status, 200);
  EXPECT_EQ(quick->body, "/quick");
  EXPECT_TRUE(held.pending().empty());

  gate.release();
  const auto answered = held.read_response();
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200);
  EXPECT_EQ(answered->body, "/held");
  EXPECT_EQ(server.requests_executed(), 2u);
}

TEST(HttpServerWorkers, PipelinedRequestsAreHandledOneAtATimeAndAnsweredInOrder) {
  Gate gate;
  HttpServer server(gated_handler(gate));
  const ReleaseOnExit release{gate};
  const int port = server.start("127.0.0.1", 0, /*threads=*/1);

  RawConnection connection(port, kReceiveTimeout);
  ASSERT_TRUE(connection.send_all(
      "GET /held HTTP/1.1\r\n\r\nGET /second HTTP/1.1\r\n\r\nHEAD /third HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(gate.wait_entered(1));
  // The later requests wait for the held one: not even handed to a handler yet.
  EXPECT_EQ(server.requests_executed(), 1u);

  gate.release();
  const auto first = connection.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "/held");
  const auto second = connection.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "/second");
  const auto third = connection.read_response(/*head_request=*/true);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 200);
  EXPECT_EQ(third->header("content-length"), "6");
  EXPECT_EQ(server.requests_executed(), 3u);
}

TEST(HttpServerWorkers, ErrorFramedBehindAHeldRequestIsAnsweredAfterIt) {
  Gate gate;
  HttpServer server(gated_handler(gate));
  const ReleaseOnExit release{gate};
  const int port = server.start("127.0.0.1", 0, /*threads=*/1);

  RawConnection connection(port, kReceiveTimeout);
  ASSERT_TRUE(connection.send_all("GET /held HTTP/1.1\r\n\r\nNOT A REQUEST\r\n\r\n"));
  ASSERT_TRUE(gate.wait_entered(1));
  gate.release();
  const auto first = connection.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "/held");
  const auto refused = connection.read_response();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST(HttpServerWorkers, HalfClosedClientGetsAnswersOfItsHeldRequests) {
  Gate gate;
  HttpServer server(gated_handler(gate));
  const ReleaseOnExit release{gate};
  const int port = server.start("127.0.0.1", 0, /*threads=*/1);

  RawConnection connection(port, kReceiveTimeout);
  ASSERT_TRUE(connection.send_all("GET /held HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\n\r\n"));
  connection.shutdown_write();
  ASSERT_TRUE(gate.wait_entered(1));
  gate.release();
  const auto first = connection.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "/held");
  const auto second = connection.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "/after");
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST(HttpServerWorkers, StopWaitsForAReleasedHandlerAndClosesItsConnection) {
  Gate gate;
  HttpServer server(gated_handler(gate));
  const int port = server.start("127.0.0.1", 0, /*threads=*/1);
  RawConnection connection(port, kReceiveTimeout);
  ASSERT_TRUE(connection.send_all("GET /held HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(gate.wait_entered(1));
  gate.release();  // as owners do before stop(): stop() then waits for the handler
  server.stop();
  EXPECT_EQ(server.requests_executed(), 1u);
  std::string extra;
  // Answered or not (stop may win the race), the socket is closed.
  while (!connection.closed_by_peer(&extra)) {
    ASSERT_FALSE(extra.empty()) << "neither closed nor answered";
    extra.clear();
  }
}

}  // namespace
}  // namespace rm::test
