#include "mocks/llm_server/json_fields.hpp"

namespace rm::json_fields {

std::string text(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::vector<std::string> strings(const Json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_array()) return out;
  for (const Json& item : *found) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace rm::json_fields
