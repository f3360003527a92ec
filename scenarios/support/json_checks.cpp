#include "scenarios/support/json_checks.hpp"

#include <algorithm>
#include <vector>

namespace rm::test {
namespace {

using nlohmann::json;
using ::testing::AssertionFailure;
using ::testing::AssertionResult;
using ::testing::AssertionSuccess;

std::string excerpt(const std::string& text) {
  return text.size() <= 600 ? text : text.substr(0, 600) + "...";
}

// Collects the first failure of a chain of checks, with a path prefix.
class Checker {
 public:
  explicit Checker(std::string what) : what_(std::move(what)) {}

  bool field(const json& object, const std::string& path, const std::string& key, unsigned kinds) {
    if (failed_) return false;
    if (!object.is_object()) return fail(path + " is not an object: " + object.dump());
    const auto found = object.find(key);
    if (found == object.end()) return fail(path + "." + key + " is missing");
    if ((kind_of(*found) & kinds) == 0) {
      return fail(path + "." + key + " should be " + kind_name(kinds) + ", got " +
                  excerpt(found->dump()));
    }
    return true;
  }
  bool elements(const json& array, const std::string& path, unsigned kinds) {
    if (failed_) return false;
    if (!array.is_array()) return fail(path + " is not an array");
    for (std::size_t i = 0; i < array.size(); ++i) {
      if ((kind_of(array[i]) & kinds) == 0) {
        return fail(path + "[" + std::to_string(i) + "] should be " + kind_name(kinds) + ", got " +
                    excerpt(array[i].dump()));
      }
    }
    return true;
  }
  bool require(bool condition, const std::string& message) {
    if (failed_) return false;
    return condition ? true : fail(message);
  }
  bool ok() const { return !failed_; }
  AssertionResult result(const json& subject) const {
    if (!failed_) return AssertionSuccess();
    return AssertionFailure() << what_ << ": " << message_ << "\n  in " << excerpt(subject.dump());
  }

 private:
  bool fail(const std::string& message) {
    failed_ = true;
    message_ = message;
    return false;
  }
  std::string what_;
  bool failed_ = false;
  std::string message_;
};

void check_resume_data(Checker& c, const json& d, const std::string& p) {
  c.require(d.is_object(), p + " is not an object");
  if (!c.ok()) return;
  if (c.field(d, p, "personalInfo", kObject)) {
    const auto& info = d["personalInfo"];
    for (const char* key : {"name", "title", "email", "phone", "location"}) {
      c.field(info, p + ".personalInfo", key, kString);
    }
    for (const char* key : {"website", "linkedin", "github"}) {
      c.field(info, p + ".personalInfo", key, kString | kNull);
    }
  }
  c.field(d, p, "summary", kString);
  if (c.field(d, p, "workExperience", kArray)) {
    const auto& list = d["workExperience"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = p + ".workExperience[" + std::to_string(i) + "]";
      c.field(list[i], at, "id", kInteger);
      c.field(list[i], at, "title", kString);
      c.field(list[i], at, "company", kString);
      c.field(list[i], at, "location", kString | kNull);
      c.field(list[i], at, "years", kString);
      if (c.field(list[i], at, "description", kArray)) {
        c.elements(list[i]["description"], at + ".description", kString);
      }
    }
  }
  if (c.field(d, p, "education", kArray)) {
    const auto& list = d["education"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = p + ".education[" + std::to_string(i) + "]";
      c.field(list[i], at, "id", kInteger);
      c.field(list[i], at, "institution", kString);
      c.field(list[i], at, "degree", kString);
      c.field(list[i], at, "years", kString);
      c.field(list[i], at, "description", kString | kNull);
    }
  }
  if (c.field(d, p, "personalProjects", kArray)) {
    const auto& list = d["personalProjects"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = p + ".personalProjects[" + std::to_string(i) + "]";
      c.field(list[i], at, "id", kInteger);
      c.field(list[i], at, "name", kString);
      c.field(list[i], at, "role", kString);
      c.field(list[i], at, "years", kString);
      c.field(list[i], at, "github", kString | kNull);
      c.field(list[i], at, "website", kString | kNull);
      if (c.field(list[i], at, "description", kArray)) {
        c.elements(list[i]["description"], at + ".description", kString);
      }
    }
  }
  if (c.field(d, p, "additional", kObject)) {
    for (const char* key : {"technicalSkills", "languages", "certificationsTraining", "awards"}) {
      if (c.field(d["additional"], p + ".additional", key, kArray)) {
        c.elements(d["additional"][key], p + ".additional." + key, kString);
      }
    }
  }
  if (c.field(d, p, "sectionMeta", kArray)) {
    const auto& list = d["sectionMeta"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = p + ".sectionMeta[" + std::to_string(i) + "]";
      c.field(list[i], at, "id", kString);
      c.field(list[i], at, "key", kString);
      c.field(list[i], at, "displayName", kString);
      if (c.field(list[i], at, "sectionType", kString)) {
        static const std::vector<std::string> types = {"personalInfo", "text", "itemList",
                                                       "stringList"};
        const auto type = list[i]["sectionType"].get<std::string>();
        c.require(std::find(types.begin(), types.end(), type) != types.end(),
                  at + ".sectionType '" + type + "' is not a documented section type");
      }
      c.field(list[i], at, "isDefault", kBool);
      c.field(list[i], at, "isVisible", kBool);
      c.field(list[i], at, "order", kInteger);
    }
  }
  c.field(d, p, "customSections", kObject);
}

}  // namespace

std::string kind_name(unsigned kinds) {
  static const std::pair<unsigned, const char*> names[] = {
      {kNull, "null"},     {kBool, "boolean"}, {kInteger, "integer"}, {kNumber, "number"},
      {kString, "string"}, {kArray, "array"},  {kObject, "object"}};
  std::string out;
  for (const auto& [bit, name] : names) {
    if ((kinds & bit) == 0) continue;
    if (bit == kInteger && (kinds & kNumber) != 0) continue;  // "number" covers it
    if (!out.empty()) out += "|";
    out += name;
  }
  return out.empty() ? "nothing" : out;
}

unsigned kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return kNull;
    case json::value_t::boolean:
      return kBool;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return kInteger | kNumber;
    case json::value_t::number_float:
      return kNumber;
    case json::value_t::string:
      return kString;
    case json::value_t::array:
      return kArray;
    case json::value_t::object:
      return kObject;
    default:
      return 0;
  }
}

