#pragma once
// What an llm fault puts in place of the model's answer, and the error texts of
// the failing ones. Shared by FaultyLlm (in-process) and the mock-llm server
// (over HTTP), so that both misbehave identically.
#include <cstdint>
#include <string>
#include <string_view>

namespace rm {

// non_json: prose with no JSON object in it.
std::string non_json_answer(std::string_view operation);
// truncated_json: the first half of the real answer (cut on a UTF-8 boundary).
std::string truncated_answer(std::string_view real_answer);
// schema_invalid: a JSON object whose fields have the wrong types for the
// operation's schema, e.g. {"personalInfo": "x", "workExperience": 7}
// ({"new_skills": "x", "change_summary": 7} and the like for the enrichment calls).
std::string schema_invalid_answer(std::string_view operation);
// wrong_but_valid: the real answer, still schema-valid, with invented contact
// details (name, email, phone) and invented skills; for extract_keywords, with
// invented required skills and keywords; for the enrichment calls an invented
// item (analyze), bullet (enhance, regenerate_item) or skills (regenerate_skills).
// Built from scratch when the real answer holds no JSON object.
std::string wrong_but_valid_answer(std::string_view operation, std::string_view real_answer);

// The name, email and phone wrong_but_valid writes, so a test can look for them.
inline constexpr const char* kInventedName = "Jordan Fabricated";
inline constexpr const char* kInventedEmail = "jordan.fabricated@invented.example";
inline constexpr const char* kInventedPhone = "+1-555-0199";
inline constexpr const char* kInventedSkill = "Quantum Blockchain Orchestration";

// Error texts. rate_limited carries the Retry-After seconds in a fixed,
// parseable form: "... retry_after=N".
std::string rate_limited_message(std::int64_t retry_after_seconds);
std::string server_error_message(int status);
std::string timeout_message(std::string_view operation);
std::string failure_message(std::string_view operation);

}  // namespace rm
