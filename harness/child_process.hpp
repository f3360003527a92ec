#pragma once
// A child process the harness owns (mock-llm, reference-server, a --target-cmd
// command): started in its own process group, its stdout and stderr read by a
// thread of its own (so a chatty child never blocks on a full pipe) and written
// to an OutputLog; stopped with SIGTERM to the whole group (SIGKILL after a
// deadline) and reaped. Registered with the CleanupRegistry while it may run.
// It also gets SIGTERM if the thread that started it exits first
// (PR_SET_PDEATHSIG): start children from a thread that outlives them.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/output_log.hpp"

namespace rm::harness {

struct ChildOutput {
  std::string name = "child";        // the prefix of its lines in the log
  std::shared_ptr<OutputLog> log{};  // nullptr: only kept for output()
};

class ChildProcess {
 public:
  // argv[0] is the program (looked up in PATH when it has no '/').
  // Throws std::runtime_error when it cannot be started.
  explicit ChildProcess(std::vector<std::string> argv, ChildOutput output = {});
  ~ChildProcess();  // stop(), then the reader thread ends
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits for a line (of stdout or stderr) containing `marker` that this call has
  // not yet passed over; returns it, or nullopt when the child closed its output
  // or the deadline passed first.
  std::optional<std::string> read_line_with(const std::string& marker,
                                            std::chrono::milliseconds timeout);
  // Blocks until the child exits or the timeout passes; true if it has exited.
  bool wait_exit_for(std::chrono::milliseconds timeout);
  bool alive();
  // The raw wait status (WIFEXITED etc.) once the child has been reaped.
  std::optional<int> wait_status() const { return status_; }
  // SIGTERM to the group, up to `grace` for it to exit, then SIGKILL. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  pid_t pid() const { return pid_; }
  // The last kKeptOutput bytes it wrote (stdout and stderr, as they arrived).
  std::string output() const;

  static constexpr std::size_t kKeptOutput = std::size_t{64} * 1024;

 private:
  bool reap(bool block);
  void read_output();  // the reader thread
  void take_line(std::string line);

  pid_t pid_ = -1;
  int pidfd_ = -1;
  int out_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd that ends the reader thread
  bool reaped_ = false;
  std::optional<int> status_;
  bool group_ended_ = false;
  ChildOutput sink_;
  std::thread reader_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> unread_;  // complete lines not yet passed over
  bool closed_ = false;             // the child's output has ended
  std::string output_;
};

// The "http://HOST:PORT" in a line such as "mock-llm listening on http://127.0.0.1:9000".
std::optional<std::string> listening_url(const std::string& line);

}  // namespace rm::harness
