#pragma once
// Private helpers shared by the service's endpoint files: logging, the StoreError
// guard, the settings the endpoints read, and the JSON truthiness the Python
// backend's `if not x` checks rely on.
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"
#include "reference/ports/store.hpp"
#include "reference/service/outcome.hpp"

namespace rm::service_detail {

// One line on stderr ("[resume-service] WARNING: ..."); lines from concurrent
// requests do not interleave.
void log_line(std::string_view level, std::string_view message);
inline void log_warning(std::string_view message) { log_line("WARNING", message); }
inline void log_error(std::string_view message) { log_line("ERROR", message); }

// The detail of a 500 caused by the store: generic, never the store's own text.
inline constexpr const char* kStorageFailureDetail =
    "The request could not be completed because of a storage error. Please try again.";

// Runs `body` (returning Outcome<T>); a StoreError becomes a 500 with a generic
// detail, its text going to the log only.
template <class T, class F>
Outcome<T> guarded(std::string_view action, F&& body) {
  try {
    return body();
  } catch (const StoreError& e) {
    log_error(std::string(action) + ": storage error: " + e.what());
    return internal_error(kStorageFailureDetail);
  }
}

// Python truthiness of a stored value: null, false, 0, "", [] and {} are false.
bool truthy(const Json& value);
// document[key] when present, else `fallback`.
Json field_or(const Json& document, const char* key, const Json& fallback);
// document[key] when it is a string, else `fallback`.
std::string string_field(const Json& document, const char* key, const std::string& fallback = "");

// `text` without leading and trailing whitespace (Python's str.strip()).
std::string trimmed(const std::string& text);

// The improve prompt options of the backend's prompts/templates.py.
inline constexpr const char* kDefaultPromptId = "keywords";
Json prompt_options();  // [{id, label, description}]
bool is_prompt_id(std::string_view id);
// ui_language / content_language values the config endpoints accept.
const std::vector<std::string>& supported_languages();
bool is_supported_language(std::string_view language);

// What the endpoints read from the settings object.
struct ServiceSettings {
  bool enable_cover_letter = false;
  bool enable_outreach_message = false;
  std::string content_language = "en";
  std::string ui_language = "en";
  std::string default_prompt_id = kDefaultPromptId;
};
ServiceSettings read_settings(const Json& stored);

// The resume's structured data as the backend's _get_original_resume_data:
// processed_data, else the content parsed as JSON when content_type is "json";
// null when neither gives a non-empty object.
Json original_resume_data(const Document& resume);

// sha256 of the job description (the keyword cache's job_keywords_hash).
std::string job_content_hash(const std::string& content);

}  // namespace rm::service_detail
