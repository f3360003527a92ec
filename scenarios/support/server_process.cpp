#include "scenarios/support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

extern char** environ;

namespace rm::test {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped (status " + std::to_string(status) + ")";
}

void close_if_open(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

namespace {
ServerOptions options_for(std::string binary, std::vector<std::string> args) {
  ServerOptions options;
  options.binary = std::move(binary);
  options.args = std::move(args);
  return options;
}
}  // namespace

ServerProcess::ServerProcess(std::string binary, std::vector<std::string> args)
    : ServerProcess(options_for(std::move(binary), std::move(args))) {}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  try {
    spawn();
    read_listening_line();
  } catch (...) {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      reap_blocking();
    }
    close_fds();
    throw;
  }
  drainer_ = std::thread([this] { drain(); });
}

ServerProcess::~ServerProcess() {
  try {
    stop();
  } catch (...) {
    // A destructor must not throw; the child has been killed and reaped by then.
  }
}

void ServerProcess::spawn() {
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  out_fd_ = out_pipe[0];
  if (::pipe2(wake_fds_, O_CLOEXEC) != 0) {
    ::close(out_pipe[1]);
    throw std::runtime_error("pipe2 failed");
  }

  // Everything the child needs is prepared before fork: after fork only
  // async-signal-safe calls are allowed (the test process may have threads).
  std::vector<std::string> argv_text;
  argv_text.push_back(options_.binary);
  argv_text.insert(argv_text.end(), options_.args.begin(), options_.args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> env_map;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos) env_map[text.substr(0, eq)] = text.substr(eq + 1);
  }
  for (const auto& [name, value] : options_.env) env_map[name] = value;
  std::vector<std::string> env_text;
  for (const auto& [name, value] : env_map) env_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);

  const pid_t parent = ::getpid();
  const bool quiet = options_.quiet_stderr;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out_pipe[1]);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Child. The server dies with the test process (SIGKILL when the forking
    // thread exits), so a crashed test never leaves a server behind.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    if (quiet) {
      const int null_fd = ::open("/dev/null", O_WRONLY);
      if (null_fd >= 0) ::dup2(null_fd, STDERR_FILENO);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  pid_ = pid;
  ::close(out_pipe[1]);
  // Raw syscall: glibc 2.36's <sys/pidfd.h> lacks extern "C". -1 on kernels
  // without pidfd, where wait_exit_for falls back to checking waitpid.
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
}

void ServerProcess::read_listening_line() {
  const auto deadline = Clock::now() + options_.startup_timeout;
  std::string buffer;
  for (;;) {
    // Look for a complete line announcing the URL.
    std::size_t start = 0;
    for (auto newline = buffer.find('\n'); newline != std::string::npos;
         newline = buffer.find('\n', start)) {
      const std::string line = buffer.substr(start, newline - start);
      start = newline + 1;
      const auto at = line.find("http://");
      if (at == std::string::npos) continue;
      // The authority ends at the first path, space or punctuation after it.
      const auto end = line.find_first_of(" \t\r/)>,;\"'", at + 7);
      const std::string authority =
          line.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
      const auto colon = authority.rfind(':');
      if (colon == std::string::npos) continue;
      host_ = authority.substr(0, colon);
      try {
        port_ = std::stoi(authority.substr(colon + 1));
      } catch (const std::exception&) {
        continue;
      }
      if (host_.empty() || host_ == "0.0.0.0" || host_ == "[::]" || host_ == "::") {
        host_ = "127.0.0.1";
      }
      base_url_ = "http://" + host_ + ":" + std::to_string(port_);
      std::lock_guard lock(output_mutex_);
      output_ = buffer;
      return;
    }

    pollfd fd{out_fd_, POLLIN, 0};
    const int left = remaining_ms(deadline);
    const int ready = left == 0 ? 0 : ::poll(&fd, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      throw std::runtime_error(options_.binary + " printed no 'listening on http://' line within " +
                               std::to_string(options_.startup_timeout.count()) +
                               " ms; stdout so far: " + buffer);
    }
    char chunk[4096];
    const ssize_t got = ::read(out_fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      reap_blocking();
      throw std::runtime_error(options_.binary + " " + describe_status(*status_) +
                               " before listening; stdout: " + buffer);
    }
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
}

void ServerProcess::drain() {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {wake_fds_[0], POLLIN, 0}};
  for (;;) {
    const int ready = ::poll(fds, 2, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) {
      // Stopping: keep whatever the child wrote before it exited.
      ::fcntl(out_fd_, F_SETFL, ::fcntl(out_fd_, F_GETFL) | O_NONBLOCK);
      char chunk[4096];
      ssize_t got;
      while ((got = ::read(out_fd_, chunk, sizeof chunk)) > 0) {
        std::lock_guard lock(output_mutex_);
        output_.append(chunk, static_cast<std::size_t>(got));
      }
      return;
    }
    if (fds[0].revents != 0) {
      char chunk[4096];
      const ssize_t got = ::read(out_fd_, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return;  // EOF: the child (and anything it spawned) closed stdout
      std::lock_guard lock(output_mutex_);
      output_.append(chunk, static_cast<std::size_t>(got));
    }
  }
}

bool ServerProcess::alive() {
  if (status_) return false;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    status_ = status;
    return false;
  }
  return true;
}

std::optional<int> ServerProcess::wait_status() {
  alive();
  return status_;
}

void ServerProcess::signal(int signal) {
  if (!status_ && pid_ > 0) ::kill(pid_, signal);
}

bool ServerProcess::wait_exit_for(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (alive()) {
    const int left = remaining_ms(deadline);
    if (left == 0) return false;
    if (pidfd_ >= 0) {
      // The pidfd becomes readable when the child exits.
      pollfd fd{pidfd_, POLLIN, 0};
      ::poll(&fd, 1, left);
    } else {
      // No pidfd on this kernel: check the external process with a short poll interval.
      ::poll(nullptr, 0, left < 20 ? left : 20);
    }
  }
  return true;
}

void ServerProcess::reap_blocking() {
  if (status_) return;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) {
      status = 0;
      break;
    }
  }
  status_ = status;
}

int ServerProcess::stop() {
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGTERM);
    if (!wait_exit_for(options_.stop_timeout)) {
      ::kill(pid_, SIGKILL);
      reap_blocking();
    }
  }
  if (drainer_.joinable()) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fds_[1], &byte, 1);
    drainer_.join();
  }
  close_fds();
  return status_.value_or(0);
}

std::string ServerProcess::output() const {
  std::lock_guard lock(output_mutex_);
  return output_;
}

void ServerProcess::close_fds() {
  close_if_open(out_fd_);
  close_if_open(pidfd_);
  close_if_open(wake_fds_[0]);
  close_if_open(wake_fds_[1]);
}

}  // namespace rm::test
