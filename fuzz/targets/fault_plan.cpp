// Fault plans (mocks/fault/fault_plan.*): arbitrary plan JSON, then, when the
// plan is accepted, the standard flow (upload, job, preview, confirm, cover
// letter, list) on the embedded reference with the plan installed. Oracles:
//   - a plan is accepted or refused with a reason that names the place;
//   - an accepted plan's canonical JSON round-trips (from_json(to_json(p)) == p);
//   - no gate waits forever: with every gate released as calls arrive and the
//     plan cleared after a moment, the flow finishes within a deadline;
//   - every answer that is not a 2xx carries a JSON detail;
//   - every injected fault surfaces or the invariants hold: when a section 3
//     invariant is broken, a fault fired and some answer surfaced it (a non-2xx
//     status or a warning) — or the fault was one the service cannot see
//     (drop_write, stale_read: the port itself lies about what it stored).
// Delays are clamped to 2 ms so that a campaign is not spent sleeping.
// Input: the plan's JSON text.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fuzz/support/embedded_session.hpp"
#include "fuzz/support/oracle.hpp"
#include "harness/check.hpp"
#include "harness/flows.hpp"
#include "harness/scenario.hpp"
#include "mocks/fault/fault_plan.hpp"

namespace {

constexpr const char* kTarget = "fault_plan";
constexpr auto kQuiet = std::chrono::milliseconds(50);  // then the plan is cleared
constexpr auto kDeadline = std::chrono::seconds(20);    // after that, something waits forever

rm::fuzz::EmbeddedSession& session() {
  static auto* instance = new rm::fuzz::EmbeddedSession;  // lives for the process
  return *instance;
}

struct FlowResult {
  std::vector<rm::harness::flows::Step> steps;
};

void standard_flow(rm::harness::ScenarioContext& context, FlowResult& result) {
  namespace flows = rm::harness::flows;
  auto& steps = result.steps;
  steps.push_back(flows::set_features(context, true, true));
  steps.push_back(flows::upload_resume(context));
  const std::string resume_id = steps.back().string_at("/resume_id");
  steps.push_back(flows::upload_job(context));
  const rm::Json job_ids = steps.back().at("/job_id");
  const std::string job_id = job_ids.is_array() && !job_ids.empty() && job_ids[0].is_string()
                                 ? job_ids[0].get<std::string>()
                                 : "";
  if (resume_id.empty() || job_id.empty()) return;
  steps.push_back(flows::preview(context, resume_id, job_id));
  if (!steps.back().ok()) return;
  steps.push_back(
      flows::confirm(context, flows::confirm_body(steps.back().body, resume_id, job_id)));
  const std::string tailored = steps.back().string_at("/data/resume_id");
  if (!tailored.empty()) steps.push_back(flows::generate_cover_letter(context, tailored));
  steps.push_back(flows::list_resumes(context));
}

bool surfaced(const FlowResult& result) {
  for (const auto& step : result.steps) {
    if (step.status < 200 || step.status >= 300) return true;
    if (!rm::harness::flows::warnings_of(step.body).empty()) return true;
    const std::string status = step.string_at("/processing_status");
    if (status == "failed") return true;
  }
  return false;
}

std::string transcript(const FlowResult& result) {
  std::string text;
  for (const auto& step : result.steps) text += step.evidence() + " | ";
  return rm::fuzz::shorten(text, 1500);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const rm::FaultPlanParse parsed = rm::parse_fault_plan_text(text);
  if (!parsed.ok()) {
    rm::fuzz::require(!parsed.error.empty() && parsed.error.find(':') != std::string::npos, kTarget,
                      "a plan refused without a reason naming the place", parsed.error);
    return 0;
  }
  rm::FaultPlan plan = *parsed.plan;
  const rm::Json canonical = plan.to_json();
  const rm::FaultPlanParse again = rm::parse_fault_plan(canonical);
  rm::fuzz::require(again.ok() && *again.plan == plan && again.plan->to_json() == canonical,
                    kTarget, "the canonical plan does not round-trip", canonical.dump());

  std::set<std::string> gates;
  for (rm::FaultRule& rule : plan.rules) {
    if (rule.action.kind == rm::FaultActionKind::kDelay) {
      rule.action.ms = std::min<std::int64_t>(rule.action.ms, 2);
      rule.action.jitter_ms = std::min<std::int64_t>(rule.action.jitter_ms, 2);
    }
    if (!rule.action.gate.empty()) gates.insert(rule.action.gate);
  }

  rm::fuzz::EmbeddedSession& s = session();
  s.reset();
  s.target().install_plan(plan);
  rm::harness::Check check;
  rm::harness::ScenarioContext context{s.target(), check, plan.seed};
  FlowResult result;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::thread flow([&] {
    standard_flow(context, result);
    std::lock_guard lock(mutex);
    done = true;
    finished.notify_all();
  });
  const auto start = std::chrono::steady_clock::now();
  bool cleared = false;
  {
    std::unique_lock lock(mutex);
    while (!done) {
      lock.unlock();
      for (const std::string& gate : gates) s.target().release(gate, true);
      const auto waited = std::chrono::steady_clock::now() - start;
      if (!cleared && waited > kQuiet) {
        s.target().clear_plan();  // releases held calls and cuts delays short
        cleared = true;
      }
      if (waited > kDeadline) {
        rm::fuzz::oracle_failed(kTarget, "the flow still waits long after every gate was released",
                                canonical.dump());
      }
      lock.lock();
      finished.wait_for(lock, std::chrono::milliseconds(1));
    }
  }
  flow.join();
  const rm::Json journal = s.target().journal();
  s.target().clear_plan();

  for (const auto& step : result.steps) {
    if (step.status >= 200 && step.status < 300) continue;
    const std::string problem = rm::fuzz::response_problem(step.response, /*allow_5xx=*/true);
    // A 500 is how a fault surfaces too; only a missing detail is wrong here.
    if (!problem.empty() && problem.find("catch-all") == std::string::npos) {
      rm::fuzz::oracle_failed(kTarget, problem, step.evidence());
    }
  }
  const auto violations = s.invariant_violations();
  if (violations.empty()) return 0;
  bool fired = false;
  bool silent_lie = false;
  for (const rm::Json& entry : journal) {
    if (!entry.contains("action")) continue;
    fired = true;
    const std::string action = entry.value("action", "");
    if (action == "drop_write" || action == "stale_read") silent_lie = true;
  }
  if (silent_lie) return 0;
  if (!fired || !surfaced(result)) {
    rm::fuzz::oracle_failed(
        kTarget, "contract section 3 invariant broken and no fault surfaced: " + violations.front(),
        "plan " + canonical.dump() + " | " + transcript(result));
  }
  return 0;
}
