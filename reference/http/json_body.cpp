#include "reference/http/json_body.hpp"

#include <cctype>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "reference/http/limits.hpp"

namespace rm {
namespace {

// Thrown from the parser callback to stop at the nesting limit.
struct TooDeep : std::runtime_error {
  TooDeep() : std::runtime_error("too deeply nested") {}
};

// nlohmann's messages start with "[json.exception.parse_error.101] "; the rest
// (position and reason) is what helps a client.
std::string parse_error_text(const std::exception& error) {
  std::string text = error.what();
  if (!text.empty() && text.front() == '[') {
    if (const std::size_t close = text.find("] "); close != std::string::npos) {
      text.erase(0, close + 2);
    }
  }
  return text;
}

}  // namespace

bool is_json_media_type(std::string_view content_type) {
  std::string media(content_type.substr(0, content_type.find(';')));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  std::size_t start = media.find_first_not_of(" \t");
  media = start == std::string::npos ? std::string() : media.substr(start);
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media == "application/json") return true;
  return media.rfind("application/", 0) == 0 && media.size() > 5 &&
         media.compare(media.size() - 5, 5, "+json") == 0;
}

Failure validation_failure(const std::string& location, const std::string& message) {
  return unprocessable(location + ": " + message);
}

Outcome<Json> parse_json(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return validation_failure("body", "Field required");
  }
  const Json::parser_callback_t limit_depth = [](int depth, Json::parse_event_t, Json&) {
    if (depth > kMaxJsonDepth) throw TooDeep();
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), limit_depth);
  } catch (const TooDeep&) {
    return validation_failure("body", "JSON decode error (nested deeper than " +
                                          std::to_string(kMaxJsonDepth) + " levels)");
  } catch (const Json::exception& error) {
    return validation_failure("body", "JSON decode error (" + parse_error_text(error) + ")");
  }
}

Outcome<Json> parse_json_object_body(const ApiRequest& request) {
  // Like FastAPI: a body is read as JSON only without a Content-Type or with a JSON
  // one (application/json, application/*+json); anything else is not an object.
  if (const auto it = request.headers.find("content-type"); it != request.headers.end()) {
    if (!is_json_media_type(it->second)) {
      return validation_failure("body", "expected Content-Type application/json, got '" +
                                            it->second.substr(0, 100) + "'");
    }
  }
  Outcome<Json> parsed = parse_json(request.body);
  if (!parsed) return parsed;
  if (!parsed.value().is_object()) {
    return validation_failure(
        "body", "Input should be a valid dictionary or object to extract fields from");
  }
  return parsed;
}

JsonFields::JsonFields(const Json& object, std::string location)
    : object_(object), location_(std::move(location)) {}

std::string JsonFields::location_of(std::string_view name) const {
  std::string out = location_;
  out.push_back('.');
  out.append(name);
  return out;
}

void JsonFields::fail(const std::string& location, const std::string& message) {
  if (!failure_) failure_ = validation_failure(location, message);
}

const Json* JsonFields::lookup(const char* name) const {
  if (!object_.is_object()) return nullptr;
  const auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

const Json* JsonFields::required(const char* name) {
  const Json* value = lookup(name);
  if (value == nullptr) fail(location_of(name), "Field required");
  return value;
}

std::string JsonFields::required_string(const char* name) {
  const Json* value = required(name);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    fail(location_of(name), "Input should be a valid string");
    return {};
  }
  return value->get<std::string>();
}

std::optional<std::string> JsonFields::optional_string(const char* name) {
  const Json* value = lookup(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    fail(location_of(name), "Input should be a valid string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<bool> JsonFields::optional_bool(const char* name) {
  const Json* value = lookup(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_boolean()) {
    fail(location_of(name), "Input should be a valid boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<long long> JsonFields::optional_integer(const char* name) {
  const Json* value = lookup(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_number_integer()) {
    if (value->is_number_unsigned() &&
        value->get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
      fail(location_of(name), "Input should be a valid integer, unable to parse number");
      return std::nullopt;
    }
    return value->get<long long>();
  }
  // pydantic accepts a float without a fractional part (3.0) as an integer. The
  // range is checked before the conversion: converting 6.5e43 is undefined.
  if (value->is_number_float()) {
    const double number = value->get<double>();
    if (std::trunc(number) != number) {
      fail(location_of(name),
           "Input should be a valid integer, got a number with a fractional part");
      return std::nullopt;
    }
    if (number >= 9.2e18 || number <= -9.2e18) {
      fail(location_of(name), "Input should be a valid integer, unable to parse number");
      return std::nullopt;
    }
    return static_cast<long long>(number);
  }
  fail(location_of(name), "Input should be a valid integer");
  return std::nullopt;
}

std::vector<std::string> JsonFields::required_string_list(const char* name) {
  std::vector<std::string> out;
  const Json* value = required(name);
  if (value == nullptr) return out;
  if (!value->is_array()) {
    fail(location_of(name), "Input should be a valid list");
    return out;
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    const Json& item = (*value)[i];
    if (!item.is_string()) {
      fail(location_of(name) + "." + std::to_string(i), "Input should be a valid string");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const Json* JsonFields::required_object_list(const char* name) {
  const Json* value = required(name);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    fail(location_of(name), "Input should be a valid list");
    return nullptr;
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_object()) {
      fail(location_of(name) + "." + std::to_string(i),
           "Input should be a valid dictionary or object to extract fields from");
      return nullptr;
    }
  }
  return value;
}

}  // namespace rm
