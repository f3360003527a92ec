#pragma once
// `harness diff OLD/results.json NEW/results.json`: what changed between two runs,
// scenario by scenario (issue and name): new failures (fail or error now, not
// before), fixed ones (fail or error before, pass now), other changed verdicts,
// and scenarios only one run has. A regression (a new failure) exits 1.
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::harness {

struct ResultsDiff {
  std::vector<std::string> new_failures;  // "API-007/name: pass -> fail (first MUST)"
  std::vector<std::string> fixed;         // "API-005/name: fail -> pass"
  std::vector<std::string> changed;       // any other verdict change
  std::vector<std::string> only_old;      // ran before, not now
  std::vector<std::string> only_new;      // runs now, did not before
  bool regression() const { return !new_failures.empty(); }
};

ResultsDiff diff_results(const Json& old_results, const Json& new_results);
std::string describe(const ResultsDiff& diff);

}  // namespace rm::harness
