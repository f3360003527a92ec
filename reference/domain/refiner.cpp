#include "reference/domain/refiner.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "reference/domain/job_keywords.hpp"
#include "reference/domain/llm_json.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

struct Phrase {
  std::string_view text;  // lowercase ASCII, or punctuation
  std::string_view replacement;
};

// The backend's AI-phrase blacklist with its replacements (prompts/refinement.py).
constexpr Phrase kAiPhrases[] = {
    {"spearheaded", "led"},
    {"orchestrated", "coordinated"},
    {"championed", "advocated for"},
    {"synergized", "collaborated"},
    {"leveraged", "used"},
    {"revolutionized", "transformed"},
    {"pioneered", "introduced"},
    {"catalyzed", "initiated"},
    {"operationalized", "implemented"},
    {"architected", "designed"},
    {"envisioned", "planned"},
    {"effectuated", "completed"},
    {"endeavored", "worked"},
    {"facilitated", "helped"},
    {"utilized", "used"},
    {"synergy", "collaboration"},
    {"synergies", "collaborations"},
    {"paradigm", "approach"},
    {"paradigm shift", "change"},
    {"best-in-class", "top-performing"},
    {"world-class", "high-quality"},
    {"cutting-edge", "modern"},
    {"bleeding-edge", "modern"},
    {"game-changer", "innovation"},
    {"game-changing", "innovative"},
    {"disruptive", "innovative"},
    {"disruptor", "innovator"},
    {"holistic", "comprehensive"},
    {"robust", "strong"},
    {"scalable", "expandable"},
    {"actionable", "practical"},
    {"impactful", "effective"},
    {"proactive", "active"},
    {"proactively", "actively"},
    {"stakeholder", "team member"},
    {"deliverables", "outputs"},
    {"bandwidth", "capacity"},
    {"circle back", "follow up"},
    {"deep dive", "analysis"},
    {"move the needle", "make progress"},
    {"low-hanging fruit", "quick wins"},
    {"touch base", "connect"},
    {"value-add", "benefit"},
    {"in order to", "to"},
    {"for the purpose of", "to"},
    {"with a view to", "to"},
    {"at the end of the day", ""},
    {"moving forward", ""},
    {"going forward", ""},
    {"on a daily basis", "daily"},
    {"on a regular basis", "regularly"},
    {"in a timely manner", "promptly"},
    {"at this point in time", "now"},
    {"due to the fact that", "because"},
    {"in the event that", "if"},
    {"in light of the fact that", "since"},
    {"\xE2\x80\x94", ", "},  // em-dash
    {"---", ", "},
    {"--", ", "},
    // Matching is by whole word here (the backend matched substrings), so the
    // plural it caught inside "stakeholders" is listed on its own.
    {"stakeholders", "team members"},
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

bool equals_ignore_ascii_case(std::string_view text, std::size_t at, std::string_view phrase) {
  if (at + phrase.size() > text.size()) return false;
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(text[at + k])) !=
        static_cast<unsigned char>(phrase[k])) {
      return false;
    }
  }
  return true;
}

// Replaces every whole-word occurrence of `phrase` (punctuation matches
// anywhere); a capitalised occurrence gets a capitalised replacement.
bool replace_phrase(std::string& text, const Phrase& phrase) {
  const bool wordy = std::isalpha(static_cast<unsigned char>(phrase.text.front())) != 0;
  std::string out;
  bool changed = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool boundary_before = !wordy || i == 0 || !is_word_char(text[i - 1]);
    const std::size_t end = i + phrase.text.size();
    if (boundary_before && equals_ignore_ascii_case(text, i, phrase.text) &&
        (!wordy || end == text.size() || !is_word_char(text[end]))) {
      std::string replacement(phrase.replacement);
      if (!replacement.empty() && std::isupper(static_cast<unsigned char>(text[i]))) {
        replacement[0] =
            static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
      }
      out += replacement;
      i = end;
      changed = true;
    } else {
      out.push_back(text[i++]);
    }
  }
  if (changed) text = std::move(out);
  return changed;
}

