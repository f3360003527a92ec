#pragma once
// What both server programs (reference-server, mock-llm) need around their main
// loop: SIGINT/SIGTERM blocked before any thread starts, so that every thread
// inherits the mask and only wait() receives them; and the host as it stands in
// a URL.
#include <csignal>
#include <string>

namespace rm {

class StopSignals {
 public:
  // Blocks SIGINT and SIGTERM for this thread and every thread started after it.
  StopSignals();
  // Waits for one of them; returns its number.
  int wait() const;

 private:
  sigset_t signals_{};
};

// "::1" -> "[::1]"; other hosts unchanged.
std::string url_host(const std::string& host);

}  // namespace rm
