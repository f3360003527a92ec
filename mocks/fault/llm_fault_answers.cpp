#include "mocks/fault/llm_fault_answers.hpp"

#include <optional>

#include "reference/ports/document.hpp"

namespace rm {
namespace {

// The model's JSON object: the whole text, or its outermost {...} (fences, prose).
std::optional<Json> json_in(std::string_view text) {
  Json whole = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded() && whole.is_object()) return whole;
  auto open = text.find('{');
  auto close = text.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::nullopt;
  }
  Json inner = Json::parse(text.substr(open, close - open + 1), nullptr, false);
  if (inner.is_discarded() || !inner.is_object()) return std::nullopt;
  return inner;
}

Json& object_member(Json& parent, const char* key) {
  if (!parent.contains(key) || !parent.at(key).is_object()) parent[key] = Json::object();
  return parent[key];
}

void append_invented(Json& parent, const char* key) {
  if (!parent.contains(key) || !parent.at(key).is_array()) parent[key] = Json::array();
  parent[key].push_back(kInventedSkill);
  parent[key].push_back("Hyperdimensional COBOL");
}

}  // namespace

std::string non_json_answer(std::string_view operation) {
  return "I'm sorry, but I can't provide the " + std::string(operation) +
         " result in the requested format right now. In short: the candidate looks like a "
         "strong fit, with solid experience and relevant skills.";
}

std::string truncated_answer(std::string_view real_answer) {
  std::size_t cut = real_answer.size() / 2;
  // Back up over UTF-8 continuation bytes so the text stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(real_answer[cut]) & 0xC0) == 0x80) --cut;
  return std::string(real_answer.substr(0, cut));
}

std::string schema_invalid_answer(std::string_view operation) {
  if (operation == "extract_keywords") {
    return Json{
        {"required_skills", "x"}, {"preferred_skills", 7}, {"keywords", {{"not", "a list"}}}}
        .dump();
  }
  if (operation == "enrichment_analyze") {
    return Json{{"items_to_enrich", "x"}, {"questions", 7}, {"analysis_summary", {1, 2}}}.dump();
  }
  if (operation == "enrichment_enhance") return Json{{"additional_bullets", "x"}}.dump();
  if (operation == "enrichment_regenerate_item") {
    return Json{{"new_bullets", "x"}, {"change_summary", 7}}.dump();
  }
  if (operation == "enrichment_regenerate_skills") {
    return Json{{"new_skills", "x"}, {"change_summary", 7}}.dump();
  }
  return Json{{"personalInfo", "x"}, {"workExperience", 7}}.dump();
}

std::string wrong_but_valid_answer(std::string_view operation, std::string_view real_answer) {
  Json data = json_in(real_answer).value_or(Json::object());
  if (operation == "enrichment_analyze") {
    // An item the resume does not have.
    if (!data.contains("items_to_enrich") || !data.at("items_to_enrich").is_array()) {
      data["items_to_enrich"] = Json::array();
    }
    data["items_to_enrich"].push_back(Json{{"item_id", "exp_99"},
                                           {"item_type", "experience"},
                                           {"title", "Chief Quantum Officer"},
                                           {"subtitle", "Invented Corp"},
                                           {"current_description", Json::array()},
                                           {"weakness_reason", "Invented by the fault plan"}});
    return data.dump();
  }
  if (operation == "enrichment_enhance" || operation == "enrichment_regenerate_item") {
    const char* key = operation == "enrichment_enhance" ? "additional_bullets" : "new_bullets";
    if (!data.contains(key) || !data.at(key).is_array()) data[key] = Json::array();
    data[key].push_back(std::string("Led ") + kInventedSkill + " for 40 million users");
    return data.dump();
  }
  if (operation == "enrichment_regenerate_skills") {
    append_invented(data, "new_skills");
    return data.dump();
  }
  if (operation == "extract_keywords") {
    append_invented(data, "required_skills");
    append_invented(data, "keywords");
    if (!data.contains("preferred_skills") || !data.at("preferred_skills").is_array()) {
      data["preferred_skills"] = Json::array();
    }
    return data.dump();
  }
  Json& info = object_member(data, "personalInfo");
  info["name"] = kInventedName;
  info["email"] = kInventedEmail;
  info["phone"] = kInventedPhone;
  append_invented(object_member(data, "additional"), "technicalSkills");
  return data.dump();
}

std::string rate_limited_message(std::int64_t retry_after_seconds) {
  return "rate limited (HTTP 429, injected); retry_after=" + std::to_string(retry_after_seconds);
}

std::string server_error_message(int status) {
  return "server error (HTTP " + std::to_string(status) + ", injected)";
}

std::string timeout_message(std::string_view operation) {
  return "timed out waiting for the model (" + std::string(operation) + ", injected)";
}

std::string failure_message(std::string_view operation) {
  return "injected LLM failure in " + std::string(operation);
}

}  // namespace rm
