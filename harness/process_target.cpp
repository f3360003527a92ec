#include "harness/process_target.hpp"

#include "harness/data_dir.hpp"

namespace rm::harness {

ProcessTarget::ProcessTarget(const TargetOptions& options)
    : HttpTarget(start_mock_llm(options, /*announce=*/false), options.request_timeout),
      program_dir_(options.program_dir),
      defect_(options.defect),
      output_log_(options.output_log) {
  start();
}

ProcessTarget::~ProcessTarget() {
  server_.reset();  // before the data dir goes
}

std::string ProcessTarget::describe() const {
  return "process " + base_url() + (defect_ ? " --defect " + issue_id(*defect_) : std::string());
}

void ProcessTarget::start() {
  std::vector<std::string> argv{(program_dir_ / "reference-server").string(),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                "0",
                                "--threads",
                                std::to_string(kServerThreads),
                                "--fault-control",
                                "--data-dir",
                                data_dir_.path().string(),
                                "--llm",
                                mock_llm().v1_url(),
                                "--llm-timeout-ms",
                                std::to_string(kLlmTimeoutMs)};
  if (defect_) {
    argv.push_back("--defect");
    argv.push_back(issue_id(*defect_));
  }
  try {
    server_ = std::make_unique<ChildProcess>(argv, ChildOutput{"target", output_log_});
  } catch (const std::exception& error) {
    throw TargetUnavailable(std::string("cannot start reference-server: ") + error.what());
  }
  const auto line = server_->read_line_with("listening on", std::chrono::seconds(30));
  const auto url = line ? listening_url(*line) : std::nullopt;
  if (!url) {
    const std::string printed = server_->output();
    server_.reset();
    throw TargetUnavailable("reference-server did not start (" + argv.front() +
                            "); it printed: " + printed);
  }
  attach(*url);
}

void ProcessTarget::reset(const std::optional<Json>& fixture_tables) {
  if (!fixture_tables) {
    reset_sides();
    return;
  }
  server_.reset();
  data_dir_ = ScratchDir();
  write_fixture(data_dir_.path(), *fixture_tables);
  mock_llm().reset();
  start();
}

void ProcessTarget::restart() {
  server_.reset();
  start();
}

}  // namespace rm::harness