AssertionResult has_field(const json& object, const std::string& key, unsigned kinds) {
  Checker c("field check");
  c.field(object, "$", key, kinds);
  return c.result(object);
}

AssertionResult all_elements(const json& array, unsigned kinds) {
  Checker c("element check");
  c.elements(array, "$", kinds);
  return c.result(array);
}

AssertionResult is_error(const HttpResponse& response, int status) {
  if (response.status != status) {
    return AssertionFailure() << "expected status " << status << ", got " << response.status
                              << (response.transport_error.empty()
                                      ? ""
                                      : " (" + response.transport_error + ")")
                              << "; body: " << excerpt(response.body);
  }
  const auto body = response.json();
  if (body.is_discarded()) {
    return AssertionFailure() << "status " << status
                              << " but the body is not JSON: " << excerpt(response.body);
  }
  if (!body.is_object() || !body.contains("detail")) {
    return AssertionFailure() << "status " << status
                              << " but no `detail`: " << excerpt(response.body);
  }
  if (!body["detail"].is_string() || body["detail"].get<std::string>().empty()) {
    return AssertionFailure() << "status " << status << " but `detail` is not a non-empty string: "
                              << excerpt(response.body);
  }
  return AssertionSuccess();
}

AssertionResult is_client_error(const HttpResponse& response) {
  if (response.status < 400 || response.status > 499) {
    return AssertionFailure() << "expected a 4xx, got " << response.status
                              << "; body: " << excerpt(response.body);
  }
  return is_error(response, response.status);
}

AssertionResult is_json_ok(const HttpResponse& response) {
  if (response.status != 200) {
    return AssertionFailure() << "expected 200, got " << response.status
                              << (response.transport_error.empty()
                                      ? ""
                                      : " (" + response.transport_error + ")")
                              << "; body: " << excerpt(response.body);
  }
  const auto body = response.json();
  if (body.is_discarded() || !(body.is_object() || body.is_array())) {
    return AssertionFailure() << "200 but the body is not a JSON object: "
                              << excerpt(response.body);
  }
  if (response.header("content-type").find("application/json") == std::string::npos) {
    return AssertionFailure() << "200 JSON body but content-type is '"
                              << response.header("content-type") << "'";
  }
  return AssertionSuccess();
}

AssertionResult is_resume_data(const json& data) {
  Checker c("ResumeData");
  check_resume_data(c, data, "$");
  return c.result(data);
}

