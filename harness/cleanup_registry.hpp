#pragma once
// What the harness must undo when it is interrupted: the process groups it started
// and the temporary files and directories it made. Owners register what they
// create and unregister it once their destructor has undone it; on SIGINT/SIGTERM
// the CLI's signal thread calls undo_all() and exits at once, so no destructor
// has to run (see harness/interrupt.hpp).
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>

#include <sys/types.h>

namespace rm::harness {

// Removes `path` and everything below it, also while another thread or process
// removes or renames entries in it at the same time; false if it is still there.
bool remove_tree(const std::filesystem::path& path);

class CleanupRegistry {
 public:
  static CleanupRegistry& instance();

  void add_group(pid_t leader);
  void remove_group(pid_t leader);
  void add_path(const std::filesystem::path& path);
  void remove_path(const std::filesystem::path& path);

  // SIGTERM to every registered group, up to `grace` for the leaders to exit,
  // SIGKILL to every group then; then every registered path is removed. Returns
  // how many groups it signalled. Safe from any thread; later calls find nothing.
  int undo_all(std::chrono::milliseconds grace);

 private:
  std::mutex mutex_;
  std::set<pid_t> groups_;
  std::set<std::filesystem::path> paths_;
};

}  // namespace rm::harness
