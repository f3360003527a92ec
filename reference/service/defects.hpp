#pragma once
// The per-issue defect switch. The reference implements all thirteen fixes; for
// proving that a scenario can fail, exactly one audited defect can be re-enabled
// (reference-server --defect API-007). Each defect's code lives behind
// `defects.on(Issue::kApiNNN)` at the one place that issue concerns.
#include <optional>
#include <string>
#include <string_view>

namespace rm {

enum class Issue {
  kApi001 = 1,
  kApi002,
  kApi003,
  kApi004,
  kApi005,
  kApi006,
  kApi007,
  kApi008,
  kApi009,
  kApi010,
  kApi011,
  kApi012,
  kApi013,
};

inline constexpr int kIssueCount = 13;

// "API-007" for Issue::kApi007.
std::string issue_id(Issue issue);
// Parses "API-007" (case-insensitive, "API007" and "7" accepted); nullopt otherwise.
std::optional<Issue> parse_issue_id(std::string_view text);

class DefectSwitch {
 public:
  DefectSwitch() = default;
  explicit DefectSwitch(std::optional<Issue> enabled) : enabled_(enabled) {}
  bool on(Issue issue) const { return enabled_ == issue; }
  std::optional<Issue> enabled() const { return enabled_; }

 private:
  std::optional<Issue> enabled_;
};

}  // namespace rm
