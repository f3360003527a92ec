#include "harness/cleanup_registry.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace rm::harness {
namespace {

using Clock = std::chrono::steady_clock;

// Waits (on a pidfd, no polling loop) until `pid` has exited or `deadline` passes.
void wait_exit(pid_t pid, Clock::time_point deadline) {
  const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return;  // already gone (or not ours to wait for)
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd entry{fd, POLLIN, 0};
    const int ready = ::poll(&entry, 1, left < 0 ? 0 : static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    break;
  }
  ::close(fd);
}

}  // namespace

CleanupRegistry& CleanupRegistry::instance() {
  static CleanupRegistry registry;
  return registry;
}

void CleanupRegistry::add_group(pid_t leader) {
  std::lock_guard lock(mutex_);
  groups_.insert(leader);
}

void CleanupRegistry::remove_group(pid_t leader) {
  std::lock_guard lock(mutex_);
  groups_.erase(leader);
}

void CleanupRegistry::add_path(const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  paths_.insert(path);
}

void CleanupRegistry::remove_path(const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  paths_.erase(path);
}

int CleanupRegistry::undo_all(std::chrono::milliseconds grace) {
  std::set<pid_t> groups;
  std::set<std::filesystem::path> paths;
  {
    std::lock_guard lock(mutex_);
    groups.swap(groups_);
    paths.swap(paths_);
  }
  for (pid_t leader : groups) ::kill(-leader, SIGTERM);
  const auto deadline = Clock::now() + grace;
  for (pid_t leader : groups) wait_exit(leader, deadline);
  // Stragglers, and children the leaders left in their group.
  for (pid_t leader : groups) ::kill(-leader, SIGKILL);
  for (const auto& path : paths) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  return static_cast<int>(groups.size());
}

}  // namespace rm::harness
