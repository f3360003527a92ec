#include "harness/cli_options.hpp"

#include <chrono>
#include <set>

#include "harness/parse_number.hpp"
#include "harness/schedule_explorer.hpp"

namespace rm::harness {
namespace {

bool is_url(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma - start);
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

}  // namespace

std::string CliOptions::replay_target() const {
  std::string text = target_arguments(target);
  // Only when not the defaults: they change what a timeout scenario can see.
  const auto seconds = [](std::chrono::milliseconds ms) {
    return std::to_string(ms.count() / 1000);
  };
  if (target.request_timeout != kDefaultRequestTimeout) {
    text += " --request-timeout " + seconds(target.request_timeout);
  }
  if (target.llm_timeout_hold != kDefaultLlmTimeoutHold) {
    text += " --llm-timeout-hold " + seconds(target.llm_timeout_hold);
  }
  if (!target.llm_rules_file.empty()) text += " --llm-rules " + shell_quote(target.llm_rules_file);
  return text;
}

CliParse parse_cli(const std::vector<std::string>& args) {
  CliOptions options;
  if (args.empty()) return {std::nullopt, "no command given (run, list or --help)"};
  if (args[0] == "help") return {options, {}};
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") return {options, {}};
  }
  const std::string& command = args[0];
  if (command == "run") {
    options.command = CliOptions::Command::kRun;
  } else if (command == "list") {
    options.command = CliOptions::Command::kList;
  } else if (command == "matrix") {
    options.command = CliOptions::Command::kMatrix;
  } else if (command == "diff") {
    if (args.size() != 3)
      return {std::nullopt, "diff needs two files: OLD/results.json NEW/results.json"};
    options.command = CliOptions::Command::kDiff;
    options.files = {args[1], args[2]};
    return {options, {}};
  } else if (command == "baseline") {
    if (args.size() != 5 || args[1] != "write" || (args[3] != "-o" && args[3] != "--output")) {
      return {std::nullopt, "usage: harness baseline write DIR/results.json -o FILE"};
    }
    options.command = CliOptions::Command::kBaselineWrite;
    options.files = {args[2]};
    options.output = args[4];
    return {options, {}};
  } else {
    return {std::nullopt, "unknown command '" + command +
                              "' (run, list, matrix, fuzz, baseline write, diff or --help)"};
  }

