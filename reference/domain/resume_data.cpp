#include "reference/domain/resume_data.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace rm {
namespace {

// Thrown inside the validator only; validate_resume_data turns it into
// ResumeDataCheck::error, so it never escapes this file.
struct FieldError {
  std::string message;
};

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  throw FieldError{path + ": " + std::string(what)};
}

std::string member(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

const char* type_name(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number_float()) return "a float";
  if (value.is_number()) return "an integer";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "a list";
  return "an object";
}

std::string expected(std::string_view what, const Json& got) {
  return "expected " + std::string(what) + ", got " + type_name(got);
}

// A view on one JSON object of the input: each accessor returns the field's
// model_dump value, filling the default when the key is absent.
class Fields {
 public:
  Fields(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const std::string& path() const { return path_; }

  const Json* find(std::string_view key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  Json str(std::string_view key, const char* fallback = "") const {
    const Json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_string()) fail(member(path_, key), expected("a string", *v));
    return *v;
  }

  Json required_str(std::string_view key) const {
    if (find(key) == nullptr) fail(member(path_, key), "field required");
    return str(key);
  }

  Json optional_str(std::string_view key) const {
    const Json* v = find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_string()) fail(member(path_, key), expected("a string or null", *v));
    return *v;
  }

  // Bool is not an int, and neither is 1.0: no lax coercion (see the hash vectors).
  Json integer(std::string_view key) const {
    const Json* v = find(key);
    if (v == nullptr) return 0;
    if (!v->is_number_integer()) fail(member(path_, key), expected("an integer", *v));
    return *v;
  }

  Json boolean(std::string_view key, bool fallback) const {
    const Json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) fail(member(path_, key), expected("a boolean", *v));
    return *v;
  }

  Json string_list(std::string_view key) const {
    const Json* v = find(key);
    if (v == nullptr) return Json::array();
    return check_string_list(*v, member(path_, key));
  }

  Json optional_string_list(std::string_view key) const {
    const Json* v = find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    return check_string_list(*v, member(path_, key));
  }

  static Json check_string_list(const Json& v, const std::string& path) {
    if (!v.is_array()) fail(path, expected("a list of strings", v));
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) fail(element(path, i), expected("a string", v[i]));
    }
    return v;
  }

 private:
  const Json& object_;
  std::string path_;
};

constexpr std::array<std::string_view, 4> kSectionTypes = {"personalInfo", "text", "itemList",
                                                           "stringList"};

Json section_type(const Fields& f) {
  const Json* v = f.find("sectionType");
  const std::string path = member(f.path(), "sectionType");
  if (v == nullptr) fail(path, "field required");
  if (v->is_string()) {
    for (std::string_view allowed : kSectionTypes) {
      if (v->get_ref<const std::string&>() == allowed) return *v;
    }
  }
  fail(path, "must be one of personalInfo, text, itemList, stringList");
}

const Json& require_object(const Json& v, const std::string& path) {
  if (!v.is_object()) fail(path, expected("an object", v));
  return v;
}

template <typename ItemFn>
Json object_list(const Fields& parent, std::string_view key, ItemFn item) {
  const Json* v = parent.find(key);
  if (v == nullptr) return Json::array();
  const std::string path = member(parent.path(), key);
  if (!v->is_array()) fail(path, expected("a list", *v));
  Json out = Json::array();
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string item_path = element(path, i);
    out.push_back(item(Fields(require_object((*v)[i], item_path), item_path)));
  }
  return out;
}

Json personal_info(const Fields& f) {
  return {{"name", f.str("name")},
          {"title", f.str("title")},
          {"email", f.str("email")},
          {"phone", f.str("phone")},
          {"location", f.str("location")},
          {"website", f.optional_str("website")},
          {"linkedin", f.optional_str("linkedin")},
          {"github", f.optional_str("github")}};
}

Json experience(const Fields& f) {
  return {{"id", f.integer("id")},       {"title", f.str("title")},
          {"company", f.str("company")}, {"location", f.optional_str("location")},
          {"years", f.str("years")},     {"description", f.string_list("description")}};
}

Json education(const Fields& f) {
  return {{"id", f.integer("id")},
          {"institution", f.str("institution")},
          {"degree", f.str("degree")},
          {"years", f.str("years")},
          {"description", f.optional_str("description")}};
}

Json project(const Fields& f) {
  return {{"id", f.integer("id")},
          {"name", f.str("name")},
          {"role", f.str("role")},
          {"years", f.str("years")},
          {"github", f.optional_str("github")},
          {"website", f.optional_str("website")},
          {"description", f.string_list("description")}};
}

