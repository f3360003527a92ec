#pragma once
// The client of the request a handler is answering, for a handler that holds its
// answer on purpose (mock-llm's `timeout` fault): it may wait until the client
// gives up and closes the connection, the way a model that never answers is
// seen by a caller with a timeout.
#include <chrono>
#include <string>

namespace rm {

class ClientConnection {
 public:
  virtual ~ClientConnection() = default;
  // The client's address as text ("127.0.0.1", "::1").
  virtual const std::string& host() const = 0;
  // Blocks until the client has closed its side of the connection (true), the
  // timeout passes, or `wake_fd` (an eventfd or pipe; -1 = none) becomes readable
  // (both false).
  virtual bool wait_closed(std::chrono::milliseconds timeout, int wake_fd) const = 0;
};

}  // namespace rm
