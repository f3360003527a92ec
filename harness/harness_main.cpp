// harness: the command line over the runner (see harness/cli_options.hpp and
// docs/harness.md). Scenarios reach this program as object files
// (rm_issue_scenarios), registering themselves before main runs.
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/cli_options.hpp"
#include "harness/data_dir.hpp"
#include "harness/embedded_target.hpp"
#include "harness/fuzz_command.hpp"
#include "harness/fuzz_options.hpp"
#include "harness/interrupt.hpp"
#include "harness/live_progress.hpp"
#include "harness/output_log.hpp"
#include "harness/runner.hpp"
#include "harness/scenario.hpp"
#include "harness/target_factory.hpp"
#include "reference/service/service_log.hpp"
#include "reports/baseline.hpp"
#include "reports/html_report.hpp"
#include "reports/reports.hpp"
#include "reports/results_diff.hpp"

namespace {

using namespace rm::harness;

std::filesystem::path program_dir(const char* argv0) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) return self.parent_path();
  return std::filesystem::absolute(argv0).parent_path();
}

int list_scenarios() {
  const std::vector<const Scenario*> all = ScenarioRegistry::instance().all();
  if (all.empty()) {
    std::cout << "No scenarios are registered in this build.\n";
    return 0;
  }
  for (const Scenario* scenario : all) {
    std::string needs;
    for (Hook hook : scenario->needs)
      needs += (needs.empty() ? "" : ",") + std::string(hook_name(hook));
    std::cout << scenario->issue << "  " << scenario->name
              << "  needs: " << (needs.empty() ? "-" : needs);
    if (scenario->race) {
      std::cout << "  [race" << (scenario->run_statistical_round ? ", statistical fallback" : "")
                << "]";
    }
    std::cout << "\n";
    if (!scenario->description.empty()) std::cout << "    " << scenario->description << "\n";
  }
  std::cout << all.size() << " scenarios\n";
  return 0;
}

// A JSON file, or an error naming it (thrown as std::runtime_error).
rm::Json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  rm::Json json = rm::Json::parse(in, nullptr, false);
  if (json.is_discarded()) throw std::runtime_error(path + " is not valid JSON");
  return json;
}

int write_baseline(const CliOptions& cli) {
  const Baseline baseline = baseline_from_results(read_json_file(cli.files.at(0)));
  std::ofstream out(*cli.output, std::ios::binary | std::ios::trunc);
  out << baseline_json(baseline).dump(2) << "\n";
  if (!out.flush()) throw std::runtime_error("cannot write " + *cli.output);
  std::cout << "baseline: " << baseline.known.size() << " known failure(s) of " << cli.files[0]
            << " written to " << *cli.output << "\n";
  return 0;
}

int diff(const CliOptions& cli) {
  const ResultsDiff diff =
      diff_results(read_json_file(cli.files.at(0)), read_json_file(cli.files.at(1)));
  std::cout << describe(diff);
  return diff.regression() ? 1 : 0;
}

// The kill matrix from the command line: the reference unmodified, then with each
// audited defect; the heat map shows which scenarios each defect fails.
int matrix(const CliOptions& cli) {
  RunOptions options;
  options.issues = cli.issues;
  if (cli.seed) options.seed = *cli.seed;
  rm::set_service_log_sink([](std::string_view) {});
  const std::vector<const Scenario*> selected =
      select_scenarios(ScenarioRegistry::instance().all(), options);
  std::vector<RunResult> runs;
  rm::Json summary = rm::Json::array();
  for (int number = 0; number <= rm::kIssueCount; ++number) {
    std::optional<rm::Issue> defect;
    if (number > 0) defect = static_cast<rm::Issue>(number);
    options.defect = defect ? std::optional(rm::issue_id(*defect)) : std::nullopt;
    EmbeddedTarget target{rm::DefectSwitch(defect)};
    runs.push_back(run_scenarios(selected, target, options));
    std::vector<std::string> failing;
    for (const ScenarioResult& result : runs.back().scenarios) {
      if (result.verdict != Verdict::kPass) failing.push_back(result.issue + "/" + result.name);
    }
    std::cout << (defect ? rm::issue_id(*defect) : std::string("reference")) << ": "
              << failing.size() << " of " << selected.size() << " scenarios do not pass\n";
    summary.push_back({{"defect", options.defect ? rm::Json(*options.defect) : rm::Json(nullptr)},
                       {"not_passing", failing}});
  }
  if (cli.report_dir) {
    const std::filesystem::path dir(*cli.report_dir);
    std::filesystem::create_directories(dir);
    std::ofstream html(dir / "kill-matrix.html", std::ios::binary | std::ios::trunc);
    write_heat_map_html(runs, html);
    std::ofstream json(dir / "kill-matrix.json", std::ios::binary | std::ios::trunc);
    json << summary.dump(2) << "\n";
    if (!html.flush() || !json.flush())
      throw std::runtime_error("cannot write into " + dir.string());
    std::cout << "report: " << (dir / "kill-matrix.html").string() << "\n";
  }
  return 0;
}

