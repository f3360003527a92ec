#pragma once
// What changed between the original and the improved ResumeData, in the shapes
// of the backend's ResumeDiffSummary and ResumeFieldDiff.
#include "reference/ports/document.hpp"

namespace rm {

struct ResumeDiff {
  // {total_changes, skills_added, skills_removed, descriptions_modified,
  //  certifications_added, high_risk_changes}
  Json summary;
  // [{field_path, field_type, change_type, original_value, new_value, confidence}]
  Json detailed_changes;
};

// Both inputs are full ResumeData model dumps. Throws std::invalid_argument when
// either is not a ResumeData-shaped object.
ResumeDiff calculate_resume_diff(const Json& original, const Json& improved);

}  // namespace rm
