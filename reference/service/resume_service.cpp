// ResumeService construction and the helpers every endpoint file shares.
#include "reference/service/resume_service.hpp"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "reference/domain/preview_hash.hpp"
#include "reference/service/service_log.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

namespace service_detail {

namespace {
std::mutex& log_mutex() {
  static std::mutex mutex;
  return mutex;
}
ServiceLogSink& log_sink() {
  static ServiceLogSink sink;
  return sink;
}
}  // namespace

void log_line(std::string_view level, std::string_view message) {
  const std::string line =
      "[resume-service] " + std::string(level) + ": " + std::string(message) + "\n";
  const std::lock_guard lock(log_mutex());
  if (log_sink()) {
    log_sink()(line);
    return;
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

bool truthy(const Json& value) {
  if (value.is_null()) return false;
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return value != 0;
  // json::empty() is false for every string, so strings are checked themselves.
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  if (value.is_array() || value.is_object()) return !value.empty();
  return true;
}

Json field_or(const Json& document, const char* key, const Json& fallback) {
  if (!document.is_object()) return fallback;
  const auto it = document.find(key);
  return it == document.end() ? fallback : *it;
}

std::string string_field(const Json& document, const char* key, const std::string& fallback) {
  if (!document.is_object()) return fallback;
  const auto it = document.find(key);
  return it != document.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  return text.substr(first, last - first + 1);
}

Json prompt_options() {
  return Json::array({
      {{"id", "nudge"},
       {"label", "Light nudge"},
       {"description", "Minimal edits to better align existing experience."}},
      {{"id", "keywords"},
       {"label", "Keyword enhance"},
       {"description", "Blend in relevant keywords without changing role or scope."}},
      {{"id", "full"},
       {"label", "Full tailor"},
       {"description", "Comprehensive tailoring using the job description."}},
  });
}

bool is_prompt_id(std::string_view id) { return id == "nudge" || id == "keywords" || id == "full"; }

const std::vector<std::string>& supported_languages() {
  static const std::vector<std::string> languages{"en", "es", "zh", "ja", "pt"};
  return languages;
}

bool is_supported_language(std::string_view language) {
  const auto& all = supported_languages();
  return std::find(all.begin(), all.end(), language) != all.end();
}

ServiceSettings read_settings(const Json& stored) {
  ServiceSettings settings;
  const auto flag = [&](const char* key) {
    const Json value = field_or(stored, key, false);
    return value.is_boolean() && value.get<bool>();
  };
  settings.enable_cover_letter = flag("enable_cover_letter");
  settings.enable_outreach_message = flag("enable_outreach_message");
  // Like config.py: the legacy single "language" field is the fallback for both.
  const std::string legacy = string_field(stored, "language", "en");
  settings.content_language = string_field(stored, "content_language", legacy);
  settings.ui_language = string_field(stored, "ui_language", legacy);
  const std::string prompt = string_field(stored, "default_prompt_id", kDefaultPromptId);
  settings.default_prompt_id = is_prompt_id(prompt) ? prompt : kDefaultPromptId;
  return settings;
}

Json original_resume_data(const Document& resume) {
  Json data = field_or(resume, "processed_data", nullptr);
  if (!truthy(data) && string_field(resume, "content_type") == "json") {
    data = Json::parse(string_field(resume, "content"), nullptr, /*allow_exceptions=*/false);
    if (data.is_discarded()) {
      log_warning("stored JSON content of resume " + string_field(resume, "resume_id") +
                  " does not parse");
      data = nullptr;
    }
  }
  return data.is_object() && !data.empty() ? data : Json(nullptr);
}

std::string job_content_hash(const std::string& content) { return sha256_hex(content); }

}  // namespace service_detail

void set_service_log_sink(ServiceLogSink sink) {
  const std::lock_guard lock(service_detail::log_mutex());
  service_detail::log_sink() = std::move(sink);
}

using namespace service_detail;

ResumeService::ResumeService(ServicePorts ports, DefectSwitch defects)
    : ports_(std::move(ports)), defects_(defects) {}

Json ResumeService::load_settings() {
  try {
    const Json stored = ports_.settings ? ports_.settings->load() : Json::object();
    return stored.is_object() ? stored : Json::object();
  } catch (const std::exception& e) {
    log_warning(std::string("settings could not be read, using defaults: ") + e.what());
    return Json::object();
  }
}

// API-011: an update that matched nothing means the resume was deleted while the
// request was in flight; the client must not be told it succeeded.
std::optional<Failure> ResumeService::resume_gone(const std::optional<Document>& updated,
                                                  const std::string& resume_id) const {
  if (updated) return std::nullopt;
  log_warning("update of resume " + resume_id + " matched no record");
  if (defects_.on(Issue::kApi011)) return std::nullopt;  // audited: success reported anyway
  return not_found("Resume " + resume_id +
                   " no longer exists: it was deleted while this request was in progress.");
}

}  // namespace rm
