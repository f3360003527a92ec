// The reference-server process itself: clean exit on SIGTERM with connections
// open, --data-dir persistence across a restart, and its command-line errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "scenarios/raw_socket/raw_connection.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using ::testing::HasSubstr;

constexpr std::chrono::milliseconds kReceiveTimeout{5000};

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rm-http-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::optional<RawResponse> request(int port, const std::string& bytes) {
  RawConnection connection(port, kReceiveTimeout);
  if (!connection.send_all(bytes)) return std::nullopt;
  return connection.read_response();
}

int total_jobs(int port) {
  const auto response = request(port, "GET /api/v1/status HTTP/1.1\r\nHost: t\r\n\r\n");
  if (!response || response->status != 200) return -1;
  return nlohmann::json::parse(response->body)["database_stats"]["total_jobs"].get<int>();
}

TEST(ReferenceServerProcess, SigtermExitsCleanlyAndClosesOpenConnections) {
  ServerProcess server(reference_server_options());
  RawConnection kept(server.port(), kReceiveTimeout);
  ASSERT_TRUE(kept.send_all("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(kept.read_response());
  RawConnection idle(server.port(), kReceiveTimeout);

  const int status = server.stop();
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(kept.closed_by_peer());
  EXPECT_TRUE(idle.closed_by_peer());
}

TEST(ReferenceServerProcess, DataDirPersistsAcrossARestart) {
  TempDir dir;
  const std::string body = R"({"job_descriptions":["Persistent job"]})";
  {
    ServerProcess server(reference_server_options({"--data-dir", dir.path().string()}));
    const auto created = request(server.port(),
                                 "POST /api/v1/jobs/upload HTTP/1.1\r\nHost: t\r\n"
                                 "Content-Type: application/json\r\nContent-Length: " +
                                     std::to_string(body.size()) + "\r\n\r\n" + body);
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 200) << created->body;
    EXPECT_EQ(total_jobs(server.port()), 1);
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "database.json"));
  ServerProcess restarted(reference_server_options({"--data-dir", dir.path().string()}));
  EXPECT_EQ(total_jobs(restarted.port()), 1);
}

// A second server on a data dir in use is refused before it touches anything, and
// says which process holds the dir.
TEST(ReferenceServerProcess, ASecondProcessOnTheSameDataDirIsRefused) {
  TempDir dir;
  ServerProcess first(reference_server_options({"--data-dir", dir.path().string()}));
  const std::string command =
      reference_server_binary() + " --port 0 --data-dir '" + dir.path().string() + "' 2>&1";
  FILE* second = ::popen(command.c_str(), "r");
  ASSERT_NE(second, nullptr);
  std::string printed;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, second) != nullptr) printed += buffer;
  const int status = ::pclose(second);
  ASSERT_TRUE(WIFEXITED(status)) << printed;
  EXPECT_EQ(WEXITSTATUS(status), 2) << printed;
  EXPECT_THAT(printed,
              HasSubstr("in use by another process (pid " + std::to_string(first.pid()) + ")"));
  EXPECT_EQ(total_jobs(first.port()), 0);  // the first one serves on, untouched
}

TEST(ReferenceServerProcess, DefectFlagStartsTheServer) {
  ServerProcess server(reference_server_options({"--defect", "API-003"}));
  EXPECT_EQ(total_jobs(server.port()), 0);
}

TEST(ReferenceServerProcess, CommandLineErrorsExitWithCode2) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--no-such-flag"}, {"--defect", "API-999"}}) {
    ServerOptions options = reference_server_options(args);
    options.quiet_stderr = true;
    try {
      ServerProcess server(options);
      ADD_FAILURE() << "started with " << args.front();
    } catch (const std::runtime_error& error) {
      EXPECT_THAT(error.what(), HasSubstr("exited with code 2")) << args.front();
    }
  }
}

}  // namespace
}  // namespace rm::test
