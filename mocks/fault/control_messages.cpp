#include "mocks/fault/control_messages.hpp"

#include <charconv>

namespace rm::control {

ApiResponse json_response(int status, const Json& body) {
  ApiResponse response;
  response.status = status;
  response.headers["content-type"] = "application/json";
  response.body = body.dump();
  return response;
}

ApiResponse error_response(int status, const std::string& detail) {
  return json_response(status, Json{{"detail", detail}});
}

std::optional<std::string> query_value(const ApiRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::int64_t> query_integer(const ApiRequest& request, std::string_view name,
                                          std::int64_t fallback, std::int64_t min,
                                          std::int64_t max) {
  const auto text = query_value(request, name);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

}  // namespace rm::control
