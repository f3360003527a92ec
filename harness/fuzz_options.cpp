#include "harness/fuzz_options.hpp"

#include <set>

#include "harness/parse_number.hpp"

namespace rm::harness {

std::string FuzzOptions::target_arguments() const {
  std::string text = harness::target_arguments(target);
  if (target.defect) text += " --defect " + issue_id(*target.defect);
  return text;
}

FuzzParse parse_fuzz_cli(const std::vector<std::string>& args) {
  FuzzOptions options;
  std::optional<std::string> target;
  std::optional<std::string> target_cmd;
  std::set<std::string> seen;
  static const std::set<std::string> kFlags = {
      "--target", "--target-cmd", "--mock-llm-port",  "--seconds",      "--sequences",
      "--seed",   "--defect",     "--max-steps",      "--max-findings", "--report",
      "--out",    "--replay",     "--request-timeout"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    const std::size_t equals = flag.find('=');
    if (flag.rfind("--", 0) == 0 && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    }
    if (!value && (flag == "--help" || flag == "-h")) {
      options.help = true;
      return {options, {}};
    }
    if (!value && flag == "--verbose") {
      options.verbose = true;
      continue;
    }
    if (!value && flag == "--no-minimise") {
      options.minimise = false;
      continue;
    }
    if (!value && flag == "--matrix") {
      options.matrix = true;
      continue;
    }
    if (kFlags.count(flag) == 0) return {std::nullopt, "fuzz: unknown option '" + args[i] + "'"};
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, "fuzz: " + flag + " needs a value"};
      value = args[++i];
    }
    if (!seen.insert(flag).second) return {std::nullopt, "fuzz: " + flag + " given twice"};
    const auto positive = [&](const char* what) -> std::optional<std::int64_t> {
      const auto number = parse_number<std::int64_t>(*value);
      if (!number || *number < 1) return std::nullopt;
      (void)what;
      return number;
    };
    if (flag == "--target") {
      target = *value;
    } else if (flag == "--target-cmd") {
      if (value->empty()) return {std::nullopt, "fuzz: --target-cmd needs a command template"};
      target_cmd = *value;
    } else if (flag == "--mock-llm-port") {
      const auto port = parse_number<int>(*value);
      if (!port || *port < 1 || *port > 65535) {
        return {std::nullopt, "fuzz: --mock-llm-port: expected a port 1..65535"};
      }
      options.target.mock_llm_port = *port;
    } else if (flag == "--seconds") {
      const auto n = positive("seconds");
      if (!n || *n > 86400) return {std::nullopt, "fuzz: --seconds: expected 1..86400"};
      options.seconds = static_cast<int>(*n);
    } else if (flag == "--sequences") {
      const auto n = positive("sequences");
      if (!n) return {std::nullopt, "fuzz: --sequences: expected an integer >= 1"};
      options.sequences = *n;
    } else if (flag == "--seed") {
      const auto seed = parse_number<std::uint64_t>(*value);
      if (!seed) return {std::nullopt, "fuzz: --seed: expected a non-negative integer"};
      options.seed = *seed;
    } else if (flag == "--defect" && *value == "none") {
      options.no_defect = true;
    } else if (flag == "--defect") {
      const auto issue = parse_issue_id(*value);
      if (!issue) return {std::nullopt, "fuzz: --defect: unknown issue id '" + *value + "'"};
      options.target.defect = *issue;
    } else if (flag == "--max-steps") {
      const auto n = positive("max-steps");
      if (!n || *n > 1000) return {std::nullopt, "fuzz: --max-steps: expected 1..1000"};
      options.max_steps = static_cast<int>(*n);
    } else if (flag == "--max-findings") {
      const auto n = positive("max-findings");
      if (!n || *n > 1000) return {std::nullopt, "fuzz: --max-findings: expected 1..1000"};
      options.max_findings = static_cast<int>(*n);
    } else if (flag == "--report" || flag == "--out") {
      if (value->empty()) return {std::nullopt, "fuzz: " + flag + " needs a directory"};
      options.report_dir = *value;
    } else if (flag == "--replay") {
      if (value->empty()) return {std::nullopt, "fuzz: --replay needs a file"};
      options.replay = *value;
    } else if (flag == "--request-timeout") {
      const auto n = positive("request-timeout");
      if (!n || *n > 3600) return {std::nullopt, "fuzz: --request-timeout: expected 1..3600"};
      options.target.request_timeout = std::chrono::seconds(*n);
    }
  }
  if (target_cmd) {
    if (target && *target != "command") {
      return {std::nullopt, "fuzz: --target-cmd starts the target itself: drop --target"};
    }
    options.target.kind = TargetKind::kCommand;
    options.target.command = *target_cmd;
    options.target_given = true;
  } else if (target) {
    options.target_given = true;
    if (*target == "embedded") {
      options.target.kind = TargetKind::kEmbedded;
    } else if (*target == "process") {
      options.target.kind = TargetKind::kProcess;
    } else if (target->rfind("http://", 0) == 0 || target->rfind("https://", 0) == 0) {
      options.target.kind = TargetKind::kUrl;
      options.target.url = *target;
      while (options.target.url.size() > 1 && options.target.url.back() == '/') {
        options.target.url.pop_back();
      }
    } else {
      return {std::nullopt, "fuzz: --target: expected embedded, process or an http:// URL, got '" +
                                *target + "'"};
    }
  }
  if (options.matrix) {
    if (options.replay || target_cmd || (target && *target != "embedded") ||
        options.target.defect) {
      return {std::nullopt,
              "fuzz: --matrix runs the embedded reference and each defect itself: drop "
              "--replay, --target and --defect"};
    }
  } else if (!options.replay && !options.target_given) {
    return {std::nullopt,
            "fuzz needs --target (embedded, process, a URL), --target-cmd, "
            "--replay FILE or --matrix"};
  }
  if (!options.seconds && !options.sequences) options.seconds = 60;
  return {options, {}};
}

