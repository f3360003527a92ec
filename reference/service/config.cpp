// GET/PUT /config/features, /config/language, /config/prompts.
#include <functional>

#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

namespace {

Json features_of(const ServiceSettings& settings) {
  return Json{{"enable_cover_letter", settings.enable_cover_letter},
              {"enable_outreach_message", settings.enable_outreach_message}};
}

Json language_of(const ServiceSettings& settings) {
  return Json{{"ui_language", settings.ui_language},
              {"content_language", settings.content_language},
              {"supported_languages", supported_languages()}};
}

Json prompts_of(const ServiceSettings& settings) {
  return Json{{"default_prompt_id", settings.default_prompt_id},
              {"prompt_options", prompt_options()}};
}

// A field of a PUT body: absent or null means "leave it alone"; 422 when it has
// another JSON type than `is_type` accepts.
std::optional<Failure> check_field(const Json& body, const char* key, bool (Json::*is_type)() const,
                                   const char* type_name) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null() || ((*it).*is_type)()) return std::nullopt;
  return unprocessable(std::string(key) + ": expected " + type_name);
}

std::string supported_list(const std::vector<std::string>& values) {
  std::string text = "[";
  for (const auto& value : values) text += (text.size() > 1 ? ", '" : "'") + value + "'";
  return text + "]";
}

// Loads, changes and saves the settings object under the settings mutex, then
// answers with `present` applied to the saved settings.
Outcome<Json> change_settings(SettingsStore& store, std::mutex& mutex,
                              const std::function<void(Json&)>& change,
                              Json (*present)(const ServiceSettings&)) {
  try {
    const std::lock_guard lock(mutex);
    Json stored = store.load();
    if (!stored.is_object()) stored = Json::object();
    change(stored);
    store.save(stored);
    return present(read_settings(stored));
  } catch (const std::exception& e) {
    log_error(std::string("settings could not be saved: ") + e.what());
    return internal_error("The settings could not be saved. Please try again.");
  }
}

}  // namespace

Json ResumeService::get_features() { return features_of(read_settings(load_settings())); }

Outcome<Json> ResumeService::put_features(const Json& body) {
  if (!body.is_object()) return unprocessable("body: expected an object");
  for (const char* key : {"enable_cover_letter", "enable_outreach_message"}) {
    if (auto failure = check_field(body, key, &Json::is_boolean, "a boolean")) return *failure;
  }
  return change_settings(
      *ports_.settings, settings_mutex_,
      [&](Json& stored) {
        for (const char* key : {"enable_cover_letter", "enable_outreach_message"}) {
          if (body.contains(key) && body[key].is_boolean()) stored[key] = body[key];
        }
      },
      features_of);
}

Json ResumeService::get_language() { return language_of(read_settings(load_settings())); }

Outcome<Json> ResumeService::put_language(const Json& body) {
  if (!body.is_object()) return unprocessable("body: expected an object");
  const std::pair<const char*, const char*> fields[] = {{"ui_language", "UI language"},
                                                        {"content_language", "content language"}};
  for (const auto& [key, label] : fields) {
    if (auto failure = check_field(body, key, &Json::is_string, "a string")) return *failure;
    if (body.contains(key) && body[key].is_string() &&
        !is_supported_language(body[key].get<std::string>())) {
      return bad_request(std::string("Unsupported ") + label + ": " + body[key].get<std::string>() +
                         ". Supported: " + supported_list(supported_languages()));
    }
  }
  return change_settings(
      *ports_.settings, settings_mutex_,
      [&](Json& stored) {
        for (const auto& [key, label] : fields) {
          if (body.contains(key) && body[key].is_string()) stored[key] = body[key];
        }
      },
      language_of);
}

Json ResumeService::get_prompts() { return prompts_of(read_settings(load_settings())); }

Outcome<Json> ResumeService::put_prompts(const Json& body) {
  if (!body.is_object()) return unprocessable("body: expected an object");
  if (auto failure = check_field(body, "default_prompt_id", &Json::is_string, "a string")) {
    return *failure;
  }
  const bool given = body.contains("default_prompt_id") && body["default_prompt_id"].is_string();
  if (given && !is_prompt_id(body["default_prompt_id"].get<std::string>())) {
    return bad_request("Unsupported prompt id: " + body["default_prompt_id"].get<std::string>() +
                       ". Supported: " + supported_list({"full", "keywords", "nudge"}));
  }
  return change_settings(
      *ports_.settings, settings_mutex_,
      [&](Json& stored) {
        if (given) stored["default_prompt_id"] = body["default_prompt_id"];
      },
      prompts_of);
}

}  // namespace rm
