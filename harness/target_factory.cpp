#include "harness/target_factory.hpp"

#include "harness/command_target.hpp"
#include "harness/embedded_target.hpp"
#include "harness/process_target.hpp"
#include "harness/url_target.hpp"

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

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string target_arguments(const TargetOptions& options) {
  std::string text;
  switch (options.kind) {
    case TargetKind::kEmbedded:
      text = "--target embedded";
      break;
    case TargetKind::kProcess:
      text = "--target process";
      break;
    case TargetKind::kCommand:
      text = "--target-cmd " + shell_quote(options.command);
      break;
    case TargetKind::kUrl:
      text = "--target " + options.url;
      break;
  }
  if (options.mock_llm_port) text += " --mock-llm-port " + std::to_string(*options.mock_llm_port);
  return text;
}

std::unique_ptr<Target> make_target(const TargetOptions& options) {
  switch (options.kind) {
    case TargetKind::kEmbedded:
      return std::make_unique<EmbeddedTarget>(DefectSwitch(options.defect));
    case TargetKind::kProcess:
      return std::make_unique<ProcessTarget>(options);
    case TargetKind::kCommand:
      return std::make_unique<CommandTarget>(options);
    case TargetKind::kUrl:
      return std::make_unique<UrlTarget>(options);
  }
  throw TargetUnavailable("target kind '" + std::string(target_kind_name(options.kind)) +
                          "' is not available in this build yet (use --target embedded)");
}

}  // namespace rm::harness
