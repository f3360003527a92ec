#pragma once
// ResumeData: the Python backend's pydantic model, as JSON. Validation fills every
// default (the model_dump that the preview hash is computed over) and names the
// first field of the wrong type.
#include <optional>
#include <string>

#include "reference/ports/document.hpp"

namespace rm {

struct ResumeDataCheck {
  Json data;                     // full model dump (every default filled) when valid
  std::optional<std::string> error;  // e.g. "workExperience[0].description: expected a list of strings"
  bool ok() const { return !error.has_value(); }
};

// Validates `input` as ResumeData. Missing fields take their defaults
// ("" / [] / null / {}); a field of the wrong JSON type, or a sectionType outside
// personalInfo|text|itemList|stringList, is an error naming the field path.
// Unknown keys are dropped (pydantic's default).
ResumeDataCheck validate_resume_data(const Json& input);

// The six default sections (personalInfo, summary, workExperience, education,
// personalProjects, additional) as the backend's DEFAULT_SECTION_META.
Json default_section_meta();

// What the backend does on read (normalize_resume_data): a record whose
// sectionMeta is missing or empty gets the six default sections.
Json with_default_section_meta(Json resume_data);

}  // namespace rm
