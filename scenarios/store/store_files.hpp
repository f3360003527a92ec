#pragma once
// Small file helpers for the FileStore and settings tests.
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "mocks/store/atomic_file.hpp"

namespace rm::test {

inline std::string read_text(const std::filesystem::path& path) {
  return read_whole_file(path).value_or("<missing>");
}

// The names in `dir`, sorted: an atomic write must leave no temporary file behind.
inline std::vector<std::string> file_names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The inode: a rewrite by rename changes it, so it tells whether a file was rewritten.
inline ino_t inode_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_ino;
}

}  // namespace rm::test
