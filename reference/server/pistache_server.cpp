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
//   - Handlers run on a worker pool (see the header). Each connection keeps an
//     ordered queue of its complete requests and of the bytes to write after
//     them; one request at a time goes to a worker, and later ones (and any 100
//     Continue or error answer framed meanwhile) wait their turn, so pipelined
//     answers stay in order. The worker writes the answer itself, under the
//     connection's mutex, through the connection's own duplicate of the socket
//     descriptor: Pistache closing its descriptor (end of input, e.g. a client
//     that half-closes after its requests) cannot make an answer reach a reused
//     descriptor, and the requests already framed are still answered before the
//     duplicate is closed.
// Accepted requests are still parsed by Pistache's RequestParser (fed exactly one
// framed request at a time) and converted from its Http::Request; methods that
// Pistache cannot represent, heads its typed-header parsers refuse, and heads with
// an Expect header (its parser reads past the value) go to the router straight
// from the framed head instead.
#include "reference/server/pistache_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <set>
#include <stdexcept>
#include <thread>
#include <variant>
#include <vector>

#include "reference/http/limits.hpp"
#include "reference/http/url_codec.hpp"
#include "reference/server/request_framer.hpp"
#include "reference/server/socket_sweep.hpp"

namespace rm {

namespace Http = Pistache::Http;
namespace Tcp = Pistache::Tcp;

namespace {

// Threads started on demand up to a cap; tasks wait in FIFO order for a free one.
// Each thread keeps the pool alive, so one still blocked in a task when stop()
// gives up waiting can be detached safely.
class WorkerPool : public std::enable_shared_from_this<WorkerPool> {
 public:
  explicit WorkerPool(std::size_t max_threads)
      : max_threads_(std::max<std::size_t>(1, max_threads)) {}
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    tasks_.push_back(std::move(task));
    if (idle_ < tasks_.size() && threads_.size() < max_threads_) {
      threads_.emplace_back([self = shared_from_this()] { self->run(); });
    }
    ready_.notify_one();
  }

  // Drops the tasks not started and waits up to `grace` for the running ones;
  // joins the threads when they all returned in time, otherwise detaches them (a
  // task blocked for good, e.g. at a gate nobody releases, must not hang stop()).
  void stop(std::chrono::milliseconds grace) {
    std::vector<std::thread> threads;
    bool all_returned = false;
    {
      std::unique_lock lock(mutex_);
      stopping_ = true;
      tasks_.clear();
      ready_.notify_all();
      all_returned = finished_.wait_for(lock, grace, [this] { return running_ == 0; });
      threads.swap(threads_);
    }
    for (std::thread& thread : threads) {
      if (all_returned) {
        thread.join();
      } else {
        thread.detach();
      }
    }
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (stopping_) return;
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      ++running_;
      lock.unlock();
      task();
      task = nullptr;  // its captures are released outside the lock
      lock.lock();
      --running_;
      finished_.notify_all();
    }
  }

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable finished_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  std::size_t running_ = 0;
  bool stopping_ = false;
};

// ClientConnection over a duplicate of the request's socket: the client has
// given up once the socket reports its end of the stream (FIN or reset).
class SocketClient final : public ClientConnection {
 public:
  SocketClient(std::string host, int fd) : host_(std::move(host)), fd_(fd) {}
  ~SocketClient() override {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketClient(const SocketClient&) = delete;
  SocketClient& operator=(const SocketClient&) = delete;

  const std::string& host() const override { return host_; }

  bool wait_closed(std::chrono::milliseconds timeout, int wake_fd) const override {
    pollfd fds[2] = {{fd_, POLLRDHUP, 0}, {wake_fd, POLLIN, 0}};
    const nfds_t count = wake_fd >= 0 ? 2 : 1;
    if (fd_ < 0) fds[0].fd = -1;  // not watched: only the timeout and the wake fd
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      const int ready = ::poll(fds, count, left < 0 ? 0 : static_cast<int>(left));
      if (ready < 0 && errno == EINTR) continue;
      return ready > 0 && (fds[0].revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
    }
  }

 private:
  std::string host_;
  int fd_;
};

}  // namespace

