#include "harness/target_factory.hpp"

#include "harness/embedded_target.hpp"

namespace rm::harness {

std::string_view target_kind_name(TargetKind kind) {
  switch (kind) {
    case TargetKind::kEmbedded:
      return "embedded";
    case TargetKind::kProcess:
      return "process";
    case TargetKind::kCommand:
      return "command";
    case TargetKind::kUrl:
      return "url";
  }
  return "unknown";
}

std::unique_ptr<Target> make_target(const TargetOptions& options) {
  switch (options.kind) {
    case TargetKind::kEmbedded:
      return std::make_unique<EmbeddedTarget>(DefectSwitch(options.defect));
    case TargetKind::kProcess:
    case TargetKind::kCommand:
    case TargetKind::kUrl:
      break;
  }
  throw TargetUnavailable("target kind '" + std::string(target_kind_name(options.kind)) +
                          "' is not available in this build yet (use --target embedded)");
}

}  // namespace rm::harness
