#include "harness/cleanup_registry.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace rm::harness {
namespace {

using Clock = std::chrono::steady_clock;

// How long a SIGKILLed leader gets to be gone before its dirs are removed.
constexpr std::chrono::seconds kKillWait{2};

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

bool remove_tree(const std::filesystem::path& path) {
  // remove_all gives up when an entry vanishes under it (another thread removing
  // the same tree, a process renaming a file in it): go again until it is gone.
  constexpr int kAttempts = 10;
  for (int i = 0; i < kAttempts; ++i) {
    std::error_code error;
    std::filesystem::remove_all(path, error);
    if (!std::filesystem::exists(path, error) && !error) return true;
  }
  return false;
}

CleanupRegistry& CleanupRegistry::instance() {
  // Never destroyed: the destructors of other static objects (a test suite's
  // shared target) still unregister their processes after main returns.
  static union Storage {
    Storage() : registry() {}
    ~Storage() {}
    CleanupRegistry registry;
  } storage;
  return storage.registry;
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
  // Stragglers, and children the leaders left in their group. A leader killed
  // now may still be writing into a dir below until it is gone: wait for it.
  for (pid_t leader : groups) ::kill(-leader, SIGKILL);
  const auto killed = Clock::now() + kKillWait;
  for (pid_t leader : groups) wait_exit(leader, killed);
  for (const auto& path : paths) remove_tree(path);
  return static_cast<int>(groups.size());
}

}  // namespace rm::harness
