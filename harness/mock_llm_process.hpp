#pragma once
// The harness's own mock-llm process, and its control API: llm rules, gates,
// journal and call counts (GET /__control/calls).
#include <memory>
#include <optional>
#include <string>

#include "harness/child_process.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

class MockLlmProcess {
 public:
  // Starts `binary` on 127.0.0.1:`port` (0 = a free port). Throws
  // std::runtime_error with what it printed when it does not come up.
  MockLlmProcess(const std::string& binary, int port);

  const std::string& base_url() const { return base_url_; }  // http://127.0.0.1:P
  std::string v1_url() const { return base_url_ + "/v1"; }   // what a target is given

  // Completion calls since the last reset (health probes and unrecognised excluded).
  std::int64_t calls();
  // GET /v1/models probes since the last reset.
  std::int64_t health_probes();
  void reset();

 private:
  std::unique_ptr<ChildProcess> child_;
  std::string base_url_;
};

}  // namespace rm::harness