struct HttpServer::Shared {
  HttpServer::ClientHandler handler;
  // Whether handlers watch their client: each request then carries its own
  // duplicate of the socket, valid however long the handler runs.
  bool watch_clients = false;
  std::atomic<std::uint64_t> executed{0};
  std::shared_ptr<WorkerPool> workers;  // set by start()
  // Guards posting answers to the I/O threads: once `stopping`, the transports
  // may be gone, so finished handlers drop their answer instead.
  std::mutex post_mutex;
  bool stopping = false;
  // Connections Pistache has dropped that still answer requests already framed
  // (the peer held them until then); stop() drops them, closing their sockets.
  std::mutex lingering_mutex;
  std::set<std::shared_ptr<void>> lingering;
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

// Pistache 0.0.5's Expect parser strcmp()s the header value in place, in a request
// buffer with no terminating NUL: undefined behaviour, which ASan (with
// strict_string_checks) reports as a heap-buffer-overflow in
// Header::Expect::parseRaw. The framer reads Expect itself (100 Continue), so such
// a request is served from the framed head and never reaches that parser.
bool has_expect_header(const FramedHead& head) {
  return std::any_of(head.headers.begin(), head.headers.end(),
                     [](const auto& header) { return header.first == "expect"; });
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

// One connection's state: its framer, what Pistache's parser has been fed, the
// requests and writes waiting for the request being handled, and the writes still
// queued in Pistache. Lives in the peer's data, so it dies with the peer. Used on
// the connection's I/O thread and by the worker answering it, under `mutex_`
// (workers hold weak pointers only).
class Connection final : public RequestFramer::Sink,
                         public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<HttpServer::Shared> shared, const std::shared_ptr<Tcp::Peer>& peer,
             std::shared_ptr<Http::RequestParser> parser)
      : shared_(std::move(shared)),
        fd_(peer->fd()),
        own_fd_(::fcntl(fd_, F_DUPFD_CLOEXEC, 0)),
        peer_weak_(peer),
        parser_(std::move(parser)),
        framer_(FramerLimits{kMaxRequestHeadBytes, kMaxRequestBodyBytes}) {}

  ~Connection() override {
    if (own_fd_ >= 0) ::close(own_fd_);
    if (std::this_thread::get_id() == shared_->destroying_thread.load()) ::close(fd_);
  }

