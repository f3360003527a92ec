#pragma once
// `process`: reference-server started by the harness on a free port with
// --fault-control, --data-dir (a fresh temporary dir) and --llm pointing at a
// mock-llm the harness also starts. Every hook is available. A restart keeps the
// data dir; a fixture is written into a fresh data dir before a restart.
#include <filesystem>
#include <memory>
#include <optional>

#include "harness/child_process.hpp"
#include "harness/data_dir.hpp"
#include "harness/http_target.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {

class ProcessTarget : public HttpTarget {
 public:
  // Throws TargetUnavailable when mock-llm or reference-server does not start.
  explicit ProcessTarget(const TargetOptions& options);
  ~ProcessTarget() override;

  std::string describe() const override;
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) override;
  void restart() override;

  // Total time one LLM call may take in the server (a `timeout` fault costs this).
  static constexpr int kLlmTimeoutMs = 3000;
  // I/O threads of the server. HttpServer runs handlers on a worker pool, so a
  // request held at a gate never blocks other connections: a few threads do.
  static constexpr int kServerThreads = 4;

 protected:
  HookStatus fixture_hook() override { return {true, ""}; }

 private:
  void start();

  std::filesystem::path program_dir_;
  std::optional<Issue> defect_;
  std::shared_ptr<OutputLog> output_log_;
  ScratchDir data_dir_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace rm::harness
