#pragma once
// The thirteen fault contracts of contract section 2, by id and title, for the
// reports (every report lists all thirteen, run or not).
#include <string>
#include <vector>

namespace rm::harness {

struct IssueInfo {
  std::string id;     // "API-001"
  std::string title;  // "upload parse failure"
};

// API-001 ... API-013, in order.
const std::vector<IssueInfo>& issue_catalog();
// The title of `id` ("" when unknown).
std::string issue_title(const std::string& id);

}  // namespace rm::harness
