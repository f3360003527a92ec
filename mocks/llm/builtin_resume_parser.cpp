#include "mocks/llm/builtin_resume_parser.hpp"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "mocks/llm/builtin_text.hpp"

namespace rm::builtin {
namespace {

enum class Section {
  kHeader,
  kSummary,
  kExperience,
  kEducation,
  kProjects,
  kSkills,
  kLanguages,
  kCertifications,
  kAwards,
  kOther,
};

std::optional<Section> known_section(const std::string& lowered_name) {
  static const std::vector<std::pair<std::vector<std::string>, Section>> kNames = {
      {{"summary", "profile", "objective", "about", "about me", "professional summary"},
       Section::kSummary},
      {{"experience", "work experience", "employment", "professional experience", "work history",
        "employment history"},
       Section::kExperience},
      {{"education"}, Section::kEducation},
      {{"projects", "personal projects"}, Section::kProjects},
      {{"skills", "technical skills"}, Section::kSkills},
      {{"languages"}, Section::kLanguages},
      {{"certifications", "certifications & training", "certifications and training",
        "certificates", "training"},
       Section::kCertifications},
      {{"awards", "honors", "honours"}, Section::kAwards},
  };
  for (const auto& [names, section] : kNames) {
    for (const auto& name : names) {
      if (lowered_name == name) return section;
    }
  }
  return std::nullopt;
}

std::string without_trailing_colon(std::string text) {
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.pop_back();
  return text;
}

std::size_t heading_level(const std::string& trimmed) {
  std::size_t level = 0;
  while (level < trimmed.size() && trimmed[level] == '#') ++level;
  return level;
}

std::string remove_all(std::string_view text, std::string_view what) {
  return replace_all(text, what, "");
}

int digit_count(std::string_view text) {
  int n = 0;
  for (char c : text) n += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  return n;
}

bool looks_like_years(std::string_view text) {
  std::string lowered = to_lower(text);
  if (lowered.find("present") != std::string::npos || lowered.find("current") != std::string::npos)
    return true;
  int run = 0;
  for (char c : text) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

bool looks_like_phone(std::string_view text) {
  std::string t = trim(text);
  if (t.empty()) return false;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '(' &&
        c != ')' && c != '.' && c != ' ')
      return false;
  }
  const int digits = digit_count(t);
  if (digits < 7 || digits > 15) return false;
  // "2016 - 2020" is a date range, not a phone number.
  auto groups = split_any(t, " -.()+");
  return !(groups.size() == 2 && groups[0].size() == 4 && groups[1].size() == 4);
}

std::optional<std::string> email_in(std::string_view text) {
  for (const auto& token : split_any(text, " \t,;|<>()[]")) {
    auto at = token.find('@');
    if (at == std::string::npos || at == 0) continue;
    auto dot = token.find('.', at);
    if (dot == std::string::npos || dot + 1 >= token.size()) continue;
    std::string email = token;
    if (starts_with_ci(email, "mailto:")) email = email.substr(7);
    while (!email.empty() && email.back() == '.') email.pop_back();
    return email;
  }
  return std::nullopt;
}

enum class LinkKind { kNone, kWebsite, kLinkedin, kGithub };

LinkKind link_kind(std::string_view text) {
  std::string lowered = to_lower(text);
  if (lowered.find(' ') != std::string::npos) return LinkKind::kNone;
  if (lowered.find("linkedin.com") != std::string::npos) return LinkKind::kLinkedin;
  if (lowered.find("github.com") != std::string::npos) return LinkKind::kGithub;
  if (starts_with_ci(lowered, "http://") || starts_with_ci(lowered, "https://") ||
      starts_with_ci(lowered, "www."))
    return LinkKind::kWebsite;
  return LinkKind::kNone;
}

struct Entry {
  std::string first;   // title / degree / project name
  std::string second;  // company / institution / role
  std::string years;
};

// "Title at Company (Years)", "Title | Company | Years" and the separators the header names.
Entry parse_entry(std::string_view line) {
  std::string text = remove_all(remove_all(strip_markup(line), "**"), "__");
  Entry entry;
  if (text.find('|') != std::string::npos) {
    auto parts = split_any(text, "|");
    if (parts.size() >= 2 && looks_like_years(parts.back())) {
      entry.years = parts.back();
      parts.pop_back();
    }
    if (!parts.empty()) entry.first = parts[0];
    if (parts.size() >= 2) entry.second = parts[1];
    return entry;
  }
  if (!text.empty() && text.back() == ')') {
    auto open = text.rfind('(');
    if (open != std::string::npos && looks_like_years(text.substr(open))) {
      entry.years = trim(std::string_view(text).substr(open + 1, text.size() - open - 2));
      text = trim(std::string_view(text).substr(0, open));
    }
  }
  for (std::string_view separator : {" at ", " @ ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
    auto pos = text.find(separator);
    if (pos != std::string::npos) {
      entry.first = trim(std::string_view(text).substr(0, pos));
      entry.second = trim(std::string_view(text).substr(pos + separator.size()));
      return entry;
    }
  }
  entry.first = text;
  return entry;
}

bool looks_like_entry(const std::string& line) {
  std::string text = trim(line);
  if (heading_level(text) >= 3) return true;
  if (text.find('|') != std::string::npos) return true;
  for (std::string_view separator : {" at ", " @ ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
    if (text.find(separator) != std::string::npos) return true;
  }
  return !text.empty() && text.back() == ')' && text.rfind('(') != std::string::npos &&
         looks_like_years(text.substr(text.rfind('(')));
}

struct Parsed {
  Json info = {{"name", ""},     {"title", ""},        {"email", ""},         {"phone", ""},
               {"location", ""}, {"website", nullptr}, {"linkedin", nullptr}, {"github", nullptr}};
  std::vector<std::string> summary_lines;
  std::vector<std::string> header_text;
  Json work = Json::array();
  Json education = Json::array();
  Json projects = Json::array();
  std::vector<std::string> skills, languages, certifications, awards;
};

void set_if_empty(Json& info, const char* key, const std::string& value) {
  if (value.empty()) return;
  Json& field = info[key];
  if (field.is_null() || (field.is_string() && field.get_ref<const std::string&>().empty()))
    field = value;
}

void set_link(Json& info, const std::string& link) {
  switch (link_kind(link)) {
    case LinkKind::kLinkedin:
      set_if_empty(info, "linkedin", link);
      break;
    case LinkKind::kGithub:
      set_if_empty(info, "github", link);
      break;
    case LinkKind::kWebsite:
      set_if_empty(info, "website", link);
      break;
    case LinkKind::kNone:
      break;
  }
}

// Returns true when the line carried contact details.
bool read_contact_line(const std::string& line, Json& info) {
  std::string unified = replace_all(replace_all(line, "\xE2\x80\xA2", "|"), "\xC2\xB7", "|");
  auto segments = split_any(strip_markup(unified), "|");
  bool contact = false;
  std::vector<std::string> others;
  for (const auto& segment : segments) {
    if (auto email = email_in(segment)) {
      set_if_empty(info, "email", *email);
      contact = true;
    } else if (link_kind(segment) != LinkKind::kNone) {
      set_link(info, segment);
      contact = true;
    } else if (looks_like_phone(segment)) {
      set_if_empty(info, "phone", trim(segment));
      contact = true;
    } else {
      others.push_back(segment);
    }
  }
  if (contact && !others.empty()) set_if_empty(info, "location", others.front());
  return contact;
}

std::vector<std::string> list_items(const std::string& line, std::string_view separators) {
  std::string bullet = bullet_text(line);
  if (!bullet.empty()) return {bullet};
  return split_any(replace_all(strip_markup(line), "\xE2\x80\xA2", "|"), separators);
}

void append(std::vector<std::string>& to, const std::vector<std::string>& items) {
  to.insert(to.end(), items.begin(), items.end());
}

// "Label: value" lines understood anywhere. Returns true when consumed.
bool read_label_line(const std::string& line, Parsed& parsed) {
  std::string text = strip_markup(line);
  auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string label = to_lower(remove_all(trim(std::string_view(text).substr(0, colon)), "**"));
  std::string value = trim(remove_all(text.substr(colon + 1), "**"));
  if (value.empty() || value.rfind("//", 0) == 0) return false;  // "https://..." is no label
  if (label == "skills" || label == "technical skills") {
    append(parsed.skills, split_any(value, ",;|"));
  } else if (label == "languages") {
    append(parsed.languages, split_any(value, ",;"));
  } else if (label == "certifications" || label == "certificates") {
    append(parsed.certifications, split_any(value, ",;"));
  } else if (label == "awards") {
    append(parsed.awards, split_any(value, ",;"));
  } else if (label == "email" || label == "e-mail") {
    if (auto email = email_in(value)) set_if_empty(parsed.info, "email", *email);
  } else if (label == "phone" || label == "tel" || label == "mobile") {
    set_if_empty(parsed.info, "phone", value);
  } else if (label == "location" || label == "address") {
    set_if_empty(parsed.info, "location", value);
  } else if (label == "website" || label == "portfolio") {
    set_if_empty(parsed.info, "website", value);
  } else if (label == "linkedin") {
    set_if_empty(parsed.info, "linkedin", value);
  } else if (label == "github") {
    set_if_empty(parsed.info, "github", value);
  } else {
    return false;
  }
  return true;
}

Json new_entry(Section section, const Entry& entry, int id) {
  switch (section) {
    case Section::kExperience:
      return {{"id", id},
              {"title", entry.first},
              {"company", entry.second},
              {"location", nullptr},
              {"years", entry.years},
              {"description", Json::array()}};
    case Section::kEducation:
      return {{"id", id},
              {"institution", entry.second},
              {"degree", entry.first},
              {"years", entry.years},
              {"description", nullptr}};
    default:
      return {{"id", id},
              {"name", entry.first},
              {"role", entry.second},
              {"years", entry.years},
              {"github", nullptr},
              {"website", nullptr},
              {"description", Json::array()}};
  }
}

void add_description(Section section, Json& item, const std::string& text) {
  if (text.empty()) return;
  if (section == Section::kEducation) {
    Json& description = item["description"];
    description = description.is_string() ? description.get<std::string>() + " " + text : text;
  } else {
    item["description"].push_back(text);
  }
}

void read_entry_line(Section section, const std::string& line, Json& items) {
  const std::string bullet = bullet_text(line);
  const bool starts_entry = bullet.empty() && (items.empty() || looks_like_entry(line));
  if (starts_entry) {
    items.push_back(new_entry(section, parse_entry(line), static_cast<int>(items.size()) + 1));
    return;
  }
  if (items.empty()) items.push_back(new_entry(section, Entry{}, 1));
  add_description(section, items.back(), bullet.empty() ? strip_markup(line) : bullet);
}

void read_header_line(const std::string& line, bool first_after_name, Parsed& parsed) {
  if (read_contact_line(line, parsed.info)) return;
  std::string text = strip_markup(line);
  if (text.empty()) return;
  std::string& title = parsed.info["title"].get_ref<std::string&>();
  if (first_after_name && title.empty() && text.size() <= 80 && text.back() != '.') {
    title = text;
    return;
  }
  parsed.header_text.push_back(text);
}

}  // namespace

Json parse_resume_markdown(std::string_view markdown) {
  Parsed parsed;
  Section section = Section::kHeader;
  bool have_name = false;
  bool first_after_name = false;
  for (const auto& raw : split_lines(markdown)) {
    const std::string line = trim(raw);
    if (line.empty() || line == "---" || line == "***") continue;
    if (!have_name) {
      parsed.info["name"] = remove_all(strip_markup(line), "**");
      have_name = true;
      first_after_name = true;
      continue;
    }
    const std::string heading =
        to_lower(without_trailing_colon(remove_all(strip_markup(line), "**")));
    const std::size_t level = heading_level(line);
    if (auto known = known_section(heading); known && level <= 2) {
      section = *known;
      first_after_name = false;
      continue;
    }
    if (level == 1 || level == 2) {
      section = Section::kOther;
      first_after_name = false;
      continue;
    }
    if (read_label_line(line, parsed)) {
      first_after_name = false;
      continue;
    }
    if (auto email = email_in(line); email && section != Section::kHeader) {
      set_if_empty(parsed.info, "email", *email);
    }
    switch (section) {
      case Section::kHeader:
        read_header_line(line, first_after_name, parsed);
        break;
      case Section::kSummary:
        parsed.summary_lines.push_back(is_bullet(line) ? bullet_text(line) : strip_markup(line));
        break;
      case Section::kExperience:
        read_entry_line(section, line, parsed.work);
        break;
      case Section::kEducation:
        read_entry_line(section, line, parsed.education);
        break;
      case Section::kProjects:
        read_entry_line(section, line, parsed.projects);
        break;
      case Section::kSkills: {
        // "Frameworks: React, Vue" inside a skills section: the label is a group name.
        std::string text = strip_markup(line);
        if (auto colon = text.find(':'); colon != std::string::npos && !is_bullet(line))
          text = text.substr(colon + 1);
        for (const auto& item : list_items(is_bullet(line) ? bullet_text(line) : text, ",;|"))
          parsed.skills.push_back(item);
        break;
      }
      case Section::kLanguages:
        append(parsed.languages, list_items(line, ",;"));
        break;
      case Section::kCertifications:
        append(parsed.certifications, list_items(line, ",;"));
        break;
      case Section::kAwards:
        append(parsed.awards, list_items(line, ",;"));
        break;
      case Section::kOther:
        break;
    }
    first_after_name = false;
  }

  auto joined = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : " ") + l;
    return out;
  };
  std::string summary = joined(parsed.summary_lines);
  if (summary.empty()) summary = joined(parsed.header_text);

  return {
      {"personalInfo", parsed.info},
      {"summary", summary},
      {"workExperience", parsed.work},
      {"education", parsed.education},
      {"personalProjects", parsed.projects},
      {"additional",
       {{"technicalSkills", unique_ci(parsed.skills)},
        {"languages", unique_ci(parsed.languages)},
        {"certificationsTraining", unique_ci(parsed.certifications)},
        {"awards", unique_ci(parsed.awards)}}},
      {"customSections", Json::object()},
  };
}

}  // namespace rm::builtin
