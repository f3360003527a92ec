// The harness as a parent process: SIGTERM / SIGINT in the middle of a run stop
// the processes it started (mock-llm, reference-server: their whole groups) and
// remove its temporary dirs before it exits with 143 / 130; the started processes'
// output goes to target.log in the report dir, not to the console.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness/child_process.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm::harness {
namespace {

const std::string kHarness = std::string(RM_PROGRAM_DIR) + "/harness";

// Field `index` of /proc/PID/stat (3 state, 4 ppid, 5 process group); "" when gone.
std::string stat_field(pid_t pid, int index) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return "";
  const std::size_t close = line.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return "";
  std::istringstream fields(line.substr(close + 1));
  std::vector<std::string> after_name;
  for (std::string field; fields >> field;) after_name.push_back(field);
  const std::size_t at = static_cast<std::size_t>(index - 3);
  return at < after_name.size() ? after_name[at] : "";
}

// The processes whose parent is `parent`, and every member of their groups.
std::set<pid_t> started_by(pid_t parent) {
  std::set<pid_t> children;
  std::set<std::string> groups;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    if (stat_field(pid, 4) == std::to_string(parent)) {
      children.insert(pid);
      groups.insert(stat_field(pid, 5));
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    if (groups.count(stat_field(pid, 5)) != 0) children.insert(pid);
  }
  return children;
}

bool gone(pid_t pid) {
  const std::string state = stat_field(pid, 3);
  return state.empty() || state == "Z" || state == "X";
}

struct Interrupt {
  int signal;
  int exit_code;
};

class HarnessInterrupt : public ::testing::TestWithParam<Interrupt> {};

TEST_P(HarnessInterrupt, StopsWhatItStartedAndRemovesItsTempDirs) {
  rm::test::TempDir tmp;
  const std::filesystem::path temp_root = tmp.path() / "tmp";
  const std::filesystem::path report = tmp.path() / "report";
  std::filesystem::create_directories(temp_root);
  // The harness makes its data dirs under TMPDIR: ours, so that we can see them go.
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir != nullptr ? old_tmpdir : "";
  ::setenv("TMPDIR", temp_root.c_str(), 1);
  ChildProcess harness({kHarness, "run", "--target", "process", "--issues", "API-001", "--repeat",
                        "500", "--report", report.string()});
  if (old_tmpdir != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  // Printed once mock-llm and reference-server are up, before the first scenario.
  ASSERT_TRUE(harness.read_line_with("scenarios against", std::chrono::seconds(60)))
      << harness.output();
  const std::set<pid_t> children = started_by(harness.pid());
  ASSERT_GE(children.size(), 2u) << "mock-llm and reference-server";
  ASSERT_FALSE(std::filesystem::is_empty(temp_root)) << "the process target's data dir";

  ASSERT_EQ(::kill(harness.pid(), GetParam().signal), 0);
  ASSERT_TRUE(harness.wait_exit_for(std::chrono::seconds(30))) << harness.output();
  const std::optional<int> status = harness.wait_status();
  ASSERT_TRUE(status && WIFEXITED(*status)) << harness.output();
  EXPECT_EQ(WEXITSTATUS(*status), GetParam().exit_code) << harness.output();
  for (pid_t pid : children) EXPECT_TRUE(gone(pid)) << "process " << pid << " is still running";
  std::string left;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(temp_root)) {
    left += entry.path().string() + "\n";
  }
  EXPECT_TRUE(left.empty()) << "temporary files were left behind:\n" << left;
  EXPECT_NE(harness.output().find("stopping the started processes"), std::string::npos)
      << harness.output();

  // The started processes wrote to target.log, not to the harness's console.
  std::ifstream log(report / "target.log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("[target] reference-server listening on"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("[mock-llm] mock-llm listening on"), std::string::npos) << text.str();
  EXPECT_EQ(harness.output().find("reference-server listening on"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Signals, HarnessInterrupt,
                         ::testing::Values(Interrupt{SIGTERM, 143}, Interrupt{SIGINT, 130}),
                         [](const auto& info) {
                           return std::string(info.param.signal == SIGTERM ? "Sigterm" : "Sigint");
                         });

}  // namespace
}  // namespace rm::harness
