#include "reference/server/socket_sweep.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace rm {
namespace {

bool is_leftover_connection(int fd, int port) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) return false;
  int type = 0;
  socklen_t length = sizeof type;
  if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM) {
    return false;
  }
  int listening = 0;
  length = sizeof listening;
  if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0 || listening != 0) {
    return false;
  }
  sockaddr_storage local{};
  length = sizeof local;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) return false;
  if (local.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&local)->sin_port) == port;
  }
  if (local.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&local)->sin6_port) == port;
  }
  return false;
}

}  // namespace

int close_leftover_connections(int port) {
  if (port <= 0) return 0;
  DIR* directory = ::opendir("/proc/self/fd");
  if (directory == nullptr) return 0;
  std::vector<int> found;
  const int own_fd = ::dirfd(directory);
  while (const dirent* entry = ::readdir(directory)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == own_fd) continue;
    if (is_leftover_connection(static_cast<int>(fd), port)) found.push_back(static_cast<int>(fd));
  }
  ::closedir(directory);
  for (const int fd : found) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
  }
  return static_cast<int>(found.size());
}

}  // namespace rm
