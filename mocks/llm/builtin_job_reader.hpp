#pragma once
// The builtin model's reading of a job description.
//
// Skills come from:
//  - label lines "Requirements: a, b", "Required skills: ...", "Must have: ...",
//    "Skills: ...", "Qualifications: ..." (-> required_skills) and "Preferred: ...",
//    "Nice to have: ...", "Bonus: ..." (-> preferred_skills); short comma/";"/" and "
//    separated items are taken as they are, long ones are searched for tech terms;
//  - bullets and lines under a heading of that kind ("Requirements", "## Nice to have");
//  - tech terms anywhere else (-> keywords): a fixed vocabulary (Python, Kubernetes,
//    C++, CI/CD, machine learning, ...) matched case-insensitively (exact case for
//    words that are also English, like Go, Rust, REST), plus capitalised tokens
//    that look technical (inner capitals, digits, + # or an inner dot: PostgreSQL,
//    OAuth2, Node.js; all-capital acronyms like AWS).
// Lists are de-duplicated case-insensitively across all three, in order of appearance.
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::builtin {

// {"required_skills":[], "preferred_skills":[], "keywords":[], "experience_requirements":[],
//  "education_requirements":[], "key_responsibilities":[]}
Json read_job_keywords(std::string_view job_description);

// Tech terms of `text` in order of appearance (canonical spelling, de-duplicated).
std::vector<std::string> tech_terms(std::string_view text);

// The role: the job description's first non-empty line without markup, cut at the
// end of its first sentence and at 80 bytes. "the role" when there is none.
std::string job_role(std::string_view job_description);

}  // namespace rm::builtin
