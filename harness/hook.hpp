#pragma once
// The hooks a target may offer a scenario (docs/harness.md, "Hooks"). Its own
// header so that the run's results (run_result.hpp) can name them without the
// Target interface.
#include <optional>
#include <string_view>

namespace rm::harness {

enum class Hook {
  kLlm,        // the target's LLM calls reach a mock LLM whose plan we control
  kStore,      // store/converter fault rules and reading the stored tables
  kStoreGate,  // store operations can be held at named gates
  kFixtureDb,  // the target can be (re)started on a database.json we write
  kSchedule,   // schedule points around store operations and LLM calls (exploration)
};

inline constexpr Hook kAllHooks[] = {Hook::kLlm, Hook::kStore, Hook::kStoreGate, Hook::kFixtureDb,
                                     Hook::kSchedule};

const char* hook_name(Hook hook);  // "llm", "store", "store_gate", "fixture_db", "schedule"
std::optional<Hook> parse_hook(std::string_view name);

}  // namespace rm::harness
