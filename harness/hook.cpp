#include "harness/hook.hpp"

namespace rm::harness {

const char* hook_name(Hook hook) {
  switch (hook) {
    case Hook::kLlm:
      return "llm";
    case Hook::kStore:
      return "store";
    case Hook::kStoreGate:
      return "store_gate";
    case Hook::kFixtureDb:
      return "fixture_db";
    case Hook::kSchedule:
      return "schedule";
  }
  return "unknown";
}

std::optional<Hook> parse_hook(std::string_view name) {
  for (Hook hook : kAllHooks) {
    if (name == hook_name(hook)) return hook;
  }
  return std::nullopt;
}

}  // namespace rm::harness
