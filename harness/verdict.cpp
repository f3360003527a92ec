#include "harness/verdict.hpp"

#include <array>
#include <utility>

namespace rm::harness {
namespace {

constexpr std::array<std::pair<Verdict, const char*>, 5> kNames{{
    {Verdict::kPass, "pass"},
    {Verdict::kFail, "fail"},
    {Verdict::kNotTestable, "not_testable"},
    {Verdict::kNotObserved, "not_observed"},
    {Verdict::kError, "error"},
}};

}  // namespace

const char* verdict_name(Verdict verdict) {
  for (const auto& [value, name] : kNames) {
    if (value == verdict) return name;
  }
  return "error";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (const auto& [value, text] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace rm::harness
