#pragma once
// What the control APIs (fault plans and gates, the scheduler) share: JSON
// answers and their query parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::control {

ApiResponse json_response(int status, const Json& body);
// {"detail": detail}
ApiResponse error_response(int status, const std::string& detail);
std::optional<std::string> query_value(const ApiRequest& request, std::string_view name);
// An integer query parameter in [min, max]; fallback when absent; nullopt when malformed.
std::optional<std::int64_t> query_integer(const ApiRequest& request, std::string_view name,
                                          std::int64_t fallback, std::int64_t min,
                                          std::int64_t max);

}  // namespace rm::control
