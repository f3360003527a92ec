#include "mocks/llm_server/enrichment_answers.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "mocks/llm/builtin_text.hpp"
#include "mocks/llm_server/json_fields.hpp"

namespace rm {
namespace {

constexpr std::size_t kMaxItems = 3;
constexpr std::size_t kMaxQuestions = 6;
constexpr std::size_t kMaxBullets = 4;

bool has_digit(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

// What the analysis asks about one item.
struct Item {
  std::string id;
  std::string type;
  std::string title;
  std::string subtitle;
  std::vector<std::string> bullets;
};

std::vector<Item> weak_items(const Json& resume) {
  std::vector<Item> items;
  const auto collect = [&](const char* section, const char* prefix, const char* type,
                           const char* title_key, const char* subtitle_key) {
    if (!resume.is_object() || !resume.contains(section) || !resume[section].is_array()) return;
    const Json& list = resume[section];
    for (std::size_t i = 0; i < list.size() && items.size() < kMaxItems; ++i) {
      const auto bullets = json_fields::strings(list[i], "description");
      const bool weak =
          bullets.size() < 2 || std::any_of(bullets.begin(), bullets.end(),
                                            [](const std::string& b) { return !has_digit(b); });
      if (!weak) continue;
      items.push_back(Item{prefix + std::to_string(i), type, json_fields::text(list[i], title_key),
                           json_fields::text(list[i], subtitle_key), bullets});
    }
  };
  collect("workExperience", "exp_", "experience", "title", "company");
  collect("personalProjects", "proj_", "project", "name", "role");
  return items;
}

Json analyze(const PromptReader& prompt) {
  const Json resume = prompt.resume_json().value_or(Json::object());
  const auto items = weak_items(resume);
  Json to_enrich = Json::array();
  Json questions = Json::array();
  for (const Item& item : items) {
    to_enrich.push_back(Json{{"item_id", item.id},
                             {"item_type", item.type},
                             {"title", item.title},
                             {"subtitle", item.subtitle},
                             {"current_description", item.bullets},
                             {"weakness_reason", "Some bullets do not state a measurable result"}});
    const std::string where =
        item.subtitle.empty() ? item.title : item.title + " at " + item.subtitle;
    const std::vector<std::pair<std::string, std::string>> asked =
        item.type == "experience"
            ? std::vector<std::pair<
                  std::string, std::string>>{{"What measurable results came from your work as " +
                                                  where + "?",
                                              "e.g., Cut p99 latency by 30%"},
                                             {"How large was the team or system you worked on as " +
                                                  where + "?",
                                              "e.g., Team of 6, 40 services"}}
            : std::vector<std::pair<std::string, std::string>>{
                  {"Who uses " + item.title + " and how widely?",
                   "e.g., 300 GitHub stars, used by 5 teams"},
                  {"Which technologies did you use to build " + item.title + "?",
                   "e.g., Go, PostgreSQL, GitHub Actions"}};
    for (const auto& [question, placeholder] : asked) {
      if (questions.size() >= kMaxQuestions) break;
      questions.push_back(Json{{"question_id", "q_" + std::to_string(questions.size())},
                               {"item_id", item.id},
                               {"question", question},
                               {"placeholder", placeholder}});
    }
  }
  const std::string name = json_fields::text(resume.value("personalInfo", Json::object()), "name");
  std::string summary = (name.empty() ? std::string("The resume") : name + "'s resume") +
                        (items.empty() ? " is already specific; nothing needs enriching."
                                       : " has " + std::to_string(items.size()) +
                                             " item(s) whose bullets would gain from concrete "
                                             "scope and results.");
  return Json{
      {"items_to_enrich", to_enrich}, {"questions", questions}, {"analysis_summary", summary}};
}

std::string as_bullet(std::string text) {
  text = builtin::trim(text);
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  while (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Json enhance(const PromptReader& prompt) {
  Json bullets = Json::array();
  for (const std::string& answer : prompt.answers()) {
    if (bullets.size() >= kMaxBullets) break;
    const std::string bullet = as_bullet(answer);
    if (!bullet.empty()) bullets.push_back(bullet);
  }
  if (bullets.empty()) {
    const std::string title = prompt.field("Title").value_or("this role");
    const std::string subtitle = prompt.field("Subtitle").value_or("");
    bullets.push_back("Owned the day-to-day delivery of the " + title + " work" +
                      (subtitle.empty() ? "" : " at " + subtitle));
  }
  return Json{{"additional_bullets", bullets}};
}

// "Built X in Python, cutting Y" -> "Built X in Python".
std::string first_clause(const std::string& bullet) {
  std::string out = bullet;
  for (std::string_view stop : {", ", "; ", " - "}) {
    if (auto pos = out.find(stop); pos != std::string::npos && pos >= 20) out.resize(pos);
  }
  return as_bullet(out);
}

std::string feedback_of(const PromptReader& prompt) {
  std::string feedback = prompt.paragraph_after("feedback").value_or("");
  feedback = builtin::utf8_prefix(feedback, 80);
  return feedback.empty() ? "" : " as asked (\"" + feedback + "\")";
}

Json regenerate_item(const PromptReader& prompt) {
  std::vector<std::string> current = prompt.bullets_after("current description");
  if (current.empty()) current = prompt.bullets_after("description");
  Json bullets = Json::array();
  for (const std::string& bullet : current) bullets.push_back(first_clause(bullet));
  if (bullets.empty()) {
    bullets.push_back("Delivered the " + prompt.field("Title").value_or("role") + " work");
  }
  return Json{{"new_bullets", bullets},
              {"change_summary", "Rewrote " + std::to_string(bullets.size()) +
                                     " bullet(s) to their core statement" + feedback_of(prompt) +
                                     "; no new facts added."}};
}

Json regenerate_skills(const PromptReader& prompt) {
  const std::string current = prompt.paragraph_after("skills").value_or("");
  std::vector<std::string> skills;
  for (const std::string& line : builtin::split_lines(current)) {
    const std::string bullet = builtin::bullet_text(line);
    for (const std::string& skill : builtin::split_any(bullet.empty() ? line : bullet, ",;|")) {
      skills.push_back(skill);
    }
  }
  skills = builtin::unique_ci(skills);
  return Json{
      {"new_skills", skills},
      {"change_summary", "Kept " + std::to_string(skills.size()) +
                             " existing skill(s), duplicates removed" + feedback_of(prompt) + "."}};
}

}  // namespace

Json enrichment_answer(const std::string& operation, const PromptReader& prompt) {
  if (operation == "enrichment_analyze") return analyze(prompt);
  if (operation == "enrichment_enhance") return enhance(prompt);
  if (operation == "enrichment_regenerate_item") return regenerate_item(prompt);
  if (operation == "enrichment_regenerate_skills") return regenerate_skills(prompt);
  return Json::object();
}

}  // namespace rm
