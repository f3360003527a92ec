#pragma once
// One process owns a data dir at a time. Two writers on one TinyDB-layout file
// lose each other's writes (each rewrites the whole file from its own memory), so
// the owner holds an advisory lock (flock) on DIR/.lock for its lifetime, with its
// pid written in the file; a second process is refused before it reads or writes
// anything, and told which pid holds the dir. The kernel drops the lock when the
// holder exits, however it exits.
#include <filesystem>
#include <optional>
#include <string>

namespace rm {

class DataDirLock {
 public:
  struct Result;
  // Creates `dir` if needed and takes its lock without waiting.
  static Result acquire(const std::filesystem::path& dir);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

struct DataDirLock::Result {
  std::optional<DataDirLock> lock;
  std::string error;  // when there is no lock: who holds it, or what failed
};

}  // namespace rm
