#pragma once
// `url`: any server already running at a base URL. The harness starts its own
// mock-llm (on --mock-llm-port when given, so that the target can be configured
// with its URL before the run) and prints the base URL the target must use.
// Store hooks only if the target answers GET {url}/__control/plan with 200; the
// llm hook only if the target's LLM calls reach the mock (probed through its
// health endpoint); never a fixture (the harness does not own its lifecycle).
#include <memory>

#include "harness/http_target.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {

class UrlTarget : public HttpTarget {
 public:
  explicit UrlTarget(const TargetOptions& options);

  std::string describe() const override;
  // Clears both plans and call counts; empties the store through the control API,
  // or without one deletes every listed resume through the API (best effort: jobs
  // and improvement records stay).
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) override;
  // Throws std::runtime_error: the harness cannot restart a server it did not start.
  void restart() override;

 protected:
  HookStatus fixture_hook() override;

 private:
  void delete_all_resumes();
};

}  // namespace rm::harness
