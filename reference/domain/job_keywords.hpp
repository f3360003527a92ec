#pragma once
// Job keywords as the LLM extracts them, and what the resume does with them.
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

// All keywords of an extraction result ({"required_skills":[], "preferred_skills":[],
// "keywords":[], ...}), de-duplicated case-insensitively, in order of appearance.
std::vector<std::string> keyword_list(const Json& job_keywords);

// The keywords that appear nowhere in the resume's text (case-insensitive).
std::vector<std::string> missing_keywords(const Json& resume_data,
                                          const std::vector<std::string>& keywords);

// Share of keywords present in the resume, 0..100 (100 when there are none).
double keyword_match_percentage(const Json& resume_data, const std::vector<std::string>& keywords);

// [{suggestion, lineNumber: null}] — one suggestion per keyword the improved
// resume now covers that the original did not, or a single generic one.
Json improvement_suggestions(const Json& original, const Json& improved,
                             const std::vector<std::string>& keywords);

}  // namespace rm