  // Pistache saw the end of input (or an error) and is about to close its socket.
  // Requests already framed are still answered through our own descriptor (a
  // client that half-closes after its requests still gets the answers).
  void on_disconnected() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    framer_.finish();
    if ((busy_ || !items_.empty()) && own_fd_ >= 0) {
      std::lock_guard lingering_lock(shared_->lingering_mutex);
      shared_->lingering.insert(shared_from_this());
      lingering_ = true;
    }
    release_if_done();
  }

  void feed(const char* bytes, std::size_t size, const std::shared_ptr<Tcp::Peer>& peer) {
    std::lock_guard lock(mutex_);
    if (framer_.finished()) return;  // closing: later bytes are dropped unread
    peer_ = peer.get();
    try {
      framer_.feed(std::string_view(bytes, size), *this);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "reference-server: connection dropped: %s\n", error.what());
      framer_.finish();
      ::shutdown(io_fd(), SHUT_RDWR);
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
    use_pistache_ = pistache_knows_method(head.method) && !has_expect_header(head);
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
    parser_->reset();
    peer_->setIdle(true);
    items_.emplace_back(
        Job{std::move(request), peer_->address().host(), head.keep_alive, head.method == "HEAD"});
    pump();
  }

  void on_reject(int status, const std::string& detail) override {
    parser_->reset();
    peer_->setIdle(true);
    write(serialize(error_response(status, detail), false, false), true);
  }

 private:
  struct Job {
    ApiRequest request;
    std::string peer_host;
    bool keep_alive = true;
    bool head_request = false;
  };
  struct Bytes {
    std::string bytes;
    bool close_after = false;
  };

  // Starts what waits, in order, until a request goes to a worker.
  void pump() {
    while (!busy_ && !items_.empty()) {
      auto item = std::move(items_.front());
      items_.pop_front();
      if (auto* bytes = std::get_if<Bytes>(&item)) {
        write_now(bytes->bytes, bytes->close_after);
      } else {
        dispatch(std::move(std::get<Job>(item)));
      }
    }
    release_if_done();
  }

  // Once Pistache has dropped the peer and nothing is left to answer, our own
  // descriptor is closed too, which really closes the socket. The caller holds a
  // reference (the peer, or the worker), so leaving `lingering` destroys nothing.
  void release_if_done() {
    if (!closed_ || busy_ || !items_.empty()) return;
    if (own_fd_ >= 0) {
      ::close(own_fd_);
      own_fd_ = -1;
    }
    if (lingering_) {
      lingering_ = false;
      std::lock_guard lingering_lock(shared_->lingering_mutex);
      shared_->lingering.erase(shared_from_this());
    }
  }

  // Our duplicate of the socket: Pistache may close its descriptor (and the number
  // be reused) while a worker still answers. Pistache's own one when dup failed.
  int io_fd() const {
    const int own = own_fd_.load();
    return own >= 0 ? own : fd_;
  }

  void dispatch(Job job) {  // under mutex_
    busy_ = true;
    // Taken now, while the socket is surely open; closed with the client.
    auto client = std::make_shared<const SocketClient>(
        job.peer_host, shared_->watch_clients ? ::fcntl(io_fd(), F_DUPFD_CLOEXEC, 0) : -1);
    auto job_ptr = std::make_shared<Job>(std::move(job));
    std::weak_ptr<HttpServer::Shared> weak_shared = shared_;
    std::weak_ptr<Connection> self = weak_from_this();
    std::weak_ptr<Tcp::Peer> weak_peer = peer_weak_;
    shared_->workers->submit([weak_shared, self, weak_peer, job_ptr, client] {
      const auto shared = weak_shared.lock();
      if (!shared) return;
      shared->executed.fetch_add(1);
      auto response = std::make_shared<ApiResponse>(shared->handler(job_ptr->request, *client));
      std::lock_guard lock(shared->post_mutex);
      if (shared->stopping) return;  // the transports may be gone
      const auto peer = weak_peer.lock();
      if (const auto connection = self.lock()) connection->finish_job(*job_ptr, *response, peer);
    });
  }

  // On the worker, once it has answered the request being handled.
  void finish_job(const Job& job, const ApiResponse& response,
                  const std::shared_ptr<Tcp::Peer>& peer) {
    std::lock_guard lock(mutex_);
    if (!busy_) return;
    busy_ = false;
    if (closed_ && own_fd_ < 0) {  // nothing left to write to
      items_.clear();
      return;
    }
    if (!closed_ && !peer) return;
    peer_ = peer.get();
    write_now(serialize(response, job.keep_alive, job.head_request), !job.keep_alive);
    pump();
    peer_ = nullptr;
  }

  void reject_now(int status, const std::string& detail) {
    framer_.finish();
    on_reject(status, detail);
  }

  // Writes `bytes` after the requests still waiting for an answer.
  void write(const std::string& bytes, bool close_after) {
    if (busy_ || !items_.empty()) {
      items_.emplace_back(Bytes{bytes, close_after});
    } else {
      write_now(bytes, close_after);
    }
  }

  // Writes `bytes` in order after anything still queued in Pistache: directly while
  // nothing is queued (so a client that half-closes after its request still gets
  // the answer), the rest through Pistache's write queue. With `close_after`, the
  // write side is shut down once everything is out: the client reads the
  // response, then EOF.
  void write_now(const std::string& bytes, bool close_after) {
    if (closed_ && own_fd_ < 0) return;
    std::size_t sent = 0;
    if (queued_writes_ == 0) {
      while (sent < bytes.size()) {
        const ssize_t n = ::send(io_fd(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
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
      if (close_after) ::shutdown(io_fd(), SHUT_WR);
      return;
    }
    if (closed_) return;  // Pistache's queue is gone with the peer: drop the rest
    ++queued_writes_;
    std::weak_ptr<Connection> self = weak_from_this();
    peer_->send(Pistache::RawBuffer(bytes.substr(sent), bytes.size() - sent))
        .then(
            // Runs on the I/O thread, or at once on this thread when already written:
            // it must not take mutex_.
            [self, close_after](ssize_t) {
              if (auto connection = self.lock()) {
                --connection->queued_writes_;
                if (close_after) ::shutdown(connection->io_fd(), SHUT_WR);
              }
            },
            [self](std::exception_ptr) {
              if (auto connection = self.lock()) --connection->queued_writes_;
            });
  }

  std::shared_ptr<HttpServer::Shared> shared_;
  int fd_;
  std::atomic<int> own_fd_;  // see io_fd()
  std::weak_ptr<Tcp::Peer> peer_weak_;
  std::shared_ptr<Http::RequestParser> parser_;
  RequestFramer framer_;
  Tcp::Peer* peer_ = nullptr;  // set while feed() runs
  bool use_pistache_ = true;
  bool pistache_done_ = false;
  std::string direct_body_;
  std::atomic<int> queued_writes_{0};
  std::deque<std::variant<Job, Bytes>> items_;  // waiting for the request being handled
  bool busy_ = false;                           // a worker is handling a request
  bool closed_ = false;                         // Pistache has dropped the peer
  bool lingering_ = false;                      // in shared_->lingering
  std::mutex mutex_;
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
    const SocketClient client(writer.peer()->address().host(), -1);
    const ApiResponse response = shared_->handler(
        request_from_pistache(request, request.resource() + request.query().as_str()), client);
    const std::string bytes = serialize(response, false, request.method() == Http::Method::Head);
    writer.peer()->send(Pistache::RawBuffer(bytes, bytes.size()));
  }

 private:
  // Replaces Http::Handler::onConnection: the parser Pistache's timeout checks read,
  // plus our connection state.
  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    auto parser = std::make_shared<Http::RequestParser>(kPistacheMaxRequestBytes);
    peer->putData(ParserData, parser);
    peer->putData(kConnectionData, std::make_shared<Connection>(shared_, peer, std::move(parser)));
  }

  void onDisconnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    auto connection = std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionData));
    if (connection) connection->on_disconnected();
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
  shared_->handler = [router = std::move(router)](const ApiRequest& request,
                                                  const ClientConnection&) {
    return router->handle(request);
  };
}