// Spacing left behind by a removed phrase: double spaces, " ,", leading commas.
std::string tidy(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if (c == ',' && !out.empty() && out.back() == ' ') out.pop_back();
    if (c == ',' && !out.empty() && out.back() == ',') continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.front() == ',' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class PhraseRemover {
 public:
  PhraseRemover() {
    for (const Phrase& p : kAiPhrases) order_.push_back(&p);
    // Longest first, so that "paradigm shift" wins over "paradigm" and "---" over "--".
    std::stable_sort(order_.begin(), order_.end(), [](const Phrase* a, const Phrase* b) {
      return a->text.size() > b->text.size();
    });
  }

  void clean(Json& value) {
    if (!value.is_string()) return;
    std::string text = value.get<std::string>();
    bool changed = false;
    for (const Phrase* p : order_) {
      if (replace_phrase(text, *p)) {
        changed = true;
        found_.insert(p->text);
      }
    }
    if (changed) value = tidy(text);
  }

  void clean_list(Json& list) {
    if (!list.is_array()) return;
    for (Json& item : list) clean(item);
  }

  // In the order of the blacklist, for a stable report.
  Json found() const {
    Json out = Json::array();
    for (const Phrase& p : kAiPhrases) {
      if (found_.contains(p.text)) out.push_back(std::string(p.text));
    }
    return out;
  }

 private:
  std::vector<const Phrase*> order_;
  std::set<std::string_view> found_;
};

// Only prose is rewritten: names, contact details, skills and section metadata
// are facts, and a blacklisted word inside them (an e-mail address, a product
// name) must survive.
Json remove_ai_phrases(Json& resume) {
  PhraseRemover remover;
  remover.clean(resume["summary"]);
  for (Json& job : resume["workExperience"]) remover.clean_list(job["description"]);
  for (Json& edu : resume["education"]) remover.clean(edu["description"]);
  for (Json& project : resume["personalProjects"]) remover.clean_list(project["description"]);
  for (auto& [key, section] : resume["customSections"].items()) {
    remover.clean(section["text"]);
    if (section["items"].is_array()) {
      for (Json& item : section["items"]) remover.clean_list(item["description"]);
    }
  }
  return remover.found();
}

// Drops entries the master never had (case-insensitive); returns how many distinct ones.
std::size_t keep_only_master_entries(Json& list, const Json& master_list) {
  std::set<std::string> allowed;
  for (const Json& item : master_list) allowed.insert(casefold(item.get<std::string>()));
  std::set<std::string> dropped;
  Json kept = Json::array();
  for (const Json& item : list) {
    std::string key = casefold(item.get<std::string>());
    if (allowed.contains(key)) {
      kept.push_back(item);
    } else {
      dropped.insert(std::move(key));
    }
  }
  list = std::move(kept);
  return dropped.size();
}

Json require_resume(const Json& data, const char* what) {
  ResumeDataCheck check = validate_resume_data(data);
  if (!check.ok()) throw RefinementError(std::string(what) + " is not valid: " + *check.error);
  return std::move(check.data);
}

// Pass 1: the LLM rewrites the resume to mention the missing keywords that the
// master supports. Returns how many of them the rewrite really contains.
std::size_t inject_keywords(Llm& llm, Json& current, const std::vector<std::string>& injectable,
                            const std::string& job_description) {
  std::string answer;
  try {
    answer = llm.refine(RefineInput{current, injectable, job_description});
  } catch (const std::exception& e) {
    throw RefinementError(std::string("keyword injection failed: the LLM call failed: ") +
                          e.what());
  } catch (...) {
    throw RefinementError("keyword injection failed: the LLM call failed");
  }
  const std::optional<Json> parsed = extract_json_object(answer);
  if (!parsed) {
    throw RefinementError("keyword injection failed: the LLM answer holds no JSON object");
  }
  ResumeDataCheck check = validate_resume_data(*parsed);
  if (!check.ok()) {
    throw RefinementError("keyword injection failed: the refined resume is not valid: " +
                          *check.error);
  }
  // The pass may rephrase content, never contact details.
  check.data["personalInfo"] = current["personalInfo"];
  const std::size_t still_missing = missing_keywords(check.data, injectable).size();
  current = std::move(check.data);
  return injectable.size() - still_missing;
}

}  // namespace

RefinementResult refine_resume(Llm& llm, const Json& improved, const Json& master,
                               const std::vector<std::string>& keywords,
                               const std::string& job_description) {
  Json current = require_resume(improved, "the improved resume");
  const Json master_data = require_resume(master, "the master resume");
  const double initial_match = keyword_match_percentage(current, keywords);
  int passes = 0;

  std::size_t injected = 0;
  const std::vector<std::string> missing = missing_keywords(current, keywords);
  const std::vector<std::string> unsupported = missing_keywords(master_data, missing);
  std::vector<std::string> injectable;
  for (const std::string& keyword : missing) {
    if (std::find(unsupported.begin(), unsupported.end(), keyword) == unsupported.end()) {
      injectable.push_back(keyword);
    }
  }
  if (!injectable.empty()) {
    injected = inject_keywords(llm, current, injectable, job_description);
    ++passes;
  }

  const Json phrases = remove_ai_phrases(current);
  if (!phrases.empty()) ++passes;

  Json& additional = current["additional"];
  const std::size_t violations =
      keep_only_master_entries(additional["technicalSkills"],
                               master_data["additional"]["technicalSkills"]) +
      keep_only_master_entries(additional["certificationsTraining"],
                               master_data["additional"]["certificationsTraining"]);
  if (violations > 0) ++passes;

  RefinementResult result;
  result.stats = {
      {"passes_completed", passes},
      {"keywords_injected", injected},
      {"ai_phrases_removed", phrases},
      {"alignment_violations_fixed", violations},
      {"initial_match_percentage", initial_match},
      {"final_match_percentage", keyword_match_percentage(current, keywords)},
  };
  result.resume_data = require_resume(current, "the refined resume");
  return result;
}

}  // namespace rm
