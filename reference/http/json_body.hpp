#pragma once
// Request-body validation with FastAPI's vocabulary: every failure is a 422 whose
// detail names the location and the problem ("body.resume_id: Field required"),
// so a client can tell which field to fix.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"
#include "reference/service/outcome.hpp"

namespace rm {

// Parses the body as JSON (any value). Not JSON, too deeply nested, or empty -> 422
// naming the body.
Outcome<Json> parse_json(std::string_view text);

// application/json or application/*+json (parameters ignored, case-insensitive).
bool is_json_media_type(std::string_view content_type);

// Parses the body as a JSON object (a pydantic model). A Content-Type that is not
// JSON -> 422 naming it (FastAPI reads such a body as bytes, never as a model). Empty -> "body:
// Field required"; not JSON -> "body: JSON decode error ..."; another JSON type -> 422.
Outcome<Json> parse_json_object_body(const ApiRequest& request);

// Reads typed fields of a JSON object, remembering the first failure so that a
// route can read all its fields and check once:
//   JsonFields fields(body);
//   ImproveRequest r{fields.required_string("resume_id"), ...};
//   if (!fields.ok()) return from_failure(fields.failure());
class JsonFields {
 public:
  explicit JsonFields(const Json& object, std::string location = "body");

  // Presence only (any JSON type, null included); nullptr and a failure when missing.
  const Json* required(const char* name);
  std::string required_string(const char* name);
  // Absent or null -> nullopt; another non-string type is a failure.
  std::optional<std::string> optional_string(const char* name);
  std::optional<bool> optional_bool(const char* name);
  std::optional<long long> optional_integer(const char* name);
  // A list whose every item is a string ("body.job_descriptions.1: ...").
  std::vector<std::string> required_string_list(const char* name);
  // A list of objects; each item is checked by the caller with nested(...).
  const Json* required_object_list(const char* name);

  // Location of a field: "body.improvements.0".
  std::string location_of(std::string_view name) const;

  bool ok() const { return !failure_.has_value(); }
  const Failure& failure() const { return *failure_; }
  // Records a failure at `location` unless one is already recorded.
  void fail(const std::string& location, const std::string& message);

 private:
  const Json* lookup(const char* name) const;

  const Json& object_;
  std::string location_;
  std::optional<Failure> failure_;
};

// "body.resume_id: Field required"-style 422.
Failure validation_failure(const std::string& location, const std::string& message);

}  // namespace rm
