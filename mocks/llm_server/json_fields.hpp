#pragma once
// Lenient reads of a JSON object that a prompt carried: a missing key or a value
// of another type reads as empty, never throws (the prompt is someone else's).
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::json_fields {

// object[key] when it is a string, else "".
std::string text(const Json& object, const char* key);
// The strings of object[key] when it is an array (other items skipped), else {}.
std::vector<std::string> strings(const Json& object, const char* key);

}  // namespace rm::json_fields
