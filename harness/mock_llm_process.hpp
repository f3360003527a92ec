#pragma once
// The harness's own mock-llm process, and its control API: llm rules, gates,
// journal and call counts (GET /__control/calls).
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/child_process.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

struct TargetOptions;

class MockLlmProcess {
 public:
  // Starts `binary` on 127.0.0.1:`port` (0 = a free port), holding `timeout`
  // faults at most `timeout_hold`. Throws std::runtime_error with what it printed
  // when it does not come up.
  MockLlmProcess(const std::string& binary, int port, std::chrono::milliseconds timeout_hold,
                 ChildOutput output = {}, const std::string& rules_file = {});

  const std::string& base_url() const { return base_url_; }  // http://127.0.0.1:P
  std::string v1_url() const { return base_url_ + "/v1"; }   // what a target is given

  // GET /__control/calls: {"calls": {operation: n}, "total": n, "requests": n}.
  Json call_counts();
  // Every request of the target to /v1/* since the last reset (any operation,
  // health checks, unknown prompts, model listings).
  std::int64_t requests();
  // Calls held right now (timeout faults, gates, delays).
  std::int64_t held();
  // Resets its plan, journal and counts (remembering the prompts it did not
  // recognise so far).
  void reset();
  // The start of each distinct prompt it answered as `unknown` since it started.
  std::vector<std::string> unknown_prompts();

 private:
  void remember_unknown_prompts();
  std::unique_ptr<ChildProcess> child_;
  std::string base_url_;
  std::mutex mutex_;
  std::vector<std::string> unknown_prompts_;
};

// The mock-llm of an HTTP target, from `options` (binary in program_dir, port,
// timeout hold, output log). Throws TargetUnavailable when it does not start.
// `announce`: print its base URL on stderr, for a target the harness does not
// configure itself.
std::shared_ptr<MockLlmProcess> start_mock_llm(const TargetOptions& options, bool announce);

}  // namespace rm::harness
