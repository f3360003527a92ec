#include "harness/data_dir.hpp"

#include "harness/cleanup_registry.hpp"

#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace rm::harness {

std::filesystem::path make_data_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rm-harness-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  CleanupRegistry::instance().add_path(pattern);
  return pattern;
}

void write_fixture(const std::filesystem::path& dir, const Json& tables) {
  const std::filesystem::path file = dir / "database.json";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << tables.dump(4);
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

void remove_data_dir(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  remove_tree(dir);
  CleanupRegistry::instance().remove_path(dir);
}

ScratchDir::~ScratchDir() { remove_data_dir(path_); }

ScratchDir::ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

ScratchDir& ScratchDir::operator=(ScratchDir&& other) noexcept {
  if (this != &other) {
    remove_data_dir(path_);
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace rm::harness
