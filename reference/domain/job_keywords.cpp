#include "reference/domain/job_keywords.hpp"

#include <set>

#include "reference/domain/preview_hash.hpp"

namespace rm {
namespace {

std::string trim(const std::string& s) {
  constexpr const char* kSpace = " \t\n\r\v\f";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

void add_string(std::string& text, const Json& value) {
  if (!value.is_string()) return;
  text += value.get_ref<const std::string&>();
  text.push_back('\n');  // a separator no keyword spans
}

void add_strings(std::string& text, const Json& list) {
  if (!list.is_array()) return;
  for (const Json& item : list) add_string(text, item);
}

void add_fields(std::string& text, const Json& object, std::initializer_list<const char*> keys) {
  if (!object.is_object()) return;
  for (const char* key : keys) {
    auto it = object.find(key);
    if (it == object.end()) continue;
    if (it->is_array()) {
      add_strings(text, *it);
    } else {
      add_string(text, *it);
    }
  }
}

template <typename Fn>
void each(const Json& object, const char* key, Fn fn) {
  if (!object.is_object()) return;
  auto it = object.find(key);
  if (it == object.end()) return;
  if (it->is_array()) {
    for (const Json& item : *it) fn(item);
  } else if (it->is_object()) {
    for (const auto& [name, item] : it->items()) fn(item);
  }
}

// Everything a reader of the resume sees, except contact details; case-folded.
// Tolerates records that are not valid ResumeData (fields of other types are skipped).
std::string resume_text(const Json& resume) {
  std::string text;
  if (!resume.is_object()) return text;
  if (auto it = resume.find("personalInfo"); it != resume.end()) add_fields(text, *it, {"title"});
  add_fields(text, resume, {"summary"});
  each(resume, "workExperience", [&](const Json& e) {
    add_fields(text, e, {"title", "company", "location", "description"});
  });
  each(resume, "education", [&](const Json& e) {
    add_fields(text, e, {"degree", "institution", "description"});
  });
  each(resume, "personalProjects", [&](const Json& e) {
    add_fields(text, e, {"name", "role", "description"});
  });
  if (auto it = resume.find("additional"); it != resume.end()) {
    add_fields(text, *it, {"technicalSkills", "languages", "certificationsTraining", "awards"});
  }
  each(resume, "customSections", [&](const Json& section) {
    add_fields(text, section, {"text", "strings"});
    each(section, "items", [&](const Json& item) {
      add_fields(text, item, {"title", "subtitle", "description"});
    });
  });
  return casefold(text);
}

bool contains_keyword(const std::string& folded_text, const std::string& keyword) {
  return folded_text.find(casefold(keyword)) != std::string::npos;
}

}  // namespace

std::vector<std::string> keyword_list(const Json& job_keywords) {
  std::vector<std::string> out;
  if (!job_keywords.is_object()) return out;
  std::set<std::string> seen;
  for (const char* field : {"required_skills", "preferred_skills", "keywords"}) {
    auto it = job_keywords.find(field);
    if (it == job_keywords.end() || !it->is_array()) continue;
    for (const Json& item : *it) {
      if (!item.is_string()) continue;
      std::string keyword = trim(item.get<std::string>());
      if (keyword.empty()) continue;
      if (seen.insert(casefold(keyword)).second) out.push_back(std::move(keyword));
    }
  }
  return out;
}

std::vector<std::string> missing_keywords(const Json& resume_data,
                                          const std::vector<std::string>& keywords) {
  const std::string text = resume_text(resume_data);
  std::vector<std::string> out;
  for (const std::string& keyword : keywords) {
    if (!contains_keyword(text, keyword)) out.push_back(keyword);
  }
  return out;
}

double keyword_match_percentage(const Json& resume_data, const std::vector<std::string>& keywords) {
  if (keywords.empty()) return 100.0;
  const std::size_t missing = missing_keywords(resume_data, keywords).size();
  return static_cast<double>(keywords.size() - missing) / static_cast<double>(keywords.size()) *
         100.0;
}

Json improvement_suggestions(const Json& original, const Json& improved,
                             const std::vector<std::string>& keywords) {
  const std::string before = resume_text(original);
  const std::string after = resume_text(improved);
  Json out = Json::array();
  for (const std::string& keyword : keywords) {
    if (!contains_keyword(before, keyword) && contains_keyword(after, keyword)) {
      out.push_back({{"suggestion", "Added '" + keyword + "' to match the job requirements"},
                     {"lineNumber", nullptr}});
    }
  }
  if (out.empty()) {
    out.push_back({{"suggestion",
                    "Resume content optimized for better keyword alignment with job description"},
                   {"lineNumber", nullptr}});
  }
  return out;
}

}  // namespace rm
