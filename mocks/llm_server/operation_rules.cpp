#include "mocks/llm_server/operation_rules.hpp"

#include <stdexcept>

#include "mocks/fault/fault_operations.hpp"

namespace rm {
namespace {

// Each pattern is anchored on the first words of one Python backend prompt.
constexpr const char* kExampleRules = R"json([
  {"operation": "parse_resume", "role": "user", "pattern": "^\\s*Parse this resume into JSON"},
  {"operation": "extract_keywords", "role": "user",
   "pattern": "^\\s*Extract job requirements as JSON"},
  {"operation": "improve", "role": "user", "args": {"prompt_id": "nudge"},
   "pattern": "^\\s*Lightly nudge this resume toward the job description"},
  {"operation": "improve", "role": "user", "args": {"prompt_id": "keywords"},
   "pattern": "^\\s*Enhance this resume with relevant keywords from the job description"},
  {"operation": "improve", "role": "user", "args": {"prompt_id": "full"},
   "pattern": "^\\s*Tailor this resume for the job"},
  {"operation": "refine", "role": "user",
   "pattern": "^\\s*Inject the following keywords into this resume"},
  {"operation": "cover_letter", "role": "user",
   "pattern": "^\\s*Write a brief cover letter for this job application"},
  {"operation": "outreach", "role": "user", "pattern": "^\\s*Generate a cold outreach message"}
])json";

std::invalid_argument bad(std::size_t index, const std::string& field, const std::string& problem) {
  return std::invalid_argument("rules[" + std::to_string(index) + "]." + field + ": " + problem);
}

}  // namespace

OperationRules OperationRules::from_json(const Json& json) {
  if (!json.is_array()) throw std::invalid_argument("rules: must be a JSON array");
  OperationRules rules;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const Json& entry = json[i];
    if (!entry.is_object()) throw bad(i, "", "must be an object");
    for (const auto& [key, value] : entry.items()) {
      if (key != "operation" && key != "pattern" && key != "role" && key != "args") {
        throw bad(i, key, "unknown field");
      }
    }
    OperationRule rule;
    if (!entry.contains("operation") || !entry["operation"].is_string()) {
      throw bad(i, "operation", "must be a string");
    }
    rule.operation = entry["operation"].get<std::string>();
    if (!is_operation(FaultComponent::kLlm, rule.operation) || rule.operation == "unknown") {
      throw bad(i, "operation", "unknown llm operation '" + rule.operation + "'");
    }
    if (!entry.contains("pattern") || !entry["pattern"].is_string()) {
      throw bad(i, "pattern", "must be a string");
    }
    rule.pattern = entry["pattern"].get<std::string>();
    try {
      rule.regex = std::regex(rule.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      throw bad(i, "pattern", std::string("invalid regex: ") + error.what());
    }
    if (entry.contains("role")) {
      if (!entry["role"].is_string()) throw bad(i, "role", "must be a string");
      rule.role = entry["role"].get<std::string>();
      if (rule.role != "user" && rule.role != "system" && rule.role != "any") {
        throw bad(i, "role", "must be user, system or any");
      }
    }
    if (entry.contains("args")) {
      if (!entry["args"].is_object()) throw bad(i, "args", "must be an object of strings");
      for (const auto& [key, value] : entry["args"].items()) {
        if (!value.is_string()) throw bad(i, "args." + key, "must be a string");
        rule.args[key] = value.get<std::string>();
      }
    }
    rules.rules_.push_back(std::move(rule));
  }
  return rules;
}

Json OperationRules::example_json() { return Json::parse(kExampleRules); }

std::optional<Classified> OperationRules::classify(const std::vector<ChatMessage>& messages) const {
  for (const OperationRule& rule : rules_) {
    for (const ChatMessage& message : messages) {
      if (rule.role != "any" && rule.role != message.role) continue;
      if (std::regex_search(message.content, rule.regex)) {
        return Classified{rule.operation, rule.args};
      }
    }
  }
  return std::nullopt;
}

}  // namespace rm