HttpServer::HttpServer(Handler handler)
    : HttpServer(ClientHandler([handler = std::move(handler)](const ApiRequest& request,
                                                              const ClientConnection& client) {
        return handler(request, client.host());
      })) {
  shared_->watch_clients = false;
}

HttpServer::HttpServer(ClientHandler handler) : shared_(std::make_shared<Shared>()) {
  shared_->watch_clients = true;
  // A handler that throws anyway answers a generic 500 rather than killing the I/O thread.
  shared_->handler = [handler = std::move(handler)](const ApiRequest& request,
                                                    const ClientConnection& client) {
    try {
      return handler(request, client);
    } catch (const std::exception&) {
      return error_response(500, "Internal Server Error");
    }
  };
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::start(const std::string& host, int port, int threads, int max_workers) {
  std::lock_guard lock(mutex_);
  if (endpoint_ || stopped_) throw std::runtime_error("HttpServer::start: already started");
  if (port < 0 || port > 65535) throw std::runtime_error("invalid port " + std::to_string(port));
  // Pistache wants IPv6 literals in brackets.
  const std::string address_host =
      host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
  if (threads < 1) threads = 1;
  shared_->workers = std::make_shared<WorkerPool>(
      static_cast<std::size_t>(max_workers > 0 ? max_workers : std::max(64, 16 * threads)));
  try {
    auto endpoint = std::make_unique<Endpoint>(
        Pistache::Address(address_host, Pistache::Port(static_cast<std::uint16_t>(port))));
    endpoint->endpoint.init(Http::Endpoint::options()
                                .threads(threads)
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
  {
    std::lock_guard post_lock(shared_->post_mutex);
    shared_->stopping = true;
  }
  endpoint_->endpoint.shutdown();
  {
    std::set<std::shared_ptr<void>> lingering;
    {
      std::lock_guard lingering_lock(shared_->lingering_mutex);
      lingering.swap(shared_->lingering);
    }
  }  // their own descriptors close; Pistache closed its ones already
  shared_->destroying_thread.store(std::this_thread::get_id());
  endpoint_.reset();  // joins the accept and I/O threads, then destroys the peers
  shared_->destroying_thread.store(std::thread::id{});
  // The handlers still running may finish (their answers are dropped); one still
  // blocked after the grace period is left to finish on its own.
  shared_->workers->stop(kStopHandlerGrace);
  close_leftover_connections(port_);
}

std::uint64_t HttpServer::requests_executed() const { return shared_->executed.load(); }

}  // namespace rm
