// How the Pistache 0.0.5 pitfalls are handled. The handler overrides
// Http::Handler::onConnection/onInput (Pistache's own versions are replaced, not
// wrapped) so that every byte goes through a per-connection RequestFramer first:
//   - Keep-alive: Pistache answers "Connection: Close" when the request has no
//     Connection header and then keeps the socket. Responses are written here,
//     with "Connection: keep-alive" unless the client asked to close (or spoke
//     HTTP/1.0 without keep-alive); then the write side is shut down after the
//     response, so the client really sees the end of the connection.
//   - Body limit / smuggling: the framer knows where every request ends. An
//     over-limit Content-Length gets 413 from the head alone (nothing is buffered),
//     the connection is closed and every later byte is dropped unread, so bytes
//     after the limit are never executed. Pistache's maxRequestSize is raised above
//     the largest acceptable request so that it never fires.
//   - "Content-Length: -1" (Pistache: 500 with exception text) and a garbage
//     request line (Pistache: silence until the header timeout) get a prompt 400
//     with a JSON detail, then the connection closes. Any exception from
//     Pistache's parser becomes a 400 without its text.
//   - "Expect: 100-continue" gets "100 Continue" once the head is accepted.
//   - shutdown() leaves connections open (0.0.5 never closes a peer's socket
//     when its transport is destroyed): once the I/O threads have been joined,
//     each connection still known closes its socket, and close_leftover_connections
//     closes those accepted too late to reach a transport.
// Accepted requests are still parsed by Pistache's RequestParser (fed exactly one
// framed request at a time) and converted from its Http::Request; methods that
// Pistache cannot represent, or heads its typed-header parsers refuse, go to the
// router straight from the framed head instead.
#include "reference/server/pistache_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "reference/http/limits.hpp"
#include "reference/http/url_codec.hpp"
#include "reference/server/request_framer.hpp"
#include "reference/server/socket_sweep.hpp"

namespace rm {

namespace Http = Pistache::Http;
namespace Tcp = Pistache::Tcp;

struct HttpServer::Shared {
  HttpServer::Handler handler;
  std::atomic<std::uint64_t> executed{0};
  // The thread destroying the endpoint in stop(): connections destroyed on it were
  // never closed by Pistache (their I/O thread has been joined), so they close
  // their socket themselves. Connections destroyed on an I/O thread were removed
  // by Pistache, which closes the socket right after.
  std::atomic<std::thread::id> destroying_thread{};
};

struct HttpServer::Endpoint {
  explicit Endpoint(const Pistache::Address& address) : endpoint(address) {}
  Http::Endpoint endpoint;
};

namespace {

constexpr const char* kConnectionData = "rm.connection";
constexpr std::size_t kPistacheMaxRequestBytes = kMaxRequestHeadBytes + kMaxRequestBodyBytes + 4096;

bool pistache_knows_method(std::string_view method) {
  static constexpr std::string_view kMethods[] = {"OPTIONS", "GET",    "POST",  "HEAD",   "PUT",
                                                  "PATCH",   "DELETE", "TRACE", "CONNECT"};
  for (const std::string_view known : kMethods) {
    if (method == known) return true;
  }
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "content-type" -> "Content-Type".
std::string title_case(std::string_view name) {
  std::string out(name);
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == '-';
  }
  return out;
}

bool is_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string reason_phrase(int status) {
  const char* text = Http::codeString(static_cast<Http::Code>(status));
  return text != nullptr && *text != '\0' ? text : "Status";
}

// The whole response as bytes. HEAD gets the headers of the response it would
// have had, without the body.
std::string serialize(const ApiResponse& response, bool keep_alive, bool head_request) {
  std::string out =
      "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    const std::string key = lower(name);
    if (!is_header_name(name) || key == "content-length" || key == "connection" ||
        key == "transfer-encoding") {
      continue;
    }
    std::string safe = value;
    for (char& c : safe) {
      if (c == '\r' || c == '\n' || c == '\0') c = ' ';  // no header injection
    }
    out += title_case(key) + ": " + safe + "\r\n";
  }
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head_request) out += response.body;
  return out;
}

ApiRequest request_from_head(const FramedHead& head, std::string body) {
  RequestTarget target = parse_request_target(head.target);
  ApiRequest request;
  request.method = head.method;
  request.path = std::move(target.path);
  request.query = std::move(target.query);
  for (const auto& [name, value] : head.headers) request.headers.emplace(name, value);
  request.body = std::move(body);
  return request;
}

