#pragma once
// The socket side of reference-server: a Pistache 0.0.5 endpoint whose handler
// turns HTTP/1.1 requests into ApiRequest for the ApiRouter and writes the
// ApiResponse back. The Debian libpistache-dev 0.0.5 has pitfalls that this
// adapter works around (see pistache_server.cpp): its "Connection: Close" answer
// on a connection it keeps, a request-size limit that lets the rest of a refused
// body be parsed as new requests, 500s that leak internal exception text, no
// answer to a garbage request line until the header timeout, no
// "100 Continue", and sockets left open by shutdown().
// Handlers run on a worker pool, not on Pistache's I/O threads: Pistache pins each
// connection to one I/O thread, so a handler that blocks (e.g. held at a
// fault-injection gate) would stall every other connection on that thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "reference/http/api_router.hpp"
#include "reference/server/client_connection.hpp"

namespace rm {

// A request whose head is incomplete this long after its first byte gets 408 and is
// closed (Pistache's header timeout); well-formed and malformed heads are answered
// as soon as they are complete, long before it.
inline constexpr std::chrono::seconds kHeaderTimeout{30};
// A body still incomplete this long after its request started is abandoned.
inline constexpr std::chrono::seconds kBodyTimeout{120};
// An idle kept-alive connection is closed after this long.
inline constexpr std::chrono::seconds kKeepaliveTimeout{120};
// How long stop() waits for handlers still running before leaving them behind.
inline constexpr std::chrono::seconds kStopHandlerGrace{5};
// The largest request head (request line and headers).
inline constexpr std::size_t kMaxRequestHeadBytes = 64 * 1024;

class HttpServer {
 public:
  // Any request handler; `peer_host` is the client's address as text (e.g.
  // "127.0.0.1", "::1"), so a handler can refuse remote peers. Must not throw.
  using Handler =
      std::function<ApiResponse(const ApiRequest& request, const std::string& peer_host)>;
  // A handler that may also wait for its client to give up (ClientConnection).
  using ClientHandler =
      std::function<ApiResponse(const ApiRequest& request, const ClientConnection& client)>;

  // Routes may still be added to `router` (e.g. a fault-control API) before start().
  explicit HttpServer(std::shared_ptr<ApiRouter> router);
  // Serves every request with `handler` (e.g. mock-llm, or a router behind a
  // fault-control API).
  explicit HttpServer(Handler handler);
  // Serves every request with `handler`, which may watch its client (mock-llm).
  explicit HttpServer(ClientHandler handler);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0 = a free port) and serves with `threads` I/O threads.
  // Handlers run on up to `max_workers` worker threads (0 = max(64, 16 * threads)),
  // started on demand; one connection's requests are handled one at a time, in
  // order. With every worker busy (e.g. all held at gates), further requests wait
  // for a free worker. Returns the bound port. Throws std::runtime_error when it
  // cannot bind or is already started.
  int start(const std::string& host, int port, int threads, int max_workers = 0);

  // Stops accepting, closes every connection, drops the requests not yet handed
  // to a handler and the answers of those still running, and waits up to
  // kStopHandlerGrace for the running handlers to return (release what they may
  // be blocked on first, e.g. fault gates, for a prompt stop); a handler still
  // blocked then keeps its worker thread, and what the handler holds, until it
  // returns. Idempotent; the server cannot be restarted.
  void stop();

  // Requests handed to the router so far (requests refused while framing, e.g. 413
  // or 400 for a malformed head, never reach it and are not counted).
  std::uint64_t requests_executed() const;

  struct Shared;  // state shared with the per-thread handlers and connections

 private:
  struct Endpoint;
  std::shared_ptr<Shared> shared_;
  std::mutex mutex_;  // start() / stop()
  std::unique_ptr<Endpoint> endpoint_;
  int port_ = 0;  // the bound port, once started
  bool stopped_ = false;
};

}  // namespace rm
