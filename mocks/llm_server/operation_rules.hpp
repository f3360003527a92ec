#pragma once
// How mock-llm tells operations apart when a client sends no X-Operation header:
// an ordered list of regex rules over the chat messages; the first rule whose
// pattern is found (std::regex_search, ECMAScript) in a message of its role names
// the operation. The default set recognises the Python backend's prompts
// (app/prompts/templates.py, refinement.py; app/services/*.py).
//
// Rules file (--rules FILE): a JSON array of
//   {"operation": "<llm_op name>", "pattern": "<regex>", "role": "user"|"system"|"any",
//    "args": {"prompt_id": "nudge"}}
// role defaults to "any"; args (optional) are the fault-plan arguments the rule
// implies, e.g. which improve prompt was used.
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

struct ChatMessage {
  std::string role;
  std::string content;
};

struct OperationRule {
  std::string operation;
  std::string pattern;
  std::string role = "any";
  std::map<std::string, std::string> args;
  std::regex regex;
};

struct Classified {
  std::string operation;
  std::map<std::string, std::string> args;
};

class OperationRules {
 public:
  // Throws std::invalid_argument naming the entry and field on a bad document.
  static OperationRules from_json(const Json& json);
  static OperationRules defaults();
  // The default rules as the JSON document a --rules file holds.
  static Json default_json();

  std::optional<Classified> classify(const std::vector<ChatMessage>& messages) const;
  std::size_t size() const { return rules_.size(); }

 private:
  std::vector<OperationRule> rules_;
};

}  // namespace rm
