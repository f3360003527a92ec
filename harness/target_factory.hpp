#pragma once
// Which target a run drives, and the one place that builds it. A new kind of
// target (process, command, url: the HTTP targets) is added here, next to the
// others, without touching the runner: make_target() is all the CLI calls.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "harness/output_log.hpp"
#include "harness/target.hpp"
#include "reference/service/defects.hpp"

namespace rm::harness {

inline constexpr std::chrono::milliseconds kDefaultRequestTimeout{60000};
inline constexpr std::chrono::milliseconds kDefaultLlmTimeoutHold{120000};

enum class TargetKind {
  kEmbedded,  // the reference in-process
  kProcess,   // reference-server started by the harness, with --fault-control
  kCommand,   // any implementation started by a --target-cmd template
  kUrl,       // any server already running at a base URL
};

std::string_view target_kind_name(TargetKind kind);  // "embedded", "process", "command", "url"

struct TargetOptions {
  TargetKind kind = TargetKind::kEmbedded;
  std::string url;      // kUrl: the base URL, e.g. "http://127.0.0.1:8000"
  std::string command;  // kCommand: the template, e.g. "./start.sh {port} {llm_url} {data_dir}"
  std::optional<int> mock_llm_port;   // the harness's mock LLM listens here when set
  std::optional<Issue> defect;        // embedded / process: one audited defect re-enabled
  std::filesystem::path program_dir;  // where reference-server and mock-llm are found
  // Where the started processes' stdout and stderr go (nullptr: kept in memory).
  std::shared_ptr<OutputLog> output_log{};
  // How long the harness waits for one answer of the target (see
  // docs/testing-another-implementation.md, "time").
  std::chrono::milliseconds request_timeout{kDefaultRequestTimeout};
  // How long mock-llm holds a call hit by a `timeout` fault when the target's
  // client does not give up first.
  std::chrono::milliseconds llm_timeout_hold{kDefaultLlmTimeoutHold};
  // mock-llm --rules: how to recognise prompts its built-in reading does not.
  std::string llm_rules_file{};
};

// The target could not be built or started; the CLI exits with 2.
class TargetUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::unique_ptr<Target> make_target(const TargetOptions& options);

// The arguments that name this target on a harness command line, for replay lines:
// "--target embedded", "--target-cmd './start.sh {port}' --mock-llm-port 9000".
std::string target_arguments(const TargetOptions& options);
// Single-quoted for a POSIX shell.
std::string shell_quote(const std::string& text);

}  // namespace rm::harness