  std::optional<std::string> target;
  std::optional<std::string> target_cmd;
  std::set<std::string> seen;
  static const std::set<std::string> kFlags = {"--target",           "--target-cmd",
                                               "--mock-llm-port",    "--issues",
                                               "--scenario",         "--seed",
                                               "--repeat",           "--report",
                                               "--defect",           "--request-timeout",
                                               "--llm-timeout-hold", "--llm-rules",
                                               "--baseline",         "--shard",
                                               "--schedule",         "--preemptions",
                                               "--max-schedules"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    const std::size_t equals = flag.find('=');
    if (flag.rfind("--", 0) == 0 && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    }
    if (flag == "--verbose" && !value) {
      options.verbose = true;
      continue;
    }
    if (flag == "--strict-baseline" && !value) {
      options.strict_baseline = true;
      continue;
    }
    if (flag == "--no-explore" && !value) {
      options.no_explore = true;
      continue;
    }
    if (flag == "--explore-only" && !value) {
      options.explore_only = true;
      continue;
    }
    if (kFlags.count(flag) == 0) return {std::nullopt, "unknown option '" + args[i] + "'"};
    if (options.command == CliOptions::Command::kList) {
      return {std::nullopt, "'list' takes no options (got " + flag + ")"};
    }
    if (options.command == CliOptions::Command::kMatrix && flag != "--issues" &&
        flag != "--report" && flag != "--seed") {
      return {std::nullopt, "'matrix' takes --issues, --seed and --report only (got " + flag + ")"};
    }
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, flag + " needs a value"};
      value = args[++i];
    }
    if (flag != "--issues" && !seen.insert(flag).second) {
      return {std::nullopt, flag + " given twice"};
    }
    if (flag == "--target") {
      target = *value;
    } else if (flag == "--target-cmd") {
      if (value->empty()) return {std::nullopt, "--target-cmd needs a command template"};
      target_cmd = *value;
    } else if (flag == "--mock-llm-port") {
      const auto port = parse_number<int>(*value);
      if (!port || *port < 1 || *port > 65535) {
        return {std::nullopt, "--mock-llm-port: expected a port 1..65535, got '" + *value + "'"};
      }
      options.target.mock_llm_port = *port;
    } else if (flag == "--issues") {
      const std::vector<std::string> ids = split_commas(*value);
      if (ids.empty()) return {std::nullopt, "--issues needs at least one issue id"};
      for (const std::string& id : ids) {
        const auto issue = parse_issue_id(id);
        if (!issue) {
          return {std::nullopt, "--issues: unknown issue id '" + id + "' (API-001 ... API-013)"};
        }
        options.issues.push_back(issue_id(*issue));
      }
    } else if (flag == "--scenario") {
      if (value->empty()) return {std::nullopt, "--scenario needs a scenario name"};
      options.scenario = *value;
    } else if (flag == "--seed") {
      const auto seed = parse_number<std::uint64_t>(*value);
      if (!seed)
        return {std::nullopt, "--seed: expected a non-negative integer, got '" + *value + "'"};
      options.seed = *seed;
    } else if (flag == "--repeat") {
      const auto repeat = parse_number<int>(*value);
      if (!repeat || *repeat < 1) {
        return {std::nullopt, "--repeat: expected an integer >= 1, got '" + *value + "'"};
      }
      options.repeat = *repeat;
    } else if (flag == "--report") {
      if (value->empty()) return {std::nullopt, "--report needs a directory"};
      options.report_dir = *value;
    } else if (flag == "--request-timeout" || flag == "--llm-timeout-hold") {
      const auto seconds = parse_number<int>(*value);
      if (!seconds || *seconds < 1 || *seconds > 3600) {
        return {std::nullopt, flag + ": expected whole seconds 1..3600, got '" + *value + "'"};
      }
      (flag == "--request-timeout" ? options.target.request_timeout
                                   : options.target.llm_timeout_hold) =
          std::chrono::seconds(*seconds);
    } else if (flag == "--baseline") {
      if (value->empty()) return {std::nullopt, "--baseline needs a file"};
      options.baseline = *value;
    } else if (flag == "--shard") {
      const std::size_t slash = value->find('/');
      const auto index = parse_number<int>(value->substr(0, slash));
      const auto count =
          slash == std::string::npos ? std::nullopt : parse_number<int>(value->substr(slash + 1));
      if (!index || !count || *count < 1 || *index < 1 || *index > *count) {
        return {std::nullopt, "--shard: expected i/n with 1 <= i <= n, got '" + *value + "'"};
      }
      options.shard = std::make_pair(*index, *count);
    } else if (flag == "--schedule") {
      const auto schedule = parse_schedule(*value);
      if (!schedule || schedule->empty()) {
        return {
            std::nullopt,
            "--schedule: expected actor numbers joined by dots (e.g. 1.1.2), got '" + *value + "'"};
      }
      options.schedule = *schedule;
    } else if (flag == "--preemptions" || flag == "--max-schedules") {
      const auto number = parse_number<int>(*value);
      const int low = flag == "--preemptions" ? 0 : 1;
      if (!number || *number < low || *number > 1'000'000) {
        return {std::nullopt, flag + ": expected an integer >= " + std::to_string(low) + ", got '" +
                                  *value + "'"};
      }
      (flag == "--preemptions" ? options.preemptions : options.max_schedules) = *number;
    } else if (flag == "--llm-rules") {
      if (value->empty()) return {std::nullopt, "--llm-rules needs a file"};
      options.target.llm_rules_file = *value;
    } else if (flag == "--defect") {
      const auto issue = parse_issue_id(*value);
      if (!issue) {
        return {std::nullopt, "--defect: unknown issue id '" + *value + "' (API-001 ... API-013)"};
      }
      options.target.defect = *issue;
    }
  }

  if (options.no_explore && (options.explore_only || options.schedule)) {
    return {std::nullopt, "--no-explore contradicts --explore-only and --schedule"};
  }
  if (options.schedule && !options.scenario) {
    return {std::nullopt, "--schedule replays one race scenario: add --scenario NAME"};
  }
  if (options.command == CliOptions::Command::kRun) {
    if (target_cmd) {
      if (target && *target != "command") {
        return {std::nullopt, "--target-cmd starts the target itself: drop --target " + *target +
                                  " (or say --target command)"};
      }
      options.target.kind = TargetKind::kCommand;
      options.target.command = *target_cmd;
    } else if (!target) {
      return {std::nullopt, "run needs --target (embedded, process, a URL) or --target-cmd"};
    } else if (*target == "embedded") {
      options.target.kind = TargetKind::kEmbedded;
    } else if (*target == "process") {
      options.target.kind = TargetKind::kProcess;
    } else if (*target == "command") {
      return {std::nullopt, "--target command needs --target-cmd TEMPLATE"};
    } else if (is_url(*target)) {
      options.target.kind = TargetKind::kUrl;
      options.target.url = *target;
      while (options.target.url.size() > 1 && options.target.url.back() == '/') {
        options.target.url.pop_back();
      }
    } else {
      return {std::nullopt,
              "--target: expected embedded, process or an http:// URL, got '" + *target + "'"};
    }
    const bool reference =
        options.target.kind == TargetKind::kEmbedded || options.target.kind == TargetKind::kProcess;
    if (options.target.defect && !reference) {
      return {std::nullopt,
              "--defect switches a defect of the reference: only with --target embedded or "
              "process"};
    }
  }
  return {options, {}};
}

