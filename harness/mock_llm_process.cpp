#include "harness/mock_llm_process.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "harness/http_call.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {

MockLlmProcess::MockLlmProcess(const std::string& binary, int port,
                               std::chrono::milliseconds timeout_hold, ChildOutput output,
                               const std::string& rules_file) {
  std::vector<std::string> argv{binary,
                                "--host",
                                "127.0.0.1",
                                "--port",
                                std::to_string(port),
                                "--timeout-hold-ms",
                                std::to_string(timeout_hold.count())};
  if (!rules_file.empty()) argv.insert(argv.end(), {"--rules", rules_file});
  child_ = std::make_unique<ChildProcess>(std::move(argv), std::move(output));
  const auto line = child_->read_line_with("listening on", std::chrono::seconds(30));
  const auto url = line ? listening_url(*line) : std::nullopt;
  if (!url) {
    throw std::runtime_error("mock-llm (" + binary + ") did not start on port " +
                             std::to_string(port) + "; it printed: " + child_->output());
  }
  base_url_ = *url;
}

Json MockLlmProcess::call_counts() { return control_call(base_url_, "GET", "/__control/calls"); }

std::int64_t MockLlmProcess::requests() { return call_counts().value("requests", std::int64_t{0}); }

std::int64_t MockLlmProcess::held() {
  const Json body = control_call(base_url_, "GET", "/__control/gates");
  std::int64_t waiting = 0;
  if (body.contains("gates") && body["gates"].is_array()) {
    for (const Json& gate : body["gates"]) waiting += gate.value("waiting", std::int64_t{0});
  }
  return waiting + call_counts().value("held", std::int64_t{0});
}

void MockLlmProcess::remember_unknown_prompts() {
  const Json body = control_call(base_url_, "GET", "/__control/log");
  if (!body.contains("log") || !body["log"].is_array()) return;
  std::lock_guard lock(mutex_);
  for (const Json& entry : body["log"]) {
    if (entry.value("operation", std::string()) != "unknown") continue;
    const std::string start = entry.value("prompt_start", std::string());
    if (std::find(unknown_prompts_.begin(), unknown_prompts_.end(), start) ==
        unknown_prompts_.end()) {
      unknown_prompts_.push_back(start);
    }
  }
}

void MockLlmProcess::reset() {
  remember_unknown_prompts();
  control_call(base_url_, "POST", "/__control/reset");
}

std::vector<std::string> MockLlmProcess::unknown_prompts() {
  remember_unknown_prompts();
  std::lock_guard lock(mutex_);
  return unknown_prompts_;
}

std::shared_ptr<MockLlmProcess> start_mock_llm(const TargetOptions& options, bool announce) {
  std::shared_ptr<MockLlmProcess> mock;
  try {
    mock = std::make_shared<MockLlmProcess>(
        (options.program_dir / "mock-llm").string(), options.mock_llm_port.value_or(0),
        options.llm_timeout_hold, ChildOutput{"mock-llm", options.output_log},
        options.llm_rules_file);
  } catch (const std::exception& error) {
    throw TargetUnavailable(error.what());
  }
  if (announce) {
    std::fprintf(stderr, "harness: mock LLM for the target: %s (OpenAI-compatible base URL)\n",
                 mock->v1_url().c_str());
  }
  return mock;
}

}  // namespace rm::harness
