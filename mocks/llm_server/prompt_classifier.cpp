#include "mocks/llm_server/prompt_classifier.hpp"

#include <regex>
#include <utility>
#include <vector>

#include "mocks/llm/builtin_text.hpp"
#include "mocks/llm_server/prompt_reader.hpp"

namespace rm {
namespace {

enum class Where { kInstruction, kAnywhere };

struct Signal {
  Where where;
  // kInstruction: an ECMAScript regex, case-insensitive; kAnywhere: a lower-case substring.
  const char* pattern;
  int weight;  // negative: evidence against the operation
};

struct Profile {
  const char* operation;
  std::vector<Signal> signals;
};

// The top-level keys of each operation's JSON answer. A prompt that shows the
// model an output format sharing none of them asks for something else (a newer
// backend's diff or skill-plan prompt also "tailors a resume to the job"): that
// operation is ruled out, and the prompt lands on `unknown`.
const std::vector<std::pair<std::string, std::vector<std::string>>>& answer_keys() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> all{
      {"parse_resume", {"personalInfo", "summary", "workExperience", "education", "additional"}},
      {"improve", {"personalInfo", "summary", "workExperience", "education", "additional"}},
      {"refine", {"personalInfo", "summary", "workExperience", "education", "additional"}},
      {"extract_keywords", {"required_skills", "preferred_skills", "keywords"}},
      {"enrichment_analyze", {"items_to_enrich", "questions", "analysis_summary"}},
      {"enrichment_enhance", {"additional_bullets"}},
      {"enrichment_regenerate_item", {"new_bullets", "change_summary"}},
      {"enrichment_regenerate_skills", {"new_skills", "change_summary"}},
  };
  return all;
}

bool asks_for_another_shape(const std::string& operation, const std::optional<Json>& example) {
  if (!example || !example->is_object() || example->empty()) return false;
  for (const auto& [name, keys] : answer_keys()) {
    if (name != operation) continue;
    for (const std::string& key : keys) {
      if (example->contains(key)) return false;
    }
    return true;
  }
  return false;
}

// Bounded gaps ([^.\n]{0,60}) keep a verb and its object in one sentence.
const std::vector<Profile>& profiles() {
  static const std::vector<Profile> all{
      {"refine",
       {{Where::kInstruction, R"(\binject\b[^.\n]{0,60}\bkeywords?\b)", 5},
        {Where::kInstruction, R"(\bkeywords?\b[^.\n]{0,40}\binto\b[^.\n]{0,40}\b(resume|cv)\b)", 2},
        {Where::kAnywhere, "master resume", 1},
        {Where::kAnywhere, "keywords to inject", 1},
        // "these keywords are missing from the resume: add them"
        {Where::kInstruction, R"(\bkeywords?\b[^.\n]{0,40}\bmissing\b)", 5}}},
      {"parse_resume",
       {{Where::kInstruction,
         R"(\b(parse|convert|extract|structure|transform)\b[^.\n]{0,60}\b(resume|cv)\b)", 4},
        {Where::kInstruction, R"(\bjson extraction\b)", 1},
        {Where::kAnywhere, "resume to parse", 2},
        {Where::kAnywhere, "job description", -3}}},
      {"extract_keywords",
       {{Where::kInstruction,
         R"(\bextract\b[^.\n]{0,60}\b(job requirements?|requirements?|keywords?|skills|qualifications)\b)",
         4},
        {Where::kInstruction, R"(\bjob description analy[sz]er\b)", 2},
        // "read the job posting and list what it asks for"
        {Where::kInstruction,
         R"(\b(list|identify|find|name)\b[^.\n]{0,80}\b(requirements?|keywords?|skills|asks? for)\b)",
         3},
        {Where::kInstruction, R"(\b(job|posting|vacancy|role)\b[^.\n]{0,80}\b(list|identify)\b)",
         1},
        {Where::kAnywhere, "\"required_skills\"", 1},
        {Where::kAnywhere, "\"seniority_level\"", 1}}},
      {"improve",
       {{Where::kInstruction,
         R"(\b(tailor|nudge|enhance|improve|optimi[sz]e|adapt|align|customi[sz]e)\b[^.\n]{0,60}\b(resume|cv)\b)",
         4},
        {Where::kInstruction,
         R"(\b(resume|cv)\b[^.\n]{0,40}\b(toward|towards|for|to match)\b[^.\n]{0,20}\bjob\b)", 1},
        // The resume as the object of an edit aimed at the job, in either order:
        // "rewrite the resume ... tailored to the job", "edit the resume so it fits the job".
        {Where::kInstruction,
         R"(\b(resume|cv)\b[^.\n]{0,60}\b(tailored|fits?|match(es)?|aligned|suits?)\b[^.\n]{0,40}\b(job|posting|role|position)\b)",
         4},
        {Where::kInstruction,
         R"(\b(weave|work|incorporate|integrate)\b[^.\n]{0,40}\b(job|posting)\b[^.\n]{0,30}\bkeywords?\b[^.\n]{0,40}\b(resume|cv)\b)",
         4},
        {Where::kAnywhere, "job posting", 1},
        {Where::kAnywhere, "original resume", 1},
        {Where::kAnywhere, "job description", 1}}},
      {"cover_letter", {{Where::kInstruction, R"(\bcover[- ]letters?\b)", 4}}},
      {"outreach",
       {{Where::kInstruction,
         R"(\b(outreach|cold (message|email)|networking message|introduction message)\b)", 4}}},
      {"enrichment_analyze",
       {{Where::kInstruction,
         R"(\banaly[sz]e\b[^.\n]{0,80}\b(resume|items?|descriptions?|bullets?)\b)", 4},
        {Where::kAnywhere, "items_to_enrich", 2},
        {Where::kAnywhere, "analysis_summary", 1}}},
      {"enrichment_enhance",
       {{Where::kInstruction, R"(\badd\b[^.\n]{0,40}\bbullet)", 4},
        {Where::kAnywhere, "additional_bullets", 2}}},
      {"enrichment_regenerate_item",
       {{Where::kInstruction, R"(\b(rewrite|regenerate|rephrase)\b[^.\n]{0,60}\bdescription\b)", 4},
        {Where::kAnywhere, "new_bullets", 2}}},
      {"enrichment_regenerate_skills",
       {{Where::kInstruction, R"(\b(rewrite|regenerate|update)\b[^.\n]{0,60}\bskills?\b)", 4},
        {Where::kAnywhere, "new_skills", 2}}},
  };
  return all;
}

struct CompiledSignal {
  Where where;
  std::string text;  // kAnywhere
  std::regex regex;  // kInstruction
  int weight;
};

const std::vector<std::pair<std::string, std::vector<CompiledSignal>>>& compiled() {
  static const auto all = [] {
    std::vector<std::pair<std::string, std::vector<CompiledSignal>>> out;
    for (const Profile& profile : profiles()) {
      std::vector<CompiledSignal> signals;
      for (const Signal& signal : profile.signals) {
        CompiledSignal c{signal.where, signal.pattern, {}, signal.weight};
        if (signal.where == Where::kInstruction) {
          c.regex = std::regex(signal.pattern, std::regex::ECMAScript | std::regex::icase);
        }
        signals.push_back(std::move(c));
      }
      out.emplace_back(profile.operation, std::move(signals));
    }
    return out;
  }();
  return all;
}

bool takes_language(const std::string& operation) {
  return operation == "improve" || operation == "cover_letter" || operation == "outreach" ||
         operation.rfind("enrichment_", 0) == 0;
}

std::string improve_prompt_id(const std::string& instruction) {
  static const std::regex nudge(R"(\b(nudge|light|lightly|minimal|minor|conservative)\b)",
                                std::regex::ECMAScript | std::regex::icase);
  static const std::regex full(R"(\b(tailor|fully|thoroughly)\b)",
                               std::regex::ECMAScript | std::regex::icase);
  if (std::regex_search(instruction, nudge)) return "nudge";
  if (std::regex_search(instruction, full)) return "full";
  return "keywords";
}

// The first paragraphs of the system and the user message: where a prompt says what it wants.
std::string instruction_of(const ChatRequest& request) {
  return PromptReader(request.system_text()).head() + "\n" + PromptReader(request.prompt()).head();
}

}  // namespace