AssertionResult is_resume_fetch(const json& body) {
  Checker c("resume fetch response");
  c.field(body, "$", "request_id", kString);
  if (c.field(body, "$", "data", kObject)) {
    const auto& d = body["data"];
    c.field(d, "$.data", "resume_id", kString);
    if (c.field(d, "$.data", "raw_resume", kObject)) {
      const auto& raw = d["raw_resume"];
      c.field(raw, "$.data.raw_resume", "id", kNull);
      c.field(raw, "$.data.raw_resume", "content", kString);
      c.field(raw, "$.data.raw_resume", "content_type", kString);
      c.field(raw, "$.data.raw_resume", "created_at", kString);
      c.field(raw, "$.data.raw_resume", "processing_status", kString);
    }
    if (c.field(d, "$.data", "processed_resume", kObject | kNull) &&
        d["processed_resume"].is_object()) {
      check_resume_data(c, d["processed_resume"], "$.data.processed_resume");
    }
    c.field(d, "$.data", "cover_letter", kString | kNull);
    c.field(d, "$.data", "outreach_message", kString | kNull);
    c.field(d, "$.data", "parent_id", kString | kNull);
  }
  return c.result(body);
}

AssertionResult is_improve_response(const json& body) {
  Checker c("ImproveResponse");
  c.field(body, "$", "request_id", kString);
  if (c.field(body, "$", "data", kObject)) {
    const auto& d = body["data"];
    const std::string p = "$.data";
    c.field(d, p, "request_id", kString);
    c.field(d, p, "resume_id", kString | kNull);
    c.field(d, p, "job_id", kString);
    if (c.field(d, p, "resume_preview", kObject)) {
      check_resume_data(c, d["resume_preview"], p + ".resume_preview");
    }
    if (c.field(d, p, "improvements", kArray)) {
      const auto& list = d["improvements"];
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = p + ".improvements[" + std::to_string(i) + "]";
        c.field(list[i], at, "suggestion", kString);
        c.field(list[i], at, "lineNumber", kInteger | kNull);
      }
    }
    c.field(d, p, "markdownOriginal", kString | kNull);
    c.field(d, p, "markdownImproved", kString | kNull);
    c.field(d, p, "cover_letter", kString | kNull);
    c.field(d, p, "outreach_message", kString | kNull);
    if (c.field(d, p, "diff_summary", kObject | kNull) && d["diff_summary"].is_object()) {
      for (const char* key :
           {"total_changes", "skills_added", "skills_removed", "descriptions_modified",
            "certifications_added", "high_risk_changes"}) {
        c.field(d["diff_summary"], p + ".diff_summary", key, kInteger);
      }
    }
    if (c.field(d, p, "detailed_changes", kArray | kNull) && d["detailed_changes"].is_array()) {
      const auto& list = d["detailed_changes"];
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = p + ".detailed_changes[" + std::to_string(i) + "]";
        c.field(list[i], at, "field_path", kString);
        c.field(list[i], at, "field_type", kString);
        c.field(list[i], at, "change_type", kString);
        c.field(list[i], at, "original_value", kString | kNull);
        c.field(list[i], at, "new_value", kString | kNull);
        c.field(list[i], at, "confidence", kString);
      }
    }
    if (c.field(d, p, "refinement_stats", kObject | kNull) && d["refinement_stats"].is_object()) {
      const auto& s = d["refinement_stats"];
      const std::string at = p + ".refinement_stats";
      c.field(s, at, "passes_completed", kInteger);
      c.field(s, at, "keywords_injected", kInteger);
      if (c.field(s, at, "ai_phrases_removed", kArray)) {
        c.elements(s["ai_phrases_removed"], at + ".ai_phrases_removed", kString);
      }
      c.field(s, at, "alignment_violations_fixed", kInteger);
      c.field(s, at, "initial_match_percentage", kNumber);
      c.field(s, at, "final_match_percentage", kNumber);
    }
    if (c.field(d, p, "warnings", kArray)) c.elements(d["warnings"], p + ".warnings", kString);
    c.field(d, p, "refinement_attempted", kBool);
    c.field(d, p, "refinement_successful", kBool);
    c.field(d, p, "refinement_error", kString | kNull);
    for (const char* key : {"cover_letter_status", "outreach_status"}) {
      if (c.field(d, p, key, kString)) {
        const auto value = d[key].get<std::string>();
        c.require(value == "success" || value == "failed" || value == "not_requested",
                  p + "." + key + " '" + value + "' is not success|failed|not_requested");
      }
    }
  }
  return c.result(body);
}

}  // namespace rm::test
