#pragma once
// Data directories for the targets the harness starts: fresh temporary dirs,
// fixture database.json files in the Python backend's layout, and free ports.
#include <filesystem>

#include "reference/ports/document.hpp"

namespace rm::harness {

// A new empty directory under the system temp dir, registered with the
// CleanupRegistry until remove_data_dir() removes it.
std::filesystem::path make_data_dir();
// A temporary data dir (make_data_dir) that goes with its owner: removed by the
// destructor, so also when the owner's constructor throws after making it.
class ScratchDir {
 public:
  ScratchDir() : path_(make_data_dir()) {}
  ~ScratchDir();
  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&& other) noexcept;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `tables` (TinyDB layout) as dir/database.json.
void write_fixture(const std::filesystem::path& dir, const Json& tables);
// Removes the directory and everything in it; never throws.
void remove_data_dir(const std::filesystem::path& dir);
// A loopback TCP port that was free a moment ago (bound to port 0, then closed).
int free_port();

}  // namespace rm::harness
