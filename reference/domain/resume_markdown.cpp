#include "reference/domain/resume_markdown.hpp"

#include <algorithm>

#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

// A resume as a sequence of blocks, rendered either as markdown or as plain
// lines; both renderings walk the sections the same way.
enum class Style { kMarkdown, kPlain };

std::string str(const Json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strs(const Json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const Json& item : *it) {
    if (item.is_string() && !item.get_ref<const std::string&>().empty()) {
      out.push_back(item.get<std::string>());
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

class Writer {
 public:
  explicit Writer(Style style) : style_(style) {}

  void title(const std::string& text) { line(md() ? "# " + text : text); }
  void section(const std::string& text) {
    blank();
    line(md() ? "## " + text : upper(text));
  }
  void entry(const std::string& text) {
    if (!md()) blank();
    line(md() ? "### " + text : text);
  }
  // In markdown a detail stands in its own paragraph, so that the text after
  // it does not run on into the same line.
  void detail(const std::string& text) {
    if (text.empty()) return;
    line(md() ? "*" + text + "*" : text);
    if (md()) blank();
  }
  void bullet(const std::string& text) { line("- " + text); }
  void labelled(const std::string& label, const std::string& text) {
    if (!text.empty()) line(md() ? "- **" + label + ":** " + text : label + ": " + text);
  }
  void line(const std::string& text) {
    if (md() && !lines_.empty() && !lines_.back().empty() && starts_block(text)) blank();
    lines_.push_back(text);
  }
  void blank() {
    if (!lines_.empty() && !lines_.back().empty()) lines_.emplace_back();
  }

  std::vector<std::string> finish() {
    while (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
    return std::move(lines_);
  }

 private:
  bool md() const { return style_ == Style::kMarkdown; }
  // Markdown headings want a blank line before them.
  static bool starts_block(const std::string& text) { return text.rfind("#", 0) == 0; }
  static std::string upper(std::string s) {
    for (char& c : s) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return s;
  }

  Style style_;
  std::vector<std::string> lines_;
};

void personal_info(Writer& w, const Json& info) {
  const std::string name = str(info, "name");
  w.title(name.empty() ? "Resume" : name);
  w.detail(str(info, "title"));
  w.line(join({str(info, "email"), str(info, "phone"), str(info, "location"), str(info, "website"),
               str(info, "linkedin"), str(info, "github")},
              " | "));
}

void text_section(Writer& w, const std::string& heading, const std::string& text) {
  if (text.empty()) return;
  w.section(heading);
  w.line(text);
}

void bullets(Writer& w, const std::vector<std::string>& items) {
  for (const std::string& item : items) w.bullet(item);
}

void list_section(Writer& w, const std::string& heading, const Json& list,
                  void (*item)(Writer&, const Json&)) {
  if (!list.is_array() || list.empty()) return;
  w.section(heading);
  for (const Json& entry : list) item(w, entry);
}

void experience(Writer& w, const Json& e) {
  w.entry(join({str(e, "title"), str(e, "company")}, " at "));
  w.detail(join({str(e, "years"), str(e, "location")}, " | "));
  bullets(w, strs(e, "description"));
}

void education(Writer& w, const Json& e) {
  w.entry(join({str(e, "degree"), str(e, "institution")}, ", "));
  w.detail(str(e, "years"));
  if (const std::string d = str(e, "description"); !d.empty()) w.line(d);
}

void project(Writer& w, const Json& e) {
  w.entry(join({str(e, "name"), str(e, "role")}, " | "));
  w.detail(join({str(e, "years"), str(e, "github"), str(e, "website")}, " | "));
  bullets(w, strs(e, "description"));
}

void custom_item(Writer& w, const Json& e) {
  w.entry(join({str(e, "title"), str(e, "subtitle")}, " | "));
  w.detail(join({str(e, "years"), str(e, "location")}, " | "));
  bullets(w, strs(e, "description"));
}

void additional(Writer& w, const std::string& heading, const Json& a) {
  const std::vector<std::pair<const char*, const char*>> groups = {
      {"Technical Skills", "technicalSkills"},
      {"Languages", "languages"},
      {"Certifications", "certificationsTraining"},
      {"Awards", "awards"}};
  bool any = false;
  for (const auto& [label, key] : groups) any = any || !strs(a, key).empty();
  if (!any) return;
  w.section(heading);
  for (const auto& [label, key] : groups) w.labelled(label, join(strs(a, key), ", "));
}

void custom_section(Writer& w, const std::string& heading, const Json& s) {
  if (!s.is_object()) return;
  const std::string type = str(s, "sectionType");
  if (type == "itemList") {
    list_section(w, heading, s.value("items", Json()), custom_item);
  } else if (type == "stringList") {
    const std::vector<std::string> items = strs(s, "strings");
    if (items.empty()) return;
    w.section(heading);
    bullets(w, items);
  } else {
    text_section(w, heading, str(s, "text"));
  }
}

// Visible sections in display order; without sectionMeta, the six defaults
// followed by every custom section.
std::vector<std::pair<std::string, std::string>> section_order(const Json& data) {
  Json meta = data.is_object() ? data.value("sectionMeta", Json()) : Json();
  const bool own_meta = meta.is_array() && !meta.empty();
  if (!own_meta) meta = default_section_meta();
  std::vector<Json> visible;
  for (const Json& m : meta) {
    if (m.is_object() && m.value("isVisible", Json(true)) != Json(false)) visible.push_back(m);
  }
  std::stable_sort(visible.begin(), visible.end(), [](const Json& a, const Json& b) {
    const Json ao = a.value("order", Json(0)), bo = b.value("order", Json(0));
    return ao.is_number() && bo.is_number() && ao.get<double>() < bo.get<double>();
  });
  std::vector<std::pair<std::string, std::string>> out;  // (key, heading)
  for (const Json& m : visible) out.emplace_back(str(m, "key"), str(m, "displayName"));
  if (!own_meta && data.is_object()) {
    if (auto it = data.find("customSections"); it != data.end() && it->is_object()) {
      for (const auto& [key, section] : it->items()) out.emplace_back(key, key);
    }
  }
  return out;
}

std::vector<std::string> render(const Json& data, Style style) {
  Writer w(style);
  const auto field = [&data](const char* key) {
    return data.is_object() ? data.value(key, Json()) : Json();
  };
  personal_info(w, field("personalInfo"));
  for (const auto& [key, heading] : section_order(data)) {
    if (key == "personalInfo") continue;  // always first, above
    if (key == "summary") {
      text_section(w, heading, str(data, "summary"));
    } else if (key == "workExperience") {
      list_section(w, heading, field("workExperience"), experience);
    } else if (key == "education") {
      list_section(w, heading, field("education"), education);
    } else if (key == "personalProjects") {
      list_section(w, heading, field("personalProjects"), project);
    } else if (key == "additional") {
      additional(w, heading, field("additional"));
    } else {
      const Json sections = field("customSections");
      if (sections.is_object() && sections.contains(key)) {
        custom_section(w, heading.empty() ? key : heading, sections[key]);
      }
    }
  }
  return w.finish();
}

}  // namespace

std::string resume_to_markdown(const Json& resume_data) {
  std::string out;
  for (const std::string& line : render(resume_data, Style::kMarkdown)) {
    out += line;
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> resume_to_lines(const Json& resume_data) {
  return render(resume_data, Style::kPlain);
}

}  // namespace rm
