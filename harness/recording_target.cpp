#include "harness/recording_target.hpp"

#include <algorithm>

namespace rm::harness {

ApiResponse RecordingTarget::send(const ApiRequest& request) {
  const std::uint64_t sent = ids_.tick();
  ApiResponse response = inner_.send(request);
  ids_.observe(request, response, sent, ids_.tick());
  return response;
}

void RecordingTarget::install_plan(const FaultPlan& plan) {
  inner_.install_plan(plan);
  std::lock_guard lock(mutex_);
  for (const FaultRule& rule : plan.rules) {
    if (rule.component != FaultComponent::kLlm) continue;
    std::vector<std::string> names = rule.operations;
    if (names.empty()) names = {"*"};
    for (const std::string& name : names) {
      if (std::find(llm_operations_.begin(), llm_operations_.end(), name) ==
          llm_operations_.end()) {
        llm_operations_.push_back(name);
      }
    }
  }
}

std::vector<std::string> RecordingTarget::llm_operations() const {
  std::lock_guard lock(mutex_);
  return llm_operations_;
}

void RecordingTarget::reset(const std::optional<Json>& fixture_tables) {
  forget_and_reset(fixture_tables);
  std::vector<std::string> baseline;
  if (fixture_tables && inner_.hook(Hook::kStore).available) {
    if (const auto tables = inner_.store_tables()) baseline = store_invariant_violations(*tables);
  }
  std::lock_guard lock(mutex_);
  baseline_ = std::move(baseline);
}

void RecordingTarget::reset_to_known(const Json& fixture_tables,
                                     std::vector<std::string> baseline) {
  forget_and_reset(fixture_tables);
  std::lock_guard lock(mutex_);
  baseline_ = std::move(baseline);
}

void RecordingTarget::forget_and_reset(const std::optional<Json>& fixture_tables) {
  ids_.clear();
  {
    std::lock_guard lock(mutex_);
    llm_operations_.clear();
  }
  inner_.reset(fixture_tables);
}

std::vector<std::string> RecordingTarget::baseline() const {
  std::lock_guard lock(mutex_);
  return baseline_;
}

}  // namespace rm::harness
