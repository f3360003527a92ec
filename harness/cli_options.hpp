#pragma once
// The harness command line:
//   harness run --target embedded|process|command|URL [--target-cmd TEMPLATE]
//               [--mock-llm-port P] [--issues API-001,API-010] [--scenario NAME]
//               [--seed N] [--repeat R] [--report DIR] [--defect ID]
//               [--request-timeout S] [--llm-timeout-hold S] [--llm-rules FILE]
//               [--verbose]
//   harness baseline write DIR/results.json -o FILE
//   harness diff OLD/results.json NEW/results.json
//   harness matrix [--issues LIST] [--report DIR]
//   harness list
//   harness --help
// Both "--flag value" and "--flag=value" are accepted.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/target_factory.hpp"

namespace rm::harness {

struct CliOptions {
  enum class Command { kRun, kList, kHelp, kBaselineWrite, kDiff, kMatrix };
  Command command = Command::kHelp;
  TargetOptions target;
  std::vector<std::string> issues;  // canonical "API-001"
  std::optional<std::string> scenario;
  std::optional<std::uint64_t> seed;
  std::optional<int> repeat;
  std::optional<std::string> report_dir;
  // run: gate on a baseline of known failures (reports/baseline.hpp).
  std::optional<std::string> baseline;
  bool strict_baseline = false;              // a fixed baseline entry fails the run too
  std::optional<std::pair<int, int>> shard;  // --shard i/n
  // Schedule exploration of race scenarios (docs/schedules.md).
  std::optional<std::vector<int>> schedule;  // --schedule 1.1.2: replay that one
  std::optional<int> preemptions;            // --preemptions N (default 2)
  std::optional<int> max_schedules;          // --max-schedules N (default 2000)
  bool no_explore = false;                   // --no-explore
  bool explore_only = false;                 // --explore-only
  // baseline write RESULTS -o FILE; diff OLD NEW: the files named.
  std::vector<std::string> files;
  std::optional<std::string> output;
  bool verbose = false;  // show the reference's log lines and the started processes' output

  // The arguments that recreate this target in a replay command
  // ("--target embedded", "--target-cmd './start.sh {port}' --mock-llm-port 9000").
  std::string replay_target() const;
};

struct CliParse {
  std::optional<CliOptions> options;  // set when the arguments are valid
  std::string error;                  // why not, otherwise
};

// `args` excludes the program name.
CliParse parse_cli(const std::vector<std::string>& args);

// The --help text: commands, options, targets, hooks, verdicts, exit codes.
std::string cli_usage();

}  // namespace rm::harness
