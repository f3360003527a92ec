#pragma once
// A raw TCP client for probing the server's HTTP/1.1 handling byte by byte: what
// libcurl would hide (several requests on one socket, bytes after a refused
// body, malformed request lines, whether the server really closed). Every read
// has a receive timeout far below the server's header timeout, so "answered
// promptly" means "answered before the timeout could have produced an answer".
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace rm::test {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string head;  // status line and headers as received

  // The header's value ("" when absent); `name` in lower case.
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error on failure.
  RawConnection(int port, std::chrono::milliseconds receive_timeout);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends everything it can; false when the server closed or reset the connection first.
  bool send_all(const std::string& bytes);
  // Closes the sending direction (the server sees end of input).
  void shutdown_write();

  // The next complete response (Content-Length framed; `head_request` for a HEAD,
  // whose response has no body). nullopt on timeout, EOF or reset before it was complete.
  std::optional<RawResponse> read_response(bool head_request = false);
  // True when the server closed the connection (EOF or reset) with no further
  // bytes before the timeout; `extra` receives any bytes that came instead.
  bool closed_by_peer(std::string* extra = nullptr);
  // Bytes already received but not yet returned as a response.
  const std::string& pending() const { return buffer_; }

 private:
  enum class Read { kData, kEof, kTimeout, kError };
  Read read_more();

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace rm::test
