#include "mocks/fault/schedule_control_api.hpp"

#include <charconv>
#include <string>
#include <string_view>

namespace rm {
namespace {

ApiResponse json_answer(int status, const Json& body) {
  ApiResponse response;
  response.status = status;
  response.headers["content-type"] = "application/json";
  response.body = body.dump();
  return response;
}

ApiResponse error_answer(int status, const std::string& detail) {
  return json_answer(status, Json{{"detail", detail}});
}

// An integer query parameter in [min, max]; fallback when absent; nullopt when malformed.
std::optional<std::int64_t> integer_parameter(const ApiRequest& request, std::string_view name,
                                              std::int64_t fallback, std::int64_t min,
                                              std::int64_t max) {
  for (const auto& [key, text] : request.query) {
    if (key != name) continue;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
      return std::nullopt;
    }
    return value;
  }
  return fallback;
}

}  // namespace

ScheduleControlApi::ScheduleControlApi(std::shared_ptr<Scheduler> scheduler)
    : scheduler_(std::move(scheduler)) {}

std::optional<ApiResponse> ScheduleControlApi::handle(const ApiRequest& request) {
  constexpr std::string_view kBase = "/__control/schedule";
  const std::string_view path = request.path;
  if (path.substr(0, kBase.size()) != kBase) return std::nullopt;
  const std::string_view rest = path.substr(kBase.size());
  if (rest.empty()) {
    if (request.method != "GET") return error_answer(405, "Method Not Allowed");
    const auto actors = integer_parameter(request, "actors", 0, 0, 1000);
    if (!actors) return error_answer(400, "actors: must be an integer in [0, 1000]");
    const auto timeout = integer_parameter(request, "timeout_ms", 5'000, 0, kMaxWaitMs);
    if (!timeout) {
      return error_answer(
          400, "timeout_ms: must be an integer in [0, " + std::to_string(kMaxWaitMs) + "]");
    }
    const ScheduleState state =
        scheduler_->wait_quiescent(static_cast<int>(*actors), std::chrono::milliseconds(*timeout));
    return json_answer(200, state.to_json());
  }
  if (rest != "/begin" && rest != "/step" && rest != "/end") return std::nullopt;
  if (request.method != "POST") return error_answer(405, "Method Not Allowed");
  if (rest == "/begin") return json_answer(200, Json{{"run", scheduler_->begin()}});
  if (rest == "/end") {
    scheduler_->end();
    return json_answer(200, Json{{"ended", true}});
  }
  const auto actor = integer_parameter(request, "actor", 0, 1, 1000);
  if (!actor || *actor == 0) return error_answer(400, "actor: must be an integer in [1, 1000]");
  return json_answer(200, Json{{"stepped", scheduler_->step(static_cast<int>(*actor))}});
}

}  // namespace rm
