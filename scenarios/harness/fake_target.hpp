#pragma once
// A Target for testing the runner itself: hooks switched on and off per test,
// stored tables set directly, requests answered by a function, every call counted.
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "harness/target.hpp"

namespace rm::harness::test {

class FakeTarget : public Target {
 public:
  FakeTarget() {
    for (Hook hook : kAllHooks) hooks[hook] = HookStatus{true, {}};
    // No scheduler behind it: schedule exploration is the embedded target's to test.
    hooks[Hook::kSchedule] = HookStatus{false, "the fake target has no schedule points"};
  }

  void remove_hook(Hook hook, const std::string& reason) {
    hooks[hook] = HookStatus{false, reason};
  }

  std::string describe() const override { return "fake"; }
  HookStatus hook(Hook hook) override { return hooks.at(hook); }
  ApiResponse send(const ApiRequest& request) override {
    ++sends;
    if (answer) return answer(request);
    return ApiResponse{404, {{"content-type", "application/json"}}, R"({"detail":"Not Found"})"};
  }
  void install_plan(const FaultPlan&) override { ++plans; }
  void clear_plan() override { ++clears; }
  int wait_for_arrivals(const std::string&, int count, int) override { return count; }
  int release(const std::string&, bool) override { return 1; }
  Json journal() override { return Json::array(); }
  std::int64_t llm_calls() override { return llm; }
  std::optional<Json> store_tables() override {
    std::lock_guard lock(mutex);
    return tables;
  }
  void reset(const std::optional<Json>& fixture) override {
    ++resets;
    std::lock_guard lock(mutex);
    tables = fixture ? *fixture : empty_tables();
  }
  void restart() override { ++restarts; }

  void set_tables(Json value) {
    std::lock_guard lock(mutex);
    tables = std::move(value);
  }

  static Json empty_tables() {
    return {
        {"resumes", Json::object()}, {"jobs", Json::object()}, {"improvements", Json::object()}};
  }

  std::map<Hook, HookStatus> hooks;
  std::function<ApiResponse(const ApiRequest&)> answer;
  std::atomic<int> sends{0}, plans{0}, clears{0}, resets{0}, restarts{0};
  std::int64_t llm = 0;
  std::mutex mutex;
  Json tables = empty_tables();
};

}  // namespace rm::harness::test