int run(const CliOptions& cli, const char* argv0) {
  RunOptions options;
  options.issues = cli.issues;
  options.scenario = cli.scenario;
  if (cli.seed) options.seed = *cli.seed;
  options.repeat = cli.repeat;
  options.replay_target = cli.replay_target();
  if (cli.target.defect) options.defect = rm::issue_id(*cli.target.defect);
  // A live status line on a terminal; plain lines for a log or a pipe.
  std::optional<LiveProgress> live;
  if (::isatty(STDOUT_FILENO) != 0) {
    live.emplace(std::cout);
    options.observer = &*live;
  } else {
    options.progress = &std::cout;
  }
  options.shard = cli.shard;
  options.explore = !cli.no_explore;
  options.explore_only = cli.explore_only;
  options.schedule = cli.schedule;
  if (cli.preemptions) options.preemption_bound = *cli.preemptions;
  if (cli.max_schedules) options.max_schedules = *cli.max_schedules;
  // A baseline that cannot be read is a usage error, found before the run.
  std::optional<Baseline> baseline;
  if (cli.baseline) {
    try {
      baseline = parse_baseline(read_json_file(*cli.baseline));
    } catch (const std::exception& error) {
      std::cerr << "harness: --baseline " << *cli.baseline << ": " << error.what() << "\n";
      return 2;
    }
  }
  // The reference's warnings are expected under injected faults; they would only
  // interleave with the progress lines.
  if (!cli.verbose) rm::set_service_log_sink([](std::string_view) {});

  const std::vector<const Scenario*> selected =
      select_scenarios(ScenarioRegistry::instance().all(), options);
  if (selected.empty()) {
    std::cerr << "harness: no scenario matches the selection (see `harness list`)\n";
    return 2;
  }

  TargetOptions target_options = cli.target;
  target_options.program_dir = program_dir(argv0);
  // The started processes' output: target.log in the report dir, or a temporary
  // dir of our own that goes with the run.
  std::filesystem::path log_dir;
  if (cli.target.kind != TargetKind::kEmbedded) {
    try {
      log_dir = cli.report_dir ? std::filesystem::path(*cli.report_dir) : make_data_dir();
      std::filesystem::create_directories(log_dir);
      target_options.output_log =
          std::make_shared<OutputLog>(log_dir / "target.log", cli.verbose ? &std::cerr : nullptr);
    } catch (const std::exception& error) {
      std::cerr << "harness: " << error.what() << "\n";
      return 2;
    }
  }
  const struct TempLogDir {
    std::filesystem::path dir;
    ~TempLogDir() { remove_data_dir(dir); }
  } temp_log_dir{cli.report_dir ? std::filesystem::path() : log_dir};
  const auto log_tail = [&] {
    if (!target_options.output_log) return std::string();
    const std::string tail = target_options.output_log->tail();
    return tail.empty() ? std::string() : "the started processes' last output lines:\n" + tail;
  };

  std::unique_ptr<Target> target;
  try {
    target = make_target(target_options);
  } catch (const std::exception& error) {
    std::cerr << "harness: cannot use the target: " << error.what() << "\n" << log_tail();
    return 2;
  }

  std::cout << "harness: " << selected.size() << " scenarios against " << target->describe()
            << ", seed " << options.seed << "\n"
            << std::flush;  // before the first scenario, which may run long
  const RunResult result = run_scenarios(selected, *target, options);
  live.reset();  // the status line goes before the summary
  write_console_summary(result, std::cout);
  for (const std::string& notice : target->notices()) std::cout << "note: " << notice << "\n";
  if (result.count(Verdict::kError) > 0 && !cli.verbose && !cli.report_dir) std::cerr << log_tail();

  int exit_code = result.exit_code();
  if (baseline) {
    const BaselineCheck check =
        check_against_baseline(results_json(result), *baseline, today_utc());
    std::cout << describe(check, cli.strict_baseline);
    exit_code = check.exit_code(cli.strict_baseline);
  }
  if (cli.report_dir) {
    try {
      for (const auto& path : write_reports(result, *cli.report_dir)) {
        std::cout << "report: " << path.string() << "\n";
      }
      if (target_options.output_log) {
        std::cout << "report: " << target_options.output_log->file().string()
                  << " (output of the started processes)\n";
      }
    } catch (const std::exception& error) {
      std::cerr << "harness: " << error.what() << "\n";
      exit_code = 2;
    }
  }
  std::printf("%s run: %zu scenarios in %.0f ms\n",
              std::string(target_kind_name(cli.target.kind)).c_str(), result.scenarios.size(),
              result.total_ms);
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread starts: SIGINT / SIGTERM stop what the run started.
  const InterruptGuard interrupt_guard;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "fuzz") {
    // The stateful API fuzzer has its own options (harness/fuzz_options.hpp).
    const FuzzParse fuzz = parse_fuzz_cli({args.begin() + 1, args.end()});
    if (!fuzz.options) {
      std::cerr << "harness: " << fuzz.error << "\n(see harness fuzz --help)\n";
      return 2;
    }
    try {
      return run_fuzz(*fuzz.options, argc > 0 ? argv[0] : "harness",
                      program_dir(argc > 0 ? argv[0] : "harness"));
    } catch (const std::exception& error) {
      std::cerr << "harness fuzz: " << error.what() << "\n";
      return 2;
    }
  }
  const CliParse parsed = parse_cli(args);
  if (!parsed.options) {
    std::cerr << "harness: " << parsed.error << "\n(see harness --help)\n";
    return 2;
  }
  const CliOptions& cli = *parsed.options;
  try {
    switch (cli.command) {
      case CliOptions::Command::kHelp:
        std::cout << cli_usage();
        return 0;
      case CliOptions::Command::kList:
        return list_scenarios();
      case CliOptions::Command::kRun:
        return run(cli, argc > 0 ? argv[0] : "harness");
      case CliOptions::Command::kBaselineWrite:
        return write_baseline(cli);
      case CliOptions::Command::kDiff:
        return diff(cli);
      case CliOptions::Command::kMatrix:
        return matrix(cli);
    }
  } catch (const std::exception& error) {
    std::cerr << "harness: " << error.what() << "\n";
  }
  return 2;
}
