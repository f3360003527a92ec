#pragma once
// The fault control API, transport-free: answers requests under /__control/ and
// leaves every other path to the caller (nullopt). A server mounts it in front
// of its own routes (loopback only; that check belongs to the server).
//
//   PUT    /__control/plan                  body: plan JSON -> 200 {plan}; 400 {detail} if invalid
//   GET    /__control/plan                  -> 200 {plan: <canonical plan> | null}
//   DELETE /__control/plan                  -> 200 {cleared: true}
//   GET    /__control/gates                 -> 200 {gates: [{name, arrivals, waiting, released}]}
//   POST   /__control/gates/{name}/wait?count=N&timeout_ms=T -> 200 {arrived, requested}
//   POST   /__control/gates/{name}/release[?all=true]        -> 200 {released}
//   GET    /__control/journal               -> 200 {journal: [...]}
//   POST   /__control/reset                 -> 200 {reset: true}
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "mocks/fault/fault_injector.hpp"
#include "reference/http/api_message.hpp"

namespace rm {

class FaultControlApi {
 public:
  // `accepted`: the components whose rules this process applies; a plan with a
  // rule for any other is refused (400) rather than silently ignored.
  // `reset_hook` runs on POST /__control/reset (e.g. to empty the store).
  explicit FaultControlApi(std::shared_ptr<FaultInjector> injector,
                           std::function<void()> reset_hook = {},
                           std::set<FaultComponent> accepted = {FaultComponent::kStore,
                                                                FaultComponent::kLlm,
                                                                FaultComponent::kConverter});

  std::optional<ApiResponse> handle(const ApiRequest& request);

  // Upper bound on a wait's timeout_ms, so that a request cannot hold a server thread forever.
  static constexpr std::int64_t kMaxWaitMs = 600'000;

 private:
  ApiResponse put_plan(const ApiRequest& request);
  ApiResponse wait_gate(const std::string& gate, const ApiRequest& request);
  ApiResponse release_gate(const std::string& gate, const ApiRequest& request);

  std::shared_ptr<FaultInjector> injector_;
  std::function<void()> reset_hook_;
  std::set<FaultComponent> accepted_;
};

}  // namespace rm
