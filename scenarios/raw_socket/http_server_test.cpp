// rm::HttpServer in-process: start on a free port, the executed-request counter,
// routes added before start, and stop() really closing kept-alive connections.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <stdexcept>

#include "mocks/converter/text_document_converter.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/settings/memory_settings_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/server/pistache_server.hpp"
#include "scenarios/raw_socket/raw_connection.hpp"

namespace rm::test {
namespace {

constexpr std::chrono::milliseconds kReceiveTimeout{5000};

std::shared_ptr<ApiRouter> make_router() {
  ServicePorts ports;
  ports.store = std::make_shared<MemoryStore>();
  ports.llm = std::make_shared<BuiltinLlm>();
  ports.converter = std::make_shared<TextDocumentConverter>();
  ports.settings = std::make_shared<MemorySettingsStore>();
  return std::make_shared<ApiRouter>(std::make_shared<ResumeService>(std::move(ports)));
}

TEST(HttpServer, StartsOnAFreePortAndCountsExecutedRequests) {
  auto router = make_router();
  router->add("GET", "/extra", [](const ApiRequest& request, const std::vector<std::string>&) {
    return json_response(200, Json{{"query", request.query.size()}});
  });
  HttpServer server(router);
  const int port = server.start("127.0.0.1", 0, 2);
  ASSERT_GT(port, 0);
  EXPECT_EQ(server.requests_executed(), 0u);

  RawConnection connection(port, kReceiveTimeout);
  ASSERT_TRUE(connection.send_all("GET /extra?a=1&b=2 HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\n"));
  const auto extra = connection.read_response();
  ASSERT_TRUE(extra);
  EXPECT_EQ(extra->status, 200);
  EXPECT_EQ(Json::parse(extra->body)["query"], 2);
  const auto missing = connection.read_response();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(server.requests_executed(), 2u);

  // Refused while framing: never reaches the router.
  RawConnection refused(port, kReceiveTimeout);
  ASSERT_TRUE(refused.send_all("POST /extra HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
  const auto bad = refused.read_response();
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(server.requests_executed(), 2u);
}

TEST(HttpServer, StopClosesKeptAliveHalfSentAndJustOpenedConnections) {
  HttpServer server(make_router());
  const int port = server.start("127.0.0.1", 0, 2);
  const std::string health = "GET /api/v1/health HTTP/1.1\r\n\r\n";
  RawConnection kept(port, kReceiveTimeout);
  ASSERT_TRUE(kept.send_all(health));
  ASSERT_TRUE(kept.read_response());
  // One answered request first, so the server surely holds the connection mid-request.
  RawConnection partial(port, kReceiveTimeout);
  ASSERT_TRUE(partial.send_all(health));
  ASSERT_TRUE(partial.read_response());
  ASSERT_TRUE(partial.send_all("GET /api/v1/hea"));
  // Connected only: accepted or not yet, it must not be left open either.
  RawConnection fresh(port, kReceiveTimeout);

  server.stop();
  EXPECT_TRUE(kept.closed_by_peer());
  EXPECT_TRUE(partial.closed_by_peer());
  EXPECT_TRUE(fresh.closed_by_peer());
  EXPECT_THROW(RawConnection(port, kReceiveTimeout), std::runtime_error);
  server.stop();  // idempotent
}

// A ClientHandler holding its answer sees its client give up: closing the
// connection ends wait_closed() at once (true), long before its bound.
TEST(HttpServer, ClientHandlerSeesItsClientClose) {
  std::promise<bool> closed;
  auto seen = closed.get_future();
  HttpServer server(
      HttpServer::ClientHandler([&closed](const ApiRequest&, const ClientConnection& client) {
        closed.set_value(client.wait_closed(std::chrono::minutes(5), -1));
        return json_response(504, Json{{"detail", "held"}});
      }));
  const int port = server.start("127.0.0.1", 0, 1);
  {
    RawConnection connection(port, kReceiveTimeout);
    ASSERT_TRUE(connection.send_all("GET /held HTTP/1.1\r\n\r\n"));
  }  // the client gives up: its socket closes
  ASSERT_EQ(seen.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_TRUE(seen.get());
}

TEST(HttpServer, StartTwiceOrOnABadAddressThrows) {
  HttpServer server(make_router());
  server.start("127.0.0.1", 0, 1);
  EXPECT_THROW(server.start("127.0.0.1", 0, 1), std::runtime_error);

  HttpServer bad(make_router());
  EXPECT_THROW(bad.start("203.0.113.7", 0, 1), std::runtime_error);  // not a local address
  HttpServer bad_port(make_router());
  EXPECT_THROW(bad_port.start("127.0.0.1", 70000, 1), std::runtime_error);
}

}  // namespace
}  // namespace rm::test
