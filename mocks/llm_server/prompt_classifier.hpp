#pragma once
// How mock-llm tells the operation of a chat request that carries no
// X-Operation header: by what the prompt asks for, not by its exact text, so
// that reworded prompts, a retry's appended hint, a different keyword order or
// key order still land on the same operation.
//
// In order:
//  1. the user's --rules (OperationRules), first match wins;
//  2. the built-in profiles: each operation has weighted signals, regexes over
//     the prompt's instruction (the first paragraph of the system and of the
//     user message: "Parse this resume into JSON", "Inject ... keywords") and
//     words anywhere (the answer's field names such as "items_to_enrich"); the
//     best score of at least kMinScore wins, ties to the earlier profile;
//  3. a short one-line prompt ("Hi", "ping", "Say OK") is a health check;
//  4. anything else is `unknown` (answered generically, journaled with a hint).
//
// The enrichment calls of the Python backend are four operations of their own
// (enrichment_analyze, enrichment_enhance, enrichment_regenerate_item,
// enrichment_regenerate_skills), not one "other": each answers a different JSON
// shape, and a fault plan can then break one without the others.
//
// args: prompt_id for improve (nudge, keywords, full: from the instruction's
// wording, "keywords" being the backend's default), and language where the
// prompt names one, for improve, cover_letter, outreach and the enrichment calls.
#include <optional>
#include <string>

#include "mocks/llm_server/chat_request.hpp"
#include "mocks/llm_server/operation_rules.hpp"

namespace rm {

class PromptClassifier {
 public:
  static constexpr int kMinScore = 4;
  // The longest prompt (one line, in bytes) that is a health check.
  static constexpr std::size_t kHealthMaxBytes = 64;

  explicit PromptClassifier(OperationRules user_rules = {});

  // Never fails: an operation of docs/fault-plan.md's llm table, "health" or "unknown".
  Classified classify(const ChatRequest& request) const;

  // Step 2 alone: nullopt when no profile scores kMinScore.
  static std::optional<std::string> recognise(const ChatRequest& request);

 private:
  OperationRules user_rules_;
};

}  // namespace rm
