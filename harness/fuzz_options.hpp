#pragma once
// The `harness fuzz` command line (the stateful API fuzzer):
//   harness fuzz --target embedded|process|URL | --target-cmd TEMPLATE
//                [--seconds S] [--sequences N] [--seed N] [--defect ID]
//                [--max-steps N] [--max-findings N] [--report DIR] [--no-minimise]
//                [--mock-llm-port P] [--request-timeout S] [--verbose]
//   harness fuzz --replay FILE [--target ...] [--defect ID]
//   harness fuzz --matrix [--seconds S] [--sequences N] [--seed N] [--max-steps N]
// Both "--flag value" and "--flag=value" are accepted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/target_factory.hpp"

namespace rm::harness {

struct FuzzOptions {
  TargetOptions target;
  bool target_given = false;
  bool no_defect = false;  // --defect none: the unmodified reference, whatever a replay file says
  std::uint64_t seed = 1;
  std::optional<int> seconds;  // default 60 unless --sequences bounds the run
  std::optional<std::int64_t> sequences;
  int max_steps = 24;
  int max_findings = 10;
  std::string report_dir = "reports/out/fuzz";
  bool minimise = true;
  std::optional<std::string> replay;  // --replay FILE
  bool matrix = false;                // the embedded reference and each defect
  bool verbose = false;
  bool help = false;

  // "--target embedded --defect API-002" as a replay command needs it.
  std::string target_arguments() const;
};

struct FuzzParse {
  std::optional<FuzzOptions> options;
  std::string error;
};

// `args` are the arguments after "fuzz".
FuzzParse parse_fuzz_cli(const std::vector<std::string>& args);
std::string fuzz_usage();

}  // namespace rm::harness
