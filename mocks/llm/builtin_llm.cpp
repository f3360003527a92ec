#include "mocks/llm/builtin_llm.hpp"

#include <set>

#include "mocks/llm/builtin_job_reader.hpp"
#include "mocks/llm/builtin_resume_parser.hpp"
#include "mocks/llm/builtin_text.hpp"

namespace rm {
namespace {

using builtin::greeting;
using builtin::join_human;
using builtin::to_lower;

// All keywords of an extraction result, in order, de-duplicated.
std::vector<std::string> keywords_of(const Json& job_keywords) {
  std::vector<std::string> all;
  if (!job_keywords.is_object()) return all;
  for (const char* field : {"required_skills", "preferred_skills", "keywords"}) {
    auto it = job_keywords.find(field);
    if (it == job_keywords.end() || !it->is_array()) continue;
    for (const auto& item : *it) {
      if (item.is_string()) all.push_back(item.get<std::string>());
    }
  }
  return builtin::unique_ci(all);
}

std::vector<std::string> absent_from(const Json& resume, const std::vector<std::string>& keywords) {
  const std::string text = builtin::lowered_text_of(resume);
  std::vector<std::string> missing;
  for (const auto& keyword : keywords) {
    if (text.find(to_lower(keyword)) == std::string::npos) missing.push_back(keyword);
  }
  return missing;
}

std::vector<std::string> first_n(const std::vector<std::string>& items, std::size_t n) {
  return {items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(n, items.size()))};
}

std::string string_field(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string append_sentence(const std::string& text, const std::string& sentence) {
  return text.empty() ? sentence : text + " " + sentence;
}

void add_skills(Json& resume, const std::vector<std::string>& skills) {
  if (skills.empty()) return;
  Json& additional = resume["additional"];
  if (!additional.is_object()) additional = Json::object();
  Json& technical = additional["technicalSkills"];
  if (!technical.is_array()) technical = Json::array();
  std::set<std::string> have;
  for (const auto& skill : technical) {
    if (skill.is_string()) have.insert(to_lower(skill.get<std::string>()));
  }
  for (const auto& skill : skills) {
    if (have.insert(to_lower(skill)).second) technical.push_back(skill);
  }
}

// The invented details that API-006's preservation must undo.
void invent_contact_details(Json& resume) {
  Json& info = resume["personalInfo"];
  if (!info.is_object()) info = Json::object();
  info["website"] = BuiltinLlm::kInventedWebsite;
  const std::string phone = string_field(info, "phone");
  info["phone"] = phone == "+1-555-0199" ? "+1-555-0198" : "+1-555-0199";
}

void add_first_job_bullet(Json& resume, const std::vector<std::string>& keywords) {
  if (keywords.empty()) return;
  auto work = resume.find("workExperience");
  if (work == resume.end() || !work->is_array() || work->empty()) return;
  Json& first = work->front();
  if (!first.is_object()) return;
  Json& description = first["description"];
  if (!description.is_array()) return;
  description.insert(description.begin(),
                     "Applied " + join_human(first_n(keywords, 2)) + " to deliver team goals");
}

// Up to three keywords the job asks for, else up to three of the resume's skills.
std::vector<std::string> message_keywords(const MessageInput& input) {
  auto keywords = first_n(keywords_of(builtin::read_job_keywords(input.job_description)), 3);
  if (!keywords.empty()) return keywords;
  std::vector<std::string> skills;
  if (input.resume.is_object()) {
    auto additional = input.resume.find("additional");
    if (additional != input.resume.end() && additional->is_object()) {
      auto technical = additional->find("technicalSkills");
      if (technical != additional->end() && technical->is_array()) {
        for (const auto& skill : *technical) {
          if (skill.is_string()) skills.push_back(skill.get<std::string>());
        }
      }
    }
  }
  return first_n(skills, 3);
}

std::string person_name(const Json& resume) {
  return resume.is_object() ? string_field(resume.value("personalInfo", Json::object()), "name")
                            : "";
}

}  // namespace

std::string BuiltinLlm::parse_resume(const std::string& markdown) {
  return builtin::stable_dump(builtin::parse_resume_markdown(markdown));
}

std::string BuiltinLlm::extract_keywords(const std::string& job_description) {
  return builtin::stable_dump(builtin::read_job_keywords(job_description));
}

std::string BuiltinLlm::improve(const ImproveInput& input) {
  Json resume = input.original_resume.is_object() ? input.original_resume : Json::object();
  const auto keywords = keywords_of(input.job_keywords);
  const auto missing = absent_from(resume, keywords);
  const std::string summary = string_field(resume, "summary");
  const std::string role = builtin::job_role(input.job_description);

  if (input.prompt_id == "nudge") {
    resume["summary"] = append_sentence("Focused on the " + role + " role.", summary);
    return builtin::stable_dump(resume);
  }
  if (!keywords.empty()) {
    resume["summary"] = append_sentence(
        summary, "Brings hands-on experience with " + join_human(first_n(keywords, 6)) + ".");
  }
  add_skills(resume, missing);
  if (input.prompt_id == "full") {
    add_first_job_bullet(resume, keywords);
    invent_contact_details(resume);
  }
  return builtin::stable_dump(resume);
}

std::string BuiltinLlm::refine(const RefineInput& input) {
  Json resume = input.resume.is_object() ? input.resume : Json::object();
  const auto missing = builtin::unique_ci(input.missing_keywords);
  if (!missing.empty()) {
    resume["summary"] = append_sentence(string_field(resume, "summary"),
                                        "Also experienced with " + join_human(missing) + ".");
  }
  return builtin::stable_dump(resume);
}

std::string BuiltinLlm::cover_letter(const MessageInput& input) {
  const std::string name = person_name(input.resume);
  const std::string role = builtin::job_role(input.job_description);
  const auto keywords = message_keywords(input);
  std::string text = greeting(input.language, true) + "\n\n";
  text += "I am applying for the " + role + " position.";
  if (!keywords.empty()) {
    text += " My work with " + join_human(keywords) + " matches what your team needs.";
  }
  text += "\n\nI would be glad to discuss how I can contribute.\n\nBest regards,\n";
  text += name.empty() ? "The applicant" : name;
  text += "\n";
  return text;
}

std::string BuiltinLlm::outreach(const MessageInput& input) {
  const std::string name = person_name(input.resume);
  const std::string role = builtin::job_role(input.job_description);
  const auto keywords = message_keywords(input);
  std::string text = greeting(input.language, false) + " ";
  text += name.empty() ? "I" : "I'm " + name + " and I";
  text += " noticed the " + role + " opening.";
  if (!keywords.empty()) text += " I work with " + join_human(keywords) + " every day.";
  text += " Worth a quick chat?\n";
  return text;
}

LlmHealth BuiltinLlm::health() { return LlmHealth{true, kProvider, kModel, ""}; }

}  // namespace rm
