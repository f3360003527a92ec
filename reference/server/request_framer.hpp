#pragma once
// Per-connection HTTP/1.x request framing, done before any byte reaches
// Pistache's parser. It decides where each request ends (Content-Length only),
// so that a rejected request can never leave bytes behind that would be parsed
// as a new request (smuggling), and it answers malformed or oversized requests
// as soon as their head shows it instead of waiting for a timeout:
//   - a request line or header that is not HTTP/1.x syntax -> 400
//   - Content-Length that is not a single decimal number -> 400
//   - Transfer-Encoding (chunked bodies are not supported) -> 411
//   - Content-Length over the body limit -> 413, decided before any body byte is read
//   - a head over the head limit -> 431
// After a rejection, or after a request that ends the connection (Connection:
// close, HTTP/1.0 without keep-alive), every further byte is ignored.
// Transport-free: bytes in, events out, so it is unit-tested without sockets.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rm {

struct FramedHead {
  std::string method;     // a token, e.g. "GET"
  std::string target;     // origin-form, e.g. "/api/v1/resumes?resume_id=x"
  int minor_version = 1;  // HTTP/1.<minor_version>
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, values trimmed
  std::size_t content_length = 0;
  bool keep_alive = true;        // the connection stays open after this request
  bool expect_continue = false;  // "Expect: 100-continue" on HTTP/1.1
};

struct FramerLimits {
  std::size_t max_head_bytes = 64 * 1024;
  std::size_t max_body_bytes = 0;
};

class RequestFramer {
 public:
  // Receives the framing events of one connection, in order.
  class Sink {
   public:
    virtual ~Sink() = default;
    // The first byte of a new request arrived.
    virtual void on_start() = 0;
    // A complete, valid head; `raw` is its exact bytes (request line to the blank line).
    virtual void on_head(const FramedHead& head, std::string_view raw) = 0;
    // The next bytes of the current request's body.
    virtual void on_body(std::string_view bytes) = 0;
    // The current request is complete (its whole body was delivered).
    virtual void on_complete(const FramedHead& head) = 0;
    // The request is refused: answer `status` with `detail` and close the connection.
    virtual void on_reject(int status, const std::string& detail) = 0;
  };

  explicit RequestFramer(FramerLimits limits) : limits_(limits) {}

  // Consumes `bytes`, reporting events to `sink`. Bytes after a rejection or after
  // the last request of the connection are ignored.
  void feed(std::string_view bytes, Sink& sink);

  // True once no further request will be framed on this connection.
  bool finished() const { return phase_ == Phase::kFinished; }
  // Ignores everything from now on (the sink calls it when it closes the connection).
  void finish() { phase_ = Phase::kFinished; }

 private:
  enum class Phase { kHead, kBody, kFinished };

  void feed_head(std::string_view& bytes, Sink& sink);
  void reject(Sink& sink, int status, const std::string& detail);
  // Checks the partial head early (the request line before its CRLF arrives).
  std::optional<std::pair<int, std::string>> check_partial_head() const;

  FramerLimits limits_;
  Phase phase_ = Phase::kHead;
  std::string head_;         // bytes of the head received so far
  std::size_t scanned_ = 0;  // head_ bytes already searched for the blank line
  FramedHead current_;
  std::size_t body_left_ = 0;
};

// Parses a complete head (request line to the blank line, "\r\n\r\n" included).
// Returns the head, or the status and detail to reject it with. Exposed for tests.
struct HeadParse {
  std::optional<FramedHead> head;
  int status = 400;
  std::string detail;
};
HeadParse parse_request_head(std::string_view head, std::size_t max_body_bytes);

}  // namespace rm