std::string cli_usage() {
  return R"(harness: runs the contract's thirteen fault contracts against a resume-API target.

Usage:
  harness run --target embedded|process|URL [options]
  harness run --target-cmd TEMPLATE [options]
  harness list
  harness matrix [--issues LIST] [--report DIR]
  harness fuzz --target embedded|process|URL [--seconds S] [--seed N] [--defect ID]
  harness fuzz --replay FILE        (the stateful API fuzzer: harness fuzz --help)
  harness baseline write DIR/results.json -o FILE
  harness diff OLD/results.json NEW/results.json
  harness --help

Options of run:
  --target KIND        embedded   the reference in-process (fastest, every hook)
                       process    reference-server started here on a free port with
                                  --fault-control, its LLM a mock-llm started here
                       URL        a server already running (http://host:port); the
                                  harness starts its own mock-llm and prints the URL
                                  the target must use as its LLM base URL
  --target-cmd T       start any implementation with the command template T, e.g.
                       './start.sh {port} {llm_url} {data_dir}'; the harness owns its
                       lifecycle (free port, mock-llm URL, fresh data dir, fixtures)
  --mock-llm-port P    the harness's mock-llm listens on P (url / command targets)
  --issues LIST        only these issues, e.g. API-001,API-010 (also 1,10)
  --scenario NAME      only the scenario of that name
  --seed N             seed of the fault plans' random draws (default 1);
                       repetition i runs with seed N+i
  --repeat R           run each scenario R times (default 1); a statistical race
                       run makes R rounds (default 20)
  --report DIR         write DIR/junit.xml, DIR/summary.md and DIR/results.json,
                       and DIR/target.log (the started processes' stdout and stderr)
  --request-timeout S  how long the harness waits for one answer of the target
                       (default 60); see "Time" below
  --llm-timeout-hold S the longest the mock LLM holds a call hit by a timeout
                       fault when the target's LLM client does not give up first
                       (default 120)
  --llm-rules FILE     the mock LLM's --rules: regexes naming the operation of
                       prompts it does not recognise by itself (format: mock-llm
                       --print-rules); unrecognised prompts are listed after a run
  --defect ID          re-enable the audited defect of one issue in the reference
                       (embedded and process targets): its scenarios must fail
  --baseline FILE      gate on a baseline of known failures (harness baseline
                       write): exit 0 while the failures are exactly the known
                       ones, 1 on a new one (2 on a new error); a known failure
                       that passes is reported "fixed — update the baseline"
  --strict-baseline    with --baseline: a fixed entry fails the run too
  --shard i/n          run only shard i of n (stable by scenario name): n jobs
                       together run each scenario exactly once
  --schedule S         race scenarios: run the one schedule S (from a failure's
                       replay line, e.g. 1.1.2) instead of the gated run and the
                       exploration; needs --scenario
  --preemptions N      exploration: at most N preemptions per schedule (default 2)
  --max-schedules N    exploration: at most N schedules per scenario (default 2000)
  --no-explore         skip schedule exploration (gated runs only)
  --explore-only       race scenarios: exploration only, without the gated run
  --verbose            also print the embedded reference's log lines and the
                       started processes' output (always in target.log)

Hooks (what a scenario may need from a target):
  llm          the target's LLM calls reach a mock LLM whose fault plan we control
  store        store/converter faults, and reading the stored tables
  store_gate   store operations can be held at named gates (forced interleavings)
  fixture_db   the target can be (re)started on a database.json written by us
  schedule     schedule points before and after every store operation and LLM
               call, and before the store takes its lock (control API
               /__control/schedule): race scenarios are explored over every
               ordering of their requests within --preemptions (docs/schedules.md)
A scenario whose hook is missing is not_testable, never pass. A race scenario
without store_gate runs statistically instead (rounds of concurrent requests).
A race scenario whose gated run passes is then explored when the target has the
schedule hook: the first violating schedule fails it, with a --schedule replay.

Time (process, command and URL targets):
  A timeout fault makes the mock LLM hold the target's call until the target's
  LLM client gives up (or --llm-timeout-hold passes). The target's own LLM
  timeout and retries are its own: the harness cannot know them. A request still
  unanswered after --request-timeout while the mock holds a call of the target
  makes the scenario not_testable, naming both waits: raise --request-timeout
  above the target's whole LLM wait (timeout x attempts), or lower
  --llm-timeout-hold below its LLM timeout. The llm hook is judged by traffic:
  a scenario during which no request of the target reached the mock LLM is
  not_testable and names the LLM call it waited for.

Verdicts:
  pass          every MUST of the contract held, and the section 3 invariants
  fail          a MUST or an invariant did not hold (evidence + replay command)
  not_testable  a needed hook is missing; the reason names it
  not_observed  statistical race run with no violation seen: never a pass
  error         the target could not be driven (or the scenario threw)

Other commands:
  baseline write R -o F  a baseline listing every fail / error of results.json R
                         (reason: the first MUST finding; add "expires":
                         "YYYY-MM-DD" to an entry to make it lapse)
  matrix                 the kill matrix: every scenario against the embedded
                         reference, unmodified and with each audited defect;
                         prints who catches each defect, and with --report DIR
                         writes DIR/kill-matrix.html (the defect x scenario heat
                         map) and DIR/kill-matrix.json
  diff OLD NEW           new failures, fixed ones and changed verdicts between
                         two results.json; exit 1 on a new failure

Exit codes: 0 every MUST held (not_testable / not_observed do not fail the run),
1 some scenario failed, 2 harness or target error (cannot start, unreachable,
bad arguments, a scenario error), 130 / 143 interrupted by SIGINT / SIGTERM
(the started processes are stopped and the temporary dirs removed first).
)";
}

}  // namespace rm::harness
