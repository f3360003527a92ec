#include "mocks/store/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace rm {
namespace {

// The pid the holder wrote into the lock file ("" when unreadable).
std::string holder_of(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

DataDirLock::Result DataDirLock::acquire(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    return {std::nullopt, "cannot create the data dir " + dir.string() + ": " + error.message()};
  const std::filesystem::path file = dir / ".lock";
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return {std::nullopt, "cannot open " + file.string() + ": " + std::strerror(errno)};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int cause = errno;
    const std::string holder = holder_of(fd);
    ::close(fd);
    if (cause == EWOULDBLOCK) {
      return {std::nullopt, "the data dir " + dir.string() + " is in use by another process" +
                                (holder.empty() ? std::string() : " (pid " + holder + ")") +
                                ": two writers on one database.json lose writes; stop it or "
                                "use another --data-dir"};
    }
    return {std::nullopt, "cannot lock " + file.string() + ": " + std::strerror(cause)};
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the pid; a refused process just cannot name us.
  }
  return {DataDirLock(fd), {}};
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace rm
