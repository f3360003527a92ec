#pragma once
// A child process the harness owns (mock-llm, reference-server, a --target-cmd
// command): started in its own process group with stdout on a pipe, stopped
// with SIGTERM to the whole group (SIGKILL after a deadline) and reaped.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rm::harness {

class ChildProcess {
 public:
  // argv[0] is the program (looked up in PATH when it has no '/').
  // Throws std::runtime_error when it cannot be started.
  explicit ChildProcess(std::vector<std::string> argv, bool quiet_stderr = false);
  ~ChildProcess();  // stop()
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until a line containing `marker`; returns that line, or nullopt
  // when the child closed stdout / exited or the deadline passed first.
  std::optional<std::string> read_line_with(const std::string& marker,
                                            std::chrono::milliseconds timeout);
  // Blocks until the child exits or the timeout passes; true if it has exited.
  bool wait_exit_for(std::chrono::milliseconds timeout);
  bool alive();
  // SIGTERM to the group, up to `grace` for it to exit, then SIGKILL. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  pid_t pid() const { return pid_; }
  // What the child wrote to stdout up to the last read.
  const std::string& output() const { return output_; }

 private:
  bool reap(bool block);

  pid_t pid_ = -1;
  int pidfd_ = -1;
  int out_fd_ = -1;
  bool reaped_ = false;
  std::string output_;
  std::string pending_;  // read but not yet returned as a line
};

// The "http://HOST:PORT" in a line such as "mock-llm listening on http://127.0.0.1:9000".
std::optional<std::string> listening_url(const std::string& line);

}  // namespace rm::harness
