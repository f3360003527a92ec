#include "mocks/fault/schedule_control_api.hpp"

#include <string>
#include <string_view>

#include "mocks/fault/control_messages.hpp"

namespace rm {
namespace {

using control::error_response;
using control::json_response;
using control::query_integer;

}  // namespace

ScheduleControlApi::ScheduleControlApi(std::shared_ptr<Scheduler> scheduler)
    : scheduler_(std::move(scheduler)) {}

std::optional<ApiResponse> ScheduleControlApi::handle(const ApiRequest& request) {
  constexpr std::string_view kBase = "/__control/schedule";
  const std::string_view path = request.path;
  if (path.substr(0, kBase.size()) != kBase) return std::nullopt;
  const std::string_view rest = path.substr(kBase.size());
  if (rest.empty()) {
    if (request.method != "GET") return error_response(405, "Method Not Allowed");
    const auto actors = query_integer(request, "actors", 0, 0, 1000);
    if (!actors) return error_response(400, "actors: must be an integer in [0, 1000]");
    const auto timeout = query_integer(request, "timeout_ms", 5'000, 0, kMaxWaitMs);
    if (!timeout) {
      return error_response(
          400, "timeout_ms: must be an integer in [0, " + std::to_string(kMaxWaitMs) + "]");
    }
    const ScheduleState state =
        scheduler_->wait_quiescent(static_cast<int>(*actors), std::chrono::milliseconds(*timeout));
    return json_response(200, state.to_json());
  }
  if (rest != "/begin" && rest != "/step" && rest != "/end") return std::nullopt;
  if (request.method != "POST") return error_response(405, "Method Not Allowed");
  if (rest == "/begin") return json_response(200, Json{{"run", scheduler_->begin()}});
  if (rest == "/end") {
    scheduler_->end();
    return json_response(200, Json{{"ended", true}});
  }
  const auto actor = query_integer(request, "actor", 0, 1, 1000);
  if (!actor || *actor == 0) return error_response(400, "actor: must be an integer in [1, 1000]");
  return json_response(200, Json{{"stepped", scheduler_->step(static_cast<int>(*actor))}});
}

}  // namespace rm
