#include "harness/recording_target.hpp"

namespace rm::harness {

ApiResponse RecordingTarget::send(const ApiRequest& request) {
  const std::uint64_t sent = ids_.tick();
  ApiResponse response = inner_.send(request);
  ids_.observe(request, response, sent, ids_.tick());
  return response;
}

void RecordingTarget::reset(const std::optional<Json>& fixture_tables) {
  ids_.clear();
  inner_.reset(fixture_tables);
  std::vector<std::string> baseline;
  if (fixture_tables && inner_.hook(Hook::kStore).available) {
    if (const auto tables = inner_.store_tables()) baseline = store_invariant_violations(*tables);
  }
  std::lock_guard lock(mutex_);
  baseline_ = std::move(baseline);
}

std::vector<std::string> RecordingTarget::baseline() const {
  std::lock_guard lock(mutex_);
  return baseline_;
}

}  // namespace rm::harness