// Pistache's request -> ApiRequest. The query comes from the framed target because
// Pistache keeps it in an unordered map, undecoded and without repeated keys.
ApiRequest request_from_pistache(const Http::Request& parsed, std::string_view raw_target) {
  ApiRequest request;
  request.method = Http::methodString(parsed.method());
  request.path = percent_decode(parsed.resource());
  request.query = parse_request_target(raw_target).query;
  for (const auto& [name, raw] : parsed.headers().rawList()) {
    request.headers.emplace(lower(name), raw.value());
  }
  request.body = parsed.body();
  return request;
}

// One connection's state: its framer, what Pistache's parser has been fed, and
// the writes still queued. Lives in the peer's data, so it dies with the peer.
// Used only on the connection's I/O thread.
class Connection final : public RequestFramer::Sink,
                         public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<HttpServer::Shared> shared, int fd,
             std::shared_ptr<Http::RequestParser> parser)
      : shared_(std::move(shared)),
        fd_(fd),
        parser_(std::move(parser)),
        framer_(FramerLimits{kMaxRequestHeadBytes, kMaxRequestBodyBytes}) {}

  ~Connection() override {
    if (std::this_thread::get_id() == shared_->destroying_thread.load()) ::close(fd_);
  }

  void feed(const char* bytes, std::size_t size, const std::shared_ptr<Tcp::Peer>& peer) {
    if (framer_.finished()) return;  // closing: later bytes are dropped unread
    peer_ = peer.get();
    try {
      framer_.feed(std::string_view(bytes, size), *this);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "reference-server: connection dropped: %s\n", error.what());
      framer_.finish();
      ::shutdown(fd_, SHUT_RDWR);
    }
    peer_ = nullptr;
  }

  // --- RequestFramer::Sink ---------------------------------------------------
  void on_start() override {
    // From now on Pistache's header/body timeouts apply to this request.
    peer_->setIdle(false);
    parser_->reset();
  }

  void on_head(const FramedHead& head, std::string_view raw) override {
    if (head.expect_continue && head.content_length > 0) {
      write("HTTP/1.1 100 Continue\r\n\r\n", false);
    }
    direct_body_.clear();
    pistache_done_ = false;
    use_pistache_ = pistache_knows_method(head.method);
    if (!use_pistache_) return;
    try {
      if (!parser_->feed(raw.data(), raw.size())) throw std::length_error("request head");
      pistache_done_ = parser_->parse() == Http::Private::State::Done;
    } catch (const std::exception&) {
      // A typed header Pistache cannot parse (e.g. an unknown media type): the
      // framer already validated the syntax, so serve it from the framed head.
      use_pistache_ = false;
      parser_->reset();
    }
  }

  void on_body(std::string_view bytes) override {
    if (!use_pistache_) {
      direct_body_.append(bytes);
    } else if (!parser_->feed(bytes.data(), bytes.size())) {
      reject_now(413, "Request body too large");
    }
  }

  void on_complete(const FramedHead& head) override {
    ApiRequest request;
    if (use_pistache_) {
      try {
        if (!pistache_done_) pistache_done_ = parser_->parse() == Http::Private::State::Done;
      } catch (const std::exception&) {
        pistache_done_ = false;
      }
      if (!pistache_done_) return reject_now(400, "Malformed request");
      request = request_from_pistache(parser_->request, head.target);
    } else {
      request = request_from_head(head, std::move(direct_body_));
      direct_body_.clear();
    }
    shared_->executed.fetch_add(1);
    const ApiResponse response = shared_->handler(request, peer_->address().host());
    parser_->reset();
    peer_->setIdle(true);
    write(serialize(response, head.keep_alive, head.method == "HEAD"), !head.keep_alive);
  }

  void on_reject(int status, const std::string& detail) override {
    parser_->reset();
    peer_->setIdle(true);
    write(serialize(error_response(status, detail), false, false), true);
  }

 private:
  void reject_now(int status, const std::string& detail) {
    framer_.finish();
    on_reject(status, detail);
  }

  // Writes `bytes` in order after anything still queued: directly while nothing is
  // queued (so a client that half-closes after its request still gets the answer),
  // the rest through Pistache's write queue. With `close_after`, the write side is
  // shut down once everything is out: the client reads the response, then EOF.
  void write(const std::string& bytes, bool close_after) {
    std::size_t sent = 0;
    if (queued_writes_ == 0) {
      while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
          sent += static_cast<std::size_t>(n);
        } else if (n < 0 && errno == EINTR) {
          continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
          break;
        } else {
          framer_.finish();  // the peer is gone; Pistache notices on its next read
          return;
        }
      }
    }
    if (sent == bytes.size()) {
      if (close_after) ::shutdown(fd_, SHUT_WR);
      return;
    }
    ++queued_writes_;
    std::weak_ptr<Connection> self = weak_from_this();
    peer_->send(Pistache::RawBuffer(bytes.substr(sent), bytes.size() - sent))
        .then(
            [self, close_after](ssize_t) {
              if (auto connection = self.lock()) {
                --connection->queued_writes_;
                if (close_after) ::shutdown(connection->fd_, SHUT_WR);
              }
            },
            [self](std::exception_ptr) {
              if (auto connection = self.lock()) --connection->queued_writes_;
            });
  }

  std::shared_ptr<HttpServer::Shared> shared_;
  int fd_;
  std::shared_ptr<Http::RequestParser> parser_;
  RequestFramer framer_;
  Tcp::Peer* peer_ = nullptr;  // set while feed() runs
  bool use_pistache_ = true;
  bool pistache_done_ = false;
  std::string direct_body_;
  int queued_writes_ = 0;
};

