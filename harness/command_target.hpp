#pragma once
// `command`: any implementation started by a command template, e.g.
//   --target-cmd './start.sh {port} {llm_url} {data_dir}'
// The harness owns its lifecycle: a free port, its own mock-llm's URL and a
// fresh data dir are substituted, the command runs under /bin/sh in its own
// process group, and the target is ready when GET /api/v1/health answers. A
// fixture database.json is written into a fresh data dir before a (re)start.
// Store hooks only if the started server answers the fault-control API; without
// it, a reset restarts the command on a fresh data dir.
#include <filesystem>
#include <memory>

#include "harness/child_process.hpp"
#include "harness/data_dir.hpp"
#include "harness/http_target.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {

class CommandTarget : public HttpTarget {
 public:
  explicit CommandTarget(const TargetOptions& options);
  ~CommandTarget() override;

  std::string describe() const override;
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) override;
  void restart() override;

  // The command with {port}, {llm_url} and {data_dir} replaced (each occurrence).
  static std::string expand(const std::string& command_template, int port,
                            const std::string& llm_url, const std::string& data_dir);

 protected:
  HookStatus fixture_hook() override { return {true, ""}; }

 private:
  void start();

  std::string template_;
  std::shared_ptr<OutputLog> output_log_;
  ScratchDir data_dir_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace rm::harness
