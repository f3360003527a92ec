#include "reference/domain/processing_status.hpp"

namespace rm {
namespace {

// Python's bool(x) for a JSON value: null, false, 0, "", [] and {} are false.
bool truthy(const Json& value) {
  if (value.is_null()) return false;
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return value != 0;
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  return !value.empty();
}

bool truthy_field(const Json& resume, const char* key) {
  if (!resume.is_object()) return false;
  const auto it = resume.find(key);
  return it != resume.end() && truthy(*it);
}

}  // namespace

std::string inferred_processing_status(const Json& resume) {
  if (resume.is_object()) {
    const auto stored = resume.find("processing_status");
    if (stored != resume.end() && is_processing_status(*stored)) return stored->get<std::string>();
  }
  if (truthy_field(resume, "processed_data")) return "ready";
  if (truthy_field(resume, "content")) return "pending";
  return "failed";
}

}  // namespace rm