PromptClassifier::PromptClassifier(OperationRules user_rules)
    : user_rules_(std::move(user_rules)) {}

std::optional<std::string> PromptClassifier::recognise(const ChatRequest& request) {
  const std::string instruction = instruction_of(request);
  const std::string anywhere = builtin::to_lower(request.system_text() + "\n" + request.prompt());
  const std::optional<Json> example = PromptReader(request.prompt()).output_example();
  std::optional<std::string> best;
  int best_score = kMinScore - 1;
  for (const auto& [operation, signals] : compiled()) {
    if (asks_for_another_shape(operation, example)) continue;
    int score = 0;
    for (const CompiledSignal& signal : signals) {
      const bool found = signal.where == Where::kAnywhere
                             ? anywhere.find(signal.text) != std::string::npos
                             : std::regex_search(instruction, signal.regex);
      if (found) score += signal.weight;
    }
    if (score > best_score) {
      best_score = score;
      best = operation;
    }
  }
  return best;
}

Classified PromptClassifier::classify(const ChatRequest& request) const {
  std::vector<ChatMessage> messages = request.messages;
  // Rules see the prompt as sent the first time (without a retry's hint).
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") {
      it->content = without_retry_hint(it->content);
      break;
    }
  }
  Classified out;
  if (auto ruled = user_rules_.classify(messages)) {
    out = std::move(*ruled);
  } else if (auto recognised = recognise(request)) {
    out.operation = *recognised;
    if (out.operation == "improve")
      out.args["prompt_id"] = improve_prompt_id(instruction_of(request));
  } else {
    const std::string prompt = builtin::trim(request.prompt());
    const bool short_prompt =
        prompt.size() <= kHealthMaxBytes && prompt.find('\n') == std::string::npos;
    out.operation = short_prompt ? "health" : "unknown";
  }
  if (takes_language(out.operation) && !out.args.count("language")) {
    if (auto language = PromptReader(request.prompt()).language()) out.args["language"] = *language;
  }
  return out;
}

}  // namespace rm