Json additional(const Fields& f) {
  return {{"technicalSkills", f.string_list("technicalSkills")},
          {"languages", f.string_list("languages")},
          {"certificationsTraining", f.string_list("certificationsTraining")},
          {"awards", f.string_list("awards")}};
}

Json section_meta(const Fields& f) {
  Json out;
  out["id"] = f.required_str("id");
  out["key"] = f.required_str("key");
  out["displayName"] = f.required_str("displayName");
  out["sectionType"] = section_type(f);
  out["isDefault"] = f.boolean("isDefault", true);
  out["isVisible"] = f.boolean("isVisible", true);
  out["order"] = f.integer("order");
  return out;
}

Json custom_section_item(const Fields& f) {
  return {{"id", f.integer("id")},
          {"title", f.str("title")},
          {"subtitle", f.optional_str("subtitle")},
          {"location", f.optional_str("location")},
          {"years", f.str("years")},
          {"description", f.string_list("description")}};
}

Json custom_section(const Fields& f) {
  Json out;
  out["sectionType"] = section_type(f);
  const Json* items = f.find("items");
  if (items == nullptr || items->is_null()) {
    out["items"] = nullptr;
  } else {
    out["items"] = object_list(f, "items", custom_section_item);
  }
  out["strings"] = f.optional_string_list("strings");
  out["text"] = f.optional_str("text");
  return out;
}

Json custom_sections(const Fields& root) {
  const Json* v = root.find("customSections");
  if (v == nullptr) return Json::object();
  const std::string path = "customSections";
  if (!v->is_object()) fail(path, expected("an object", *v));
  Json out = Json::object();
  for (const auto& [key, section] : v->items()) {
    const std::string section_path = member(path, key);
    out[key] = custom_section(Fields(require_object(section, section_path), section_path));
  }
  return out;
}

Json nested_object(const Fields& root, std::string_view key, Json (*build)(const Fields&)) {
  const Json* v = root.find(key);
  const std::string path(key);
  if (v == nullptr) return build(Fields(Json::object(), path));
  return build(Fields(require_object(*v, path), path));
}

}  // namespace

ResumeDataCheck validate_resume_data(const Json& input) {
  ResumeDataCheck check;
  if (!input.is_object()) {
    check.error = std::string("resume data: ") + expected("an object", input);
    return check;
  }
  try {
    const Fields root(input, "");
    Json out;
    out["personalInfo"] = nested_object(root, "personalInfo", personal_info);
    out["summary"] = root.str("summary");
    out["workExperience"] = object_list(root, "workExperience", experience);
    out["education"] = object_list(root, "education", education);
    out["personalProjects"] = object_list(root, "personalProjects", project);
    out["additional"] = nested_object(root, "additional", additional);
    out["sectionMeta"] = object_list(root, "sectionMeta", section_meta);
    out["customSections"] = custom_sections(root);
    check.data = std::move(out);
  } catch (const FieldError& e) {
    check.error = e.message;
  }
  return check;
}

Json default_section_meta() {
  struct Section {
    const char* id;
    const char* display_name;
    const char* type;
  };
  constexpr std::array<Section, 6> kSections = {{
      {"personalInfo", "Personal Info", "personalInfo"},
      {"summary", "Summary", "text"},
      {"workExperience", "Experience", "itemList"},
      {"education", "Education", "itemList"},
      {"personalProjects", "Projects", "itemList"},
      {"additional", "Skills & Awards", "stringList"},
  }};
  Json out = Json::array();
  int order = 0;
  for (const Section& s : kSections) {
    out.push_back({{"id", s.id},
                   {"key", s.id},
                   {"displayName", s.display_name},
                   {"sectionType", s.type},
                   {"isDefault", true},
                   {"isVisible", true},
                   {"order", order++}});
  }
  return out;
}

namespace {
// Python truthiness of a JSON value, as `not data.get("sectionMeta")` sees it.
bool truthy(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<std::int64_t>() != 0;
  if (v.is_number_float()) return v.get<double>() != 0.0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return !v.empty();
}
}  // namespace

Json with_default_section_meta(Json resume_data) {
  if (!resume_data.is_object()) return resume_data;
  auto meta = resume_data.find("sectionMeta");
  if (meta == resume_data.end() || !truthy(*meta)) {
    resume_data["sectionMeta"] = default_section_meta();
  }
  if (!resume_data.contains("customSections")) {
    resume_data["customSections"] = Json::object();
  }
  return resume_data;
}

}  // namespace rm
