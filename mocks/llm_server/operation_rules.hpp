#pragma once
// The user's own operation rules (mock-llm --rules FILE), consulted before the
// built-in PromptClassifier: an ordered list of regex rules over the chat
// messages; the first rule whose pattern is found (std::regex_search, ECMAScript)
// in a message of its role names the operation. For prompts the classifier does
// not know (they are answered generically and journaled as `unknown`).
//
// Rules file: a JSON array of
//   {"operation": "<llm operation>", "pattern": "<regex>", "role": "user"|"system"|"any",
//    "args": {"prompt_id": "nudge"}}
// operation: any llm operation of docs/fault-plan.md but `unknown`; role defaults
// to "any"; args (optional) are the fault-plan arguments the rule implies, e.g.
// which improve prompt was used.
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "mocks/llm_server/chat_request.hpp"
#include "reference/ports/document.hpp"

namespace rm {

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
  // An example rules file (--print-rules): the first words of the Python
  // backend's prompts. mock-llm recognises those without it; it shows the format.
  static Json example_json();

  std::optional<Classified> classify(const std::vector<ChatMessage>& messages) const;
  std::size_t size() const { return rules_.size(); }

 private:
  std::vector<OperationRule> rules_;
};

}  // namespace rm
