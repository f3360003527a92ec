#include "mocks/store/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <system_error>
#include <utility>

#include "mocks/store/posix_file.hpp"

namespace rm {
namespace {

using posix_file::fail;
using posix_file::Fd;
using posix_file::sync_directory;

// Removes the temporary file unless the rename consumed it.
class TempFile {
 public:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::filesystem::path& path() const { return path_; }
  void committed() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// Unique per process and per call, so two writers never share a temporary file.
std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  static std::atomic<unsigned long> counter{0};
  std::filesystem::path temp = path;
  temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
  return temp;
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot write", errno);
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
}

}  // namespace

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(path, "cannot open", errno);
  }
  // Read straight into a buffer of the file's size (growing it chunk by chunk
  // cost a tenth of a second on a 14 MB database.json); it still grows if the
  // file does.
  struct stat st {};
  std::size_t expected = 0;
  if (::fstat(fd.get(), &st) == 0 && st.st_size > 0)
    expected = static_cast<std::size_t>(st.st_size);
  std::string content(expected + 1, '\0');
  std::size_t filled = 0;
  for (;;) {
    if (filled == content.size()) content.resize(content.size() * 2);
    ssize_t got = ::read(fd.get(), content.data() + filled, content.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot read", errno);
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  content.resize(filled);
  return content;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(dir, "cannot create directory", ec.value());

  TempFile temp(temp_path_for(path));
  // 0666 minus the umask, like Python's open(); an existing file keeps its mode
  // (config.json may hold API keys and have been made private).
  Fd fd(::open(temp.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) fail(temp.path(), "cannot create temporary file", errno);
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd.get(), existing.st_mode & 07777) != 0) {
    fail(temp.path(), "cannot set mode", errno);
  }
  write_all(fd.get(), content, temp.path());
  if (::fsync(fd.get()) != 0) fail(temp.path(), "cannot sync", errno);
  if (::close(fd.release()) != 0) fail(temp.path(), "cannot close", errno);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) fail(path, "cannot replace", errno);
  temp.committed();
  // The rename is durable only once the directory entry is on disk.
  sync_directory(dir);
}

}  // namespace rm
