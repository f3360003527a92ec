#include "harness/fuzz_command.hpp"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "harness/data_dir.hpp"
#include "harness/embedded_target.hpp"
#include "harness/fuzz_campaign.hpp"
#include "harness/fuzz_replay.hpp"
#include "harness/fuzz_runner.hpp"
#include "reference/service/service_log.hpp"

namespace rm::harness {
namespace {

using namespace fuzz;

// The embedded target opens each fixture database as a FileStore, which syncs
// every write to disk: on tmpfs that costs nothing, and the fuzzer runs about
// four times faster. TMPDIR set by the caller wins.
void use_memory_scratch_dirs() {
  std::error_code error;
  if (std::getenv("TMPDIR") == nullptr && std::filesystem::is_directory("/dev/shm", error)) {
    ::setenv("TMPDIR", "/dev/shm", 0);
  }
}

RunnerOptions runner_options(Target& target, TargetKind kind) {
  RunnerOptions options;
  options.capabilities = capabilities_of(target);
  if (kind != TargetKind::kEmbedded) {
    // Over HTTP each wait is a request: fewer, longer slices.
    options.gate_slice = std::chrono::milliseconds(50);
    options.gate_deadline = std::chrono::milliseconds(10000);
  }
  return options;
}

void print_finding(const FuzzFinding& finding, std::ostream& out) {
  out << "FINDING " << finding.issue << ": " << finding.clause << " (step " << finding.step
      << ")\n";
  std::string evidence = finding.evidence;
  if (evidence.size() > 1500) evidence = evidence.substr(0, 1500) + " ...";
  std::size_t start = 0;
  while (start < evidence.size()) {
    const std::size_t end = evidence.find('\n', start);
    out << "    " << evidence.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

void print_sequence(const Sequence& sequence, std::ostream& out) {
  out << "  sequence" << (sequence.fixture.empty() ? "" : " (fixture " + sequence.fixture + ")")
      << ":\n";
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
    out << "    " << i << ". " << describe(sequence.steps[i]) << "\n";
  }
}

std::string file_safe(std::string text) {
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
  }
  return text;
}

struct BuiltTarget {
  std::unique_ptr<Target> target;
  std::shared_ptr<OutputLog> log;
};

BuiltTarget build_target(const FuzzOptions& options, const std::filesystem::path& program_dir) {
  TargetOptions target_options = options.target;
  target_options.program_dir = program_dir;
  BuiltTarget built;
  if (target_options.kind != TargetKind::kEmbedded) {
    std::filesystem::create_directories(options.report_dir);
    built.log =
        std::make_shared<OutputLog>(std::filesystem::path(options.report_dir) / "target.log",
                                    options.verbose ? &std::cerr : nullptr);
    target_options.output_log = built.log;
  }
  built.target = make_target(target_options);
  return built;
}

int replay(const FuzzOptions& options, const std::filesystem::path& program_dir) {
  Replay file;
  try {
    file = read_replay(*options.replay);
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: " << error.what() << "\n";
    return 2;
  }
  FuzzOptions effective = options;
  if (!effective.target_given) effective.target.kind = TargetKind::kEmbedded;
  if (!effective.target.defect && !effective.no_defect && file.defect) {
    effective.target.defect = parse_issue_id(*file.defect);
  }
  BuiltTarget built;
  try {
    built = build_target(effective, program_dir);
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: cannot use the target: " << error.what() << "\n";
    return 2;
  }
  SequenceRunner runner(*built.target, runner_options(*built.target, effective.target.kind));
  std::cout << "harness fuzz: replaying " << *options.replay << " against "
            << built.target->describe()
            << (effective.target.defect ? " (defect " + issue_id(*effective.target.defect) + ")"
                                        : std::string())
            << "\n";
  print_sequence(file.sequence, std::cout);
  SequenceResult result;
  try {
    result = runner.run(file.sequence);
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: the target could not be driven: " << error.what() << "\n";
    return 2;
  }
  for (const std::string& skipped : result.skipped) std::cout << "  skipped: " << skipped << "\n";
  if (!result.finding) {
    std::cout << "no finding: the sequence ran " << result.steps << " steps (" << result.requests
              << " requests) and every checked clause held\n";
    if (file.finding) {
      std::cout << "  (the file recorded " << file.finding->key() << ")\n";
    }
    return 0;
  }
  print_finding(*result.finding, std::cout);
  if (file.finding && file.finding->key() != result.finding->key()) {
    std::cout << "  (the file recorded another finding: " << file.finding->key() << ")\n";
  } else if (file.finding) {
    std::cout << "  reproduced the recorded finding\n";
  }
  return 1;
}

Json summary_json(const CampaignResult& result, const std::string& target,
                  const std::optional<std::string>& defect, const FuzzOptions& options) {
  Json findings = Json::array();
  for (const CampaignFinding& f : result.findings) {
    findings.push_back({{"issue", f.finding.issue},
                        {"clause", f.finding.clause},
                        {"seed", f.seed},
                        {"sequence_number", f.sequence_number},
                        {"seconds", f.seconds},
                        {"steps", f.sequence.steps.size()},
                        {"original_steps", f.original_steps},
                        {"minimise_runs", f.minimise_runs}});
  }
  return Json{{"target", target},
              {"defect", defect ? Json(*defect) : Json(nullptr)},
              {"seed", options.seed},
              {"max_steps", options.max_steps},
              {"sequences", result.sequences},
              {"steps", result.steps},
              {"requests", result.requests},
              {"unanswered", result.unanswered},
              {"seconds", result.seconds},
              {"minimise_seconds", result.minimise_seconds},
              {"sequences_per_second", result.seconds > 0 ? result.sequences / result.seconds : 0},
              {"steps_per_second", result.seconds > 0 ? result.steps / result.seconds : 0},
              {"skipped", result.skipped},
              {"findings", findings}};
}

CampaignOptions campaign_options(const FuzzOptions& options) {
  CampaignOptions campaign;
  campaign.seed = options.seed;
  if (options.seconds) campaign.time_budget = std::chrono::seconds(*options.seconds);
  campaign.max_sequences = options.sequences;
  campaign.max_findings = options.max_findings;
  campaign.limits.max_steps = options.max_steps;
  campaign.minimise = options.minimise;
  return campaign;
}

int campaign(const FuzzOptions& options, const std::string& program,
             const std::filesystem::path& program_dir) {
  BuiltTarget built;
  try {
    built = build_target(options, program_dir);
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: cannot use the target: " << error.what() << "\n";
    if (built.log) std::cerr << built.log->tail();
    return 2;
  }
  Target& target = *built.target;
  const RunnerOptions runner_opts = runner_options(target, options.target.kind);
  SequenceRunner runner(target, runner_opts);
  const std::optional<std::string> defect =
      options.target.defect ? std::optional(issue_id(*options.target.defect)) : std::nullopt;
  std::cout << "harness fuzz: " << target.describe() << (defect ? " (defect " + *defect + ")" : "")
            << ", seed " << options.seed << ", "
            << (options.seconds ? std::to_string(*options.seconds) + " s"
                                : std::string("no time limit"))
            << (options.sequences ? ", at most " + std::to_string(*options.sequences) + " sequences"
                                  : std::string())
            << ", at most " << options.max_steps << " steps per sequence\n";
  const std::vector<std::string> skipped = runner_opts.capabilities.skipped();
  for (const std::string& line : skipped) std::cout << "  not generated: " << line << "\n";
  if (skipped.empty()) std::cout << "  every step kind is generated (all hooks available)\n";

  const std::filesystem::path dir(options.report_dir);
  CampaignOptions run = campaign_options(options);
  run.progress = &std::cout;
  int written = 0;
  bool write_failed = false;
  run.on_finding = [&](const CampaignFinding& found) {
    ++written;
    const std::filesystem::path file = dir / ("finding-" + std::to_string(written) + "-" +
                                              file_safe(found.finding.issue) + ".json");
    std::printf("[%7.1f s] ", found.seconds);
    std::cout << "after " << found.sequence_number << " sequences (seed " << found.seed << "), "
              << "minimised " << found.original_steps << " -> " << found.sequence.steps.size()
              << " steps in " << found.minimise_runs << " runs\n";
    print_finding(found.finding, std::cout);
    print_sequence(found.sequence, std::cout);
    try {
      write_replay(Replay{found.sequence, found.finding, target.describe(), defect, found.seed},
                   file);
      std::cout << "  replay: " << program << " fuzz --replay " << file.string() << " "
                << options.target_arguments() << "\n";
    } catch (const std::exception& error) {
      std::cerr << "harness fuzz: " << error.what() << "\n";
      write_failed = true;
    }
  };
  CampaignResult result;
  try {
    result = run_campaign(runner, runner_opts.capabilities, run);
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: the target could not be driven: " << error.what() << "\n";
    if (built.log) std::cerr << built.log->tail();
    return 2;
  }
  for (const std::string& line : result.skipped) std::cout << "  skipped: " << line << "\n";
  std::cout << "fuzz " << target_kind_name(options.target.kind) << ": " << campaign_line(result)
            << " in " << result.seconds << " s (+" << result.minimise_seconds << " s minimising)\n";
  if (result.unanswered > 0) {
    std::cout << "  " << result.unanswered << " requests got no answer (see target.log)\n";
  }
  try {
    std::filesystem::create_directories(dir);
    std::ofstream out(dir / "summary.json", std::ios::binary | std::ios::trunc);
    out << summary_json(result, target.describe(), defect, options).dump(2) << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + (dir / "summary.json").string());
    std::cout << "report: " << (dir / "summary.json").string() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "harness fuzz: " << error.what() << "\n";
    return 2;
  }
  if (write_failed) return 2;
  return result.findings.empty() ? 0 : 1;
}

// The embedded reference unmodified, then with each audited defect, each with
// the same seed and budget, stopping at the first finding.
int matrix(const FuzzOptions& options, const std::string& program) {
  const std::filesystem::path dir(options.report_dir);
  Json rows = Json::array();
  bool reference_clean = true;
  int killed = 0;
  std::printf("%-10s %-6s %-10s %-9s %-6s %s\n", "defect", "found", "sequences", "seconds", "steps",
              "first finding");
  for (int number = 0; number <= kIssueCount; ++number) {
    std::optional<Issue> defect;
    if (number > 0) defect = static_cast<Issue>(number);
    EmbeddedTarget target{DefectSwitch(defect)};
    const RunnerOptions runner_opts = runner_options(target, TargetKind::kEmbedded);
    SequenceRunner runner(target, runner_opts);
    CampaignOptions run = campaign_options(options);
    run.max_findings = 1;
    const CampaignResult result = run_campaign(runner, runner_opts.capabilities, run);
    const std::string name = defect ? issue_id(*defect) : std::string("reference");
    Json row{{"defect", defect ? Json(name) : Json(nullptr)},
             {"sequences", result.sequences},
             {"steps", result.steps},
             {"seconds", result.seconds},
             {"found", !result.findings.empty()}};
    if (result.findings.empty()) {
      std::printf("%-10s %-6s %-10lld %-9.2f %-6s %s\n", name.c_str(), "no",
                  static_cast<long long>(result.sequences), result.seconds, "-",
                  "(none within the budget)");
      if (defect) reference_clean = reference_clean && true;
    } else {
      const CampaignFinding& f = result.findings.front();
      const std::filesystem::path file = dir / ("matrix-" + name + ".json");
      write_replay(Replay{f.sequence, f.finding, target.describe(),
                          defect ? std::optional(name) : std::nullopt, f.seed},
                   file);
      std::printf("%-10s %-6s %-10lld %-9.2f %-6zu %s: %s\n", name.c_str(), "yes",
                  static_cast<long long>(f.sequence_number), f.seconds, f.sequence.steps.size(),
                  f.finding.issue.c_str(), f.finding.clause.c_str());
      row["first"] = {{"issue", f.finding.issue},
                      {"clause", f.finding.clause},
                      {"sequence_number", f.sequence_number},
                      {"seconds", f.seconds},
                      {"minimised_steps", f.sequence.steps.size()},
                      {"replay", file.string()}};
      if (defect) {
        ++killed;
      } else {
        reference_clean = false;
      }
    }
    std::fflush(stdout);
    rows.push_back(row);
  }
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "matrix.json", std::ios::binary | std::ios::trunc);
  out << rows.dump(2) << "\n";
  std::cout << "killed " << killed << " of " << kIssueCount << " defects; the reference "
            << (reference_clean ? "had no finding" : "HAD A FINDING (a false positive)") << "\n"
            << "report: " << (dir / "matrix.json").string() << "\n"
            << "replay a row: " << program << " fuzz --replay "
            << (dir / "matrix-API-0NN.json").string() << " --target embedded\n";
  return reference_clean && killed == kIssueCount ? 0 : 1;
}

}  // namespace

int run_fuzz(const FuzzOptions& options, const std::string& program,
             const std::filesystem::path& program_dir) {
  if (options.help) {
    std::cout << fuzz_usage();
    return 0;
  }
  // The reference's warnings are expected under injected faults.
  if (!options.verbose) set_service_log_sink([](std::string_view) {});
  if (options.matrix || options.target.kind == TargetKind::kEmbedded) use_memory_scratch_dirs();
  if (options.matrix) return matrix(options, program);
  if (options.replay) return replay(options, program_dir);
  return campaign(options, program, program_dir);
}

}  // namespace rm::harness