std::string fuzz_usage() {
  return R"(harness fuzz: the stateful API fuzzer (docs/fuzzing.md, "Stateful API fuzzer")

  harness fuzz --target embedded|process|URL | --target-cmd TEMPLATE
               [--seconds S] [--sequences N] [--seed N] [--defect ID] [--max-steps N]
               [--max-findings N] [--report DIR] [--no-minimise] [--mock-llm-port P]
               [--request-timeout S] [--verbose]
  harness fuzz --replay FILE [--target ... | --target-cmd ...] [--defect ID]
  harness fuzz --matrix [--seconds S] [--sequences N] [--seed N] [--max-steps N]

Each sequence is a series of API calls (the contract's endpoint table, ids drawn
from earlier answers), fault-plan rules, concurrent steps (requests held at a
gate while others run), restarts and starts from fixture databases (legacy
records). Sequence i is generated from seed N+i. After every step the fault
contracts (API-001..API-013) and the section 3 invariants are checked. Step
kinds that need a hook the target lacks (store faults, store gates, fixtures)
are not generated; the run says which.

  --target, --target-cmd, --mock-llm-port, --request-timeout   as for `harness run`
  --seconds S       fuzzing time (default 60 unless --sequences is given)
  --sequences N     stop after N sequences
  --seed N          the first sequence's seed (default 1)
  --defect ID       embedded / process: re-enable one audited defect (API-001..API-013);
                    "none": the unmodified reference (for --replay of a file with a defect)
  --max-steps N     top-level steps per sequence (default 24)
  --max-findings N  stop after N distinct findings (default 10)
  --report DIR      where replay files and summary.json go (default reports/out/fuzz)
  --no-minimise     keep findings as found (no delta debugging over steps)
  --replay FILE     run a replay file again (the target of the file is not implied:
                    give --target; the file's defect is used unless --defect is given)
  --matrix          the fuzzer kill matrix: the embedded reference unmodified and with
                    each defect, same seed and budget; time and sequences to the first
                    finding per defect

Each new finding (issue and clause) is minimised by delta debugging over its
steps, written to DIR/finding-K-ISSUE.json and printed with a one-line replay
command.

Exit codes: 0 nothing found; 1 a finding (a replay that reproduces one); 2 an
error (bad arguments, a target that cannot be started or driven).
)";
}

}  // namespace rm::harness
