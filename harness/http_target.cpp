#include "harness/http_target.hpp"

#include <algorithm>
#include <stdexcept>

#include "harness/http_call.hpp"
#include "harness/not_testable.hpp"

namespace rm::harness {
namespace {

// The plan's rules for one side, as a plan of their own (same seed).
std::optional<FaultPlan> part_of(const FaultPlan& plan, bool llm) {
  FaultPlan part;
  part.seed = plan.seed;
  part.comment = plan.comment;
  for (const FaultRule& rule : plan.rules) {
    if ((rule.component == FaultComponent::kLlm) == llm) part.rules.push_back(rule);
  }
  if (part.rules.empty()) return std::nullopt;
  return part;
}

Json journal_of(const std::string& base_url) {
  const Json body = control_call(base_url, "GET", "/__control/journal");
  return body.contains("journal") && body["journal"].is_array() ? body["journal"] : Json::array();
}

}  // namespace

HttpTarget::HttpTarget(std::shared_ptr<MockLlmProcess> mock,
                       std::chrono::milliseconds request_timeout)
    : mock_(std::move(mock)), request_timeout_(request_timeout) {}

std::string HttpTarget::base_url() const {
  std::lock_guard lock(mutex_);
  return base_url_;
}

bool HttpTarget::has_control() const {
  std::lock_guard lock(mutex_);
  return control_;
}

void HttpTarget::attach(const std::string& base_url) {
  bool control = false;
  try {
    ApiRequest probe;
    probe.method = "GET";
    probe.path = "/__control/plan";
    control = http_call(base_url, probe, std::chrono::seconds(10)).status == 200;
  } catch (const std::exception&) {
    control = false;
  }
  bool schedule = false;
  if (control) {
    try {
      ApiRequest probe;
      probe.method = "POST";
      probe.path = "/__control/schedule/end";
      schedule = http_call(base_url, probe, std::chrono::seconds(10)).status == 200;
    } catch (const std::exception&) {
      schedule = false;
    }
  }
  std::lock_guard lock(mutex_);
  base_url_ = base_url;
  control_ = control;
  schedule_ = schedule;
}

std::optional<std::uint64_t> HttpTarget::schedule_begin() {
  {
    std::lock_guard lock(mutex_);
    if (!schedule_) return std::nullopt;
  }
  const Json body = control_call(base_url(), "POST", "/__control/schedule/begin");
  return body.value("run", std::uint64_t{0});
}

ScheduleState HttpTarget::schedule_wait(int actors, int timeout_ms) {
  return ScheduleState::from_json(
      control_call(base_url(), "GET",
                   "/__control/schedule?actors=" + std::to_string(actors) +
                       "&timeout_ms=" + std::to_string(timeout_ms)));
}

bool HttpTarget::schedule_step(int actor) {
  const Json body =
      control_call(base_url(), "POST", "/__control/schedule/step?actor=" + std::to_string(actor));
  return body.value("stepped", false);
}

void HttpTarget::schedule_end() {
  if (has_control()) control_call(base_url(), "POST", "/__control/schedule/end");
}

ApiResponse HttpTarget::send(const ApiRequest& request) {
  try {
    return http_call(base_url(), request, request_timeout_);
  } catch (const HttpTimeout& timeout) {
    std::int64_t held = 0;
    try {
      held = mock_->held();
    } catch (const std::exception&) {
      throw timeout;  // the mock is gone too: nothing to tell apart
    }
    if (held == 0) throw;
    throw NotTestable(
        "the target had not answered " + request.method + " " + request.path + " after " +
        std::to_string(request_timeout_.count() / 1000) + " s (--request-timeout) while the " +
        "mock LLM held " + std::to_string(held) + " of its calls (a timeout fault holds a call " +
        "until the target's LLM client gives up, at most --llm-timeout-hold): the target waits " +
        "longer for its LLM than the harness waits for the target. Raise --request-timeout above " +
        "the target's whole LLM wait (its timeout x attempts), or set --llm-timeout-hold below " +
        "the target's LLM timeout (see docs/testing-another-implementation.md)");
  }
}

HookStatus HttpTarget::llm_hook() {
  {
    std::lock_guard lock(mutex_);
    if (llm_seen_) return {true, ""};
  }
  if (mock_->requests() > 0) {
    std::lock_guard lock(mutex_);
    llm_seen_ = true;
    return {true, ""};
  }
  HookStatus status{true, "", true};
  status.reason = "no request of the target has reached the harness's mock LLM (" +
                  mock_->v1_url() + "): point the target's LLM base URL at it";
  return status;
}

HookStatus HttpTarget::hook(Hook hook) {
  switch (hook) {
    case Hook::kLlm:
      return llm_hook();
    case Hook::kStore:
    case Hook::kStoreGate:
      if (has_control()) return {true, ""};
      return {false, std::string(hook_name(hook)) +
                         ": the target does not answer the fault-control API (GET " + base_url() +
                         "/__control/plan)"};
    case Hook::kFixtureDb:
      return fixture_hook();
    case Hook::kSchedule: {
      std::lock_guard lock(mutex_);
      if (schedule_) return {true, ""};
      return {false, "schedule: the target does not answer the scheduler's control API (POST " +
                         base_url_ + "/__control/schedule/end); races run statistically"};
    }
  }
  return {false, "unknown hook"};
}

void HttpTarget::install_plan(const FaultPlan& plan) {
  const auto llm_part = part_of(plan, true);
  const auto target_part = part_of(plan, false);
  if (target_part && !has_control()) {
    throw std::runtime_error(
        "the plan has store/converter rules but the target has no "
        "fault-control API");
  }
  std::map<std::string, Side> sides;
  for (const FaultRule& rule : plan.rules) {
    if (rule.action.kind == FaultActionKind::kGate) {
      sides[rule.action.gate] =
          rule.component == FaultComponent::kLlm ? Side::kMock : Side::kTarget;
    }
  }
  if (llm_part) {
    control_call(mock_->base_url(), "PUT", "/__control/plan", llm_part->to_json());
  } else {
    control_call(mock_->base_url(), "DELETE", "/__control/plan");
  }
  if (has_control()) {
    if (target_part) {
      control_call(base_url(), "PUT", "/__control/plan", target_part->to_json());
    } else {
      control_call(base_url(), "DELETE", "/__control/plan");
    }
  }
  std::lock_guard lock(mutex_);
  gate_sides_ = std::move(sides);
}

void HttpTarget::clear_plan() {
  control_call(mock_->base_url(), "DELETE", "/__control/plan");
  if (has_control()) control_call(base_url(), "DELETE", "/__control/plan");
  std::lock_guard lock(mutex_);
  gate_sides_.clear();
}

HttpTarget::Side HttpTarget::side_of(const std::string& gate) const {
  std::lock_guard lock(mutex_);
  const auto found = gate_sides_.find(gate);
  if (found != gate_sides_.end()) return found->second;
  return control_ ? Side::kTarget : Side::kMock;
}

int HttpTarget::wait_for_arrivals(const std::string& gate, int count, int timeout_ms) {
  const std::string base = side_of(gate) == Side::kMock ? mock_->base_url() : base_url();
  const Json body =
      control_call(base, "POST",
                   "/__control/gates/" + gate + "/wait?count=" + std::to_string(count) +
                       "&timeout_ms=" + std::to_string(timeout_ms));
  return body.value("arrived", 0);
}

int HttpTarget::release(const std::string& gate, bool all) {
  const std::string base = side_of(gate) == Side::kMock ? mock_->base_url() : base_url();
  const Json body = control_call(
      base, "POST", "/__control/gates/" + gate + "/release" + (all ? "?all=true" : ""));
  return body.value("released", 0);
}

Json HttpTarget::journal() {
  Json merged = journal_of(mock_->base_url());
  if (has_control()) {
    for (const Json& entry : journal_of(base_url())) merged.push_back(entry);
  }
  std::vector<Json> entries(merged.begin(), merged.end());
  std::stable_sort(entries.begin(), entries.end(), [](const Json& a, const Json& b) {
    return a.value("t_ms", std::int64_t{0}) < b.value("t_ms", std::int64_t{0});
  });
  return Json(entries);
}

std::int64_t HttpTarget::llm_calls() {
  const std::int64_t requests = mock_->requests();
  if (requests > 0) {
    std::lock_guard lock(mutex_);
    llm_seen_ = true;
  }
  return requests;
}

std::optional<Json> HttpTarget::store_tables() {
  if (!has_control()) return std::nullopt;
  ApiRequest request;
  request.method = "GET";
  request.path = "/__control/store";
  const ApiResponse response = http_call(base_url(), request);
  if (response.status != 200) return std::nullopt;
  const Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("tables")) return std::nullopt;
  return body["tables"];
}

std::vector<std::string> HttpTarget::notices() {
  std::vector<std::string> notices;
  std::vector<std::string> unknown;
  try {
    unknown = mock_->unknown_prompts();
  } catch (const std::exception&) {
    return notices;  // the mock is gone (the target stopped): nothing more to say
  }
  if (unknown.empty()) return notices;
  notices.push_back("mock-llm did not recognise " + std::to_string(unknown.size()) +
                    " kind(s) of prompt and answered them generically (journal operation "
                    "`unknown`); name their operations with --llm-rules FILE (format: "
                    "mock-llm --print-rules) to inject faults into them:");
  for (const std::string& start : unknown) notices.push_back("  \"" + start + "...\"");
  return notices;
}

void HttpTarget::reset_sides() {
  mock_->reset();
  if (has_control()) control_call(base_url(), "POST", "/__control/reset");
  std::lock_guard lock(mutex_);
  gate_sides_.clear();
}

}  // namespace rm::harness
