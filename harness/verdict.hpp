#pragma once
// The contract's verdicts (section 4).
#include <optional>
#include <string>
#include <string_view>

namespace rm::harness {

enum class Verdict {
  kPass,
  kFail,
  kNotTestable,  // a needed hook is missing; the reason names it
  kNotObserved,  // statistical race run with no violation seen: never a pass
  kError,        // the target could not be driven
};

const char* verdict_name(Verdict verdict);  // "pass", "fail", "not_testable", ...
std::optional<Verdict> parse_verdict(std::string_view name);

}  // namespace rm::harness
