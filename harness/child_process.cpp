#include "harness/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>

#include "harness/cleanup_registry.hpp"

namespace rm::harness {
namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Unread lines kept for read_line_with; older ones are dropped (they are in the log).
constexpr std::size_t kKeptLines = 1000;

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, ChildOutput output)
    : sink_(std::move(output)) {
  if (argv.empty()) throw std::runtime_error("ChildProcess: empty command");
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
  if (stop_fd_ < 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw std::runtime_error("eventfd failed");
  }
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(out[0]);
    ::close(out[1]);
    ::close(stop_fd_);
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    ::setpgid(0, 0);
    // If the harness dies without stopping it (a crash), the child goes too.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(out[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);  // also from the parent, so that stop() never races the child
  CleanupRegistry::instance().add_group(pid_);
  ::close(out[1]);
  out_fd_ = out[0];
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  reader_ = std::thread([this] { read_output(); });
}

ChildProcess::~ChildProcess() {
  stop();
  const std::uint64_t one = 1;
  if (::write(stop_fd_, &one, sizeof one) < 0) {
    // Cannot happen for an eventfd below its maximum; the reader ends at EOF anyway.
  }
  if (reader_.joinable()) reader_.join();
  ::close(stop_fd_);
  if (out_fd_ >= 0) ::close(out_fd_);
  if (pidfd_ >= 0) ::close(pidfd_);
}

void ChildProcess::take_line(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (sink_.log) sink_.log->write_line(sink_.name, line);
  std::lock_guard lock(mutex_);
  unread_.push_back(std::move(line));
  if (unread_.size() > kKeptLines) unread_.pop_front();
  changed_.notify_all();
}

void ChildProcess::read_output() {
  std::string partial;
  while (true) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || (fds[1].revents & POLLIN) != 0) break;
    char buffer[4096];
    const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    {
      std::lock_guard lock(mutex_);
      output_.append(buffer, static_cast<std::size_t>(n));
      if (output_.size() > kKeptOutput) output_.erase(0, output_.size() - kKeptOutput);
    }
    partial.append(buffer, static_cast<std::size_t>(n));
    std::size_t newline;
    while ((newline = partial.find('\n')) != std::string::npos) {
      take_line(partial.substr(0, newline));
      partial.erase(0, newline + 1);
    }
  }
  if (!partial.empty()) take_line(std::move(partial));
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

std::optional<std::string> ChildProcess::read_line_with(const std::string& marker,
                                                        std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(mutex_);
  while (true) {
    while (!unread_.empty()) {
      std::string line = std::move(unread_.front());
      unread_.pop_front();
      if (line.find(marker) != std::string::npos) return line;
    }
    if (closed_) return std::nullopt;
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && unread_.empty()) {
      return std::nullopt;
    }
  }
}

std::string ChildProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

bool ChildProcess::reap(bool block) {
  if (reaped_) return true;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (done == pid_) status_ = status;
  if (done == pid_ || (done < 0 && errno == ECHILD)) reaped_ = true;
  return reaped_;
}

bool ChildProcess::wait_exit_for(std::chrono::milliseconds timeout) {
  if (reap(false)) return true;
  if (pidfd_ < 0) return false;
  const auto deadline = Clock::now() + timeout;
  while (true) {
    pollfd fd{pidfd_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, ms_left(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready > 0) return reap(true);
    return reap(false);
  }
}

bool ChildProcess::alive() { return pid_ > 0 && !reap(false); }

void ChildProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0 || group_ended_) return;
  if (!reaped_) {
    ::kill(-pid_, SIGTERM);
    if (!wait_exit_for(grace)) {
      ::kill(-pid_, SIGKILL);
      reap(true);
    }
  }
  // The group may still hold stragglers (a shell's grandchildren): end them too.
  ::kill(-pid_, SIGKILL);
  group_ended_ = true;  // the group id may be reused from now on: never signal it again
  CleanupRegistry::instance().remove_group(pid_);
}

std::optional<std::string> listening_url(const std::string& line) {
  const std::size_t at = line.find("http://");
  if (at == std::string::npos) return std::nullopt;
  std::string url = line.substr(at);
  while (!url.empty() && (url.back() == '\r' || url.back() == ' ')) url.pop_back();
  return url;
}

}  // namespace rm::harness
