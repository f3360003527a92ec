#pragma once
// Runs a server binary (reference-server, mock-llm, ...) as a child process for
// the over-HTTP suites. The child prints "<name> listening on http://HOST:PORT"
// as its first stdout line once it accepts connections; the constructor waits for
// that line through a pipe (with a deadline), so no test ever sleeps for readiness.
// The destructor sends SIGTERM, waits (SIGKILL after a deadline) and reaps it.
// The child gets SIGKILL if the thread that started it exits (PR_SET_PDEATHSIG),
// so start servers from the test's main thread (SetUpTestSuite, a test body).
#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace rm::test {

struct ServerOptions {
  std::string binary;             // absolute path, e.g. RM_REFERENCE_SERVER
  std::vector<std::string> args;  // e.g. {"--port", "0", "--defect", "API-007"}
  // Extra environment variables, added to (or overriding) the test's environment.
  std::vector<std::pair<std::string, std::string>> env;
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds stop_timeout = std::chrono::seconds(10);
  bool quiet_stderr = false;  // send the child's stderr to /dev/null instead of ours
};

class ServerProcess {
 public:
  // Starts the binary and waits for its "listening on http://..." line. Throws
  // std::runtime_error (with what the child printed) when it exits first, or when
  // the startup deadline passes (the child is then killed).
  explicit ServerProcess(ServerOptions options);
  // Convenience: ServerProcess(RM_REFERENCE_SERVER, {"--port", "0"}).
  ServerProcess(std::string binary, std::vector<std::string> args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // "http://127.0.0.1:PORT" (a wildcard listen address is mapped to loopback).
  const std::string& base_url() const { return base_url_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // True while the child has not exited (reaps it without blocking if it has).
  bool alive();
  // The raw wait status once the child has exited (see WIFEXITED etc.).
  std::optional<int> wait_status();
  // Sends `signal` to the child (no-op once it has been reaped).
  void signal(int signal);
  // SIGTERM, wait up to stop_timeout, then SIGKILL; returns the wait status.
  // Idempotent: later calls return the same status.
  int stop();
  // Everything the child wrote to stdout so far (including the listening line).
  std::string output() const;

 private:
  void spawn();
  void read_listening_line();
  bool wait_exit_for(std::chrono::milliseconds timeout);
  void reap_blocking();
  void drain();
  void close_fds();

  ServerOptions options_;
  pid_t pid_ = -1;
  int pidfd_ = -1;              // pidfd of the child, to wait for its exit with a deadline
  int out_fd_ = -1;             // read end of the child's stdout
  int wake_fds_[2] = {-1, -1};  // self-pipe that stops the drain thread
  std::optional<int> status_;
  std::string base_url_, host_;
  int port_ = 0;
  mutable std::mutex output_mutex_;
  std::string output_;
  std::thread drainer_;
};

}  // namespace rm::test
