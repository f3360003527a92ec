#pragma once
// The POSIX pieces the file-backed store code shares (atomic_file.cpp,
// store_journal.cpp): an owned descriptor, the StoreError for a failed call,
// and syncing a directory so that a rename or a new file in it is durable.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "reference/ports/store.hpp"

namespace rm::posix_file {

// "<path>: <what>: <strerror(error)>" as a StoreError.
[[noreturn]] inline void fail(const std::filesystem::path& path, const std::string& what,
                              int error) {
  throw StoreError(path.string() + ": " + what + ": " + std::generic_category().message(error));
}

// Closes a descriptor on scope exit; release() hands it back for an explicit close
// whose result matters.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// fsync of the directory itself: makes its entries (a rename, a created or removed file) durable.
inline void sync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail(dir, "cannot open directory to sync it", errno);
  if (::fsync(fd.get()) != 0) fail(dir, "cannot sync directory", errno);
}

}  // namespace rm::posix_file
