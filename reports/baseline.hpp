#pragma once
// A baseline: the scenarios a target is known to fail, each with its reason and an
// optional expiry date, so that a run against an implementation that knowingly
// fails some issues (the audited Python backend fails most) still gates on what
// matters: a new failure. Written from a run's results.json
// (`harness baseline write`), read by `harness run --baseline FILE`.
//
// File (docs/harness.md, "Baselines"):
//   {"schema": 1, "target": "command http://...", "known_failures": [
//     {"issue": "API-001", "scenario": "parse_throw_reports_failed", "verdict": "fail",
//      "reason": "the upload says successfully processed", "expires": "2027-03-31"}]}
// `expires` (optional, YYYY-MM-DD): from that day on the entry no longer excuses
// the failure.
#include <optional>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::harness {

inline constexpr int kBaselineSchema = 1;

struct KnownFailure {
  std::string issue;
  std::string scenario;
  std::string verdict;  // "fail" or "error"
  std::string reason;
  std::optional<std::string> expires;
};

struct Baseline {
  std::string target;
  std::vector<KnownFailure> known;
};

// The fail and error scenarios of a results.json, their reason the first MUST
// finding (or the verdict's reason).
Baseline baseline_from_results(const Json& results);
Json baseline_json(const Baseline& baseline);
// Throws std::invalid_argument naming the field that is wrong.
Baseline parse_baseline(const Json& json);

struct BaselineCheck {
  std::vector<std::string> new_failures;  // failing, and not excused by an entry
  std::vector<std::string> known;         // failing as an entry says
  std::vector<std::string> fixed;         // an entry's scenario ran and did not fail
  std::vector<std::string> expired;       // failing, its entry expired (also a new failure)
  bool new_error = false;                 // some new failure is an `error`

  // 2 a new error, 1 a new failure (or, with `strict`, a fixed entry), 0 otherwise.
  int exit_code(bool strict) const;
};

// `today`: YYYY-MM-DD, compared with the entries' expiry dates.
BaselineCheck check_against_baseline(const Json& results, const Baseline& baseline,
                                     const std::string& today);
// The lines the CLI prints for it.
std::string describe(const BaselineCheck& check, bool strict);
// Today's date as YYYY-MM-DD (UTC).
std::string today_utc();

}  // namespace rm::harness
