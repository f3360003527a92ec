#pragma once
// The shared base of the targets reached over HTTP (process, command, url).
// Requests go to the target's base URL; a fault plan is split: llm rules go to
// the harness's mock-llm (/__control/plan there), store and converter rules to
// the target's own control API (when it has one). Gates are routed to the side
// whose rules name them; the journal merges both sides (ordered by t_ms; each
// side numbers rules within its part of the plan).
//
// Time: each request waits up to the request timeout for the target's answer. One
// still outstanding then, while the mock LLM holds a call of the target (a
// `timeout` fault, a gate), throws NotTestable naming both waits: the target waits
// longer for its LLM than the harness waits for it, so the scenario cannot be
// judged; without a held call it is a plain HttpTimeout (the target hangs).
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "harness/mock_llm_process.hpp"
#include "harness/target.hpp"

namespace rm::harness {

class HttpTarget : public Target {
 public:
  ApiResponse send(const ApiRequest& request) override;
  HookStatus hook(Hook hook) override;
  void install_plan(const FaultPlan& plan) override;
  void clear_plan() override;
  int wait_for_arrivals(const std::string& gate, int count, int timeout_ms) override;
  int release(const std::string& gate, bool all) override;
  Json journal() override;
  std::int64_t llm_calls() override;
  std::optional<Json> store_tables() override;
  // Prompts the mock LLM did not recognise (answered generically), with the hint.
  std::vector<std::string> notices() override;
  std::optional<std::uint64_t> schedule_begin() override;
  ScheduleState schedule_wait(int actors, int timeout_ms) override;
  bool schedule_step(int actor) override;
  void schedule_end() override;

  std::string base_url() const;
  MockLlmProcess& mock_llm() { return *mock_; }

 protected:
  HttpTarget(std::shared_ptr<MockLlmProcess> mock, std::chrono::milliseconds request_timeout);
  // Points the target at a (re)started server and detects its control API.
  void attach(const std::string& base_url);
  // No plan on either side, gates released, journals and call counts emptied,
  // and (with the control API) the target's store emptied.
  void reset_sides();
  bool has_control() const;
  // Whether the target's LLM calls reach the mock, judged by traffic: confirmed
  // once any request of the target reached it (a completion of any kind, a health
  // check, a model listing); until then available `by_traffic` (the runner judges
  // each scenario by its own traffic). No up-front probe: an implementation's
  // /health need not call its model.
  HookStatus llm_hook();
  // kFixtureDb is the subclass's to answer.
  virtual HookStatus fixture_hook() = 0;

 private:
  enum class Side { kTarget, kMock };
  Side side_of(const std::string& gate) const;

  std::shared_ptr<MockLlmProcess> mock_;
  mutable std::mutex mutex_;
  std::string base_url_;
  bool control_ = false;
  bool schedule_ = false;  // answers /__control/schedule
  std::chrono::milliseconds request_timeout_;
  bool llm_seen_ = false;
  std::map<std::string, Side> gate_sides_;
};

}  // namespace rm::harness
