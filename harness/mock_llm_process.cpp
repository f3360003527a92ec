#include "harness/mock_llm_process.hpp"

#include <stdexcept>

#include "harness/http_call.hpp"

namespace rm::harness {

MockLlmProcess::MockLlmProcess(const std::string& binary, int port) {
  child_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{binary, "--host", "127.0.0.1", "--port", std::to_string(port)});
  const auto line = child_->read_line_with("listening on", std::chrono::seconds(30));
  const auto url = line ? listening_url(*line) : std::nullopt;
  if (!url) {
    throw std::runtime_error("mock-llm (" + binary + ") did not start on port " +
                             std::to_string(port) + "; it printed: " + child_->output());
  }
  base_url_ = *url;
}

std::int64_t MockLlmProcess::calls() {
  const Json body = control_call(base_url_, "GET", "/__control/calls");
  return body.value("total", std::int64_t{0});
}

std::int64_t MockLlmProcess::health_probes() {
  const Json body = control_call(base_url_, "GET", "/__control/calls");
  return body.contains("calls") ? body["calls"].value("health", std::int64_t{0}) : 0;
}

void MockLlmProcess::reset() { control_call(base_url_, "POST", "/__control/reset"); }

}  // namespace rm::harness