class PistacheHandler final : public Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(std::shared_ptr<HttpServer::Shared> shared)
      : shared_(std::move(shared)) {}

  // Pistache calls onRequest only from its own onInput, which onInput below
  // replaces; it is implemented for completeness with the same conversion.
  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    shared_->executed.fetch_add(1);
    const ApiResponse response = shared_->handler(
        request_from_pistache(request, request.resource() + request.query().as_str()),
        writer.peer()->address().host());
    const std::string bytes = serialize(response, false, request.method() == Http::Method::Head);
    writer.peer()->send(Pistache::RawBuffer(bytes, bytes.size()));
  }

 private:
  // Replaces Http::Handler::onConnection: the parser Pistache's timeout checks read,
  // plus our connection state.
  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    auto parser = std::make_shared<Http::RequestParser>(kPistacheMaxRequestBytes);
    peer->putData(ParserData, parser);
    peer->putData(kConnectionData,
                  std::make_shared<Connection>(shared_, peer->fd(), std::move(parser)));
  }

  // Replaces Http::Handler::onInput (see the top of this file).
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto connection = std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionData));
    if (connection) connection->feed(buffer, len, peer);
  }

  std::shared_ptr<HttpServer::Shared> shared_;
};

}  // namespace

HttpServer::HttpServer(std::shared_ptr<ApiRouter> router) : shared_(std::make_shared<Shared>()) {
  shared_->handler = [router = std::move(router)](const ApiRequest& request, const std::string&) {
    return router->handle(request);
  };
}

HttpServer::HttpServer(Handler handler) : shared_(std::make_shared<Shared>()) {
  // A handler that throws anyway answers a generic 500 rather than killing the I/O thread.
  shared_->handler = [handler = std::move(handler)](const ApiRequest& request,
                                                    const std::string& peer) {
    try {
      return handler(request, peer);
    } catch (const std::exception&) {
      return error_response(500, "Internal Server Error");
    }
  };
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::start(const std::string& host, int port, int threads) {
  std::lock_guard lock(mutex_);
  if (endpoint_ || stopped_) throw std::runtime_error("HttpServer::start: already started");
  if (port < 0 || port > 65535) throw std::runtime_error("invalid port " + std::to_string(port));
  // Pistache wants IPv6 literals in brackets.
  const std::string address_host =
      host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
  try {
    auto endpoint = std::make_unique<Endpoint>(
        Pistache::Address(address_host, Pistache::Port(static_cast<std::uint16_t>(port))));
    endpoint->endpoint.init(Http::Endpoint::options()
                                .threads(threads < 1 ? 1 : threads)
                                .flags(Tcp::Options::ReuseAddr | Tcp::Options::CloseOnExec)
                                .maxRequestSize(kPistacheMaxRequestBytes)
                                .headerTimeout(kHeaderTimeout)
                                .bodyTimeout(kBodyTimeout)
                                .keepaliveTimeout(kKeepaliveTimeout));
    endpoint->endpoint.setHandler(std::make_shared<PistacheHandler>(shared_));
    endpoint->endpoint.serveThreaded();
    port_ = endpoint->endpoint.getPort();
    endpoint_ = std::move(endpoint);
    return port_;
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             error.what());
  }
}

void HttpServer::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  if (!endpoint_) return;
  endpoint_->endpoint.shutdown();
  shared_->destroying_thread.store(std::this_thread::get_id());
  endpoint_.reset();  // joins the accept and I/O threads, then destroys the peers
  shared_->destroying_thread.store(std::thread::id{});
  close_leftover_connections(port_);
}

std::uint64_t HttpServer::requests_executed() const { return shared_->executed.load(); }

}  // namespace rm
