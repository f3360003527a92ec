#include "harness/issue_catalog.hpp"

namespace rm::harness {

const std::vector<IssueInfo>& issue_catalog() {
  static const std::vector<IssueInfo> catalog = {
      {"API-001", "upload parse failure"},
      {"API-002", "concurrent first uploads"},
      {"API-003", "set master on a missing id"},
      {"API-004", "cache / preview-hash write failures"},
      {"API-005", "legacy records without processing_status"},
      {"API-006", "personal info preservation"},
      {"API-007", "diff failure"},
      {"API-008", "refinement failure"},
      {"API-009", "cover letter / outreach failure"},
      {"API-010", "preview hashes"},
      {"API-011", "updates that match nothing"},
      {"API-012", "improvement record not found"},
      {"API-013", "confirm validation and atomicity"},
  };
  return catalog;
}

std::string issue_title(const std::string& id) {
  for (const IssueInfo& issue : issue_catalog()) {
    if (issue.id == id) return issue.title;
  }
  return {};
}

}  // namespace rm::harness
