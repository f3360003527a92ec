#pragma once
// The scheduler's part of the control API (docs/schedules.md), transport-free:
//
//   POST /__control/schedule/begin                      -> 200 {run}
//   GET  /__control/schedule?actors=N&timeout_ms=T      -> 200 {run, quiescent, actors: [...]}
//        (waits until N actors are parked or done, or the timeout)
//   POST /__control/schedule/step?actor=K               -> 200 {stepped: bool}
//   POST /__control/schedule/end                        -> 200 {ended: true}
//
// A target that answers these offers schedule exploration; one that answers 404
// keeps the harness's statistical mode for races.
#include <memory>
#include <optional>

#include "mocks/fault/scheduler.hpp"
#include "reference/http/api_message.hpp"

namespace rm {

class ScheduleControlApi {
 public:
  explicit ScheduleControlApi(std::shared_ptr<Scheduler> scheduler);

  // nullopt for any path outside /__control/schedule.
  std::optional<ApiResponse> handle(const ApiRequest& request);

  static constexpr std::int64_t kMaxWaitMs = 600'000;

 private:
  std::shared_ptr<Scheduler> scheduler_;
};

}  // namespace rm
