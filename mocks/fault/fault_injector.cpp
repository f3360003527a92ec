#include "mocks/fault/fault_injector.hpp"

#include <random>
#include <regex>
#include <utility>

namespace rm {
namespace {

// mt19937_64's output sequence is fixed by the standard; the distributions are
// not, so draws are mapped by hand to stay identical on every platform.
double unit_draw(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
}

std::string call_key(FaultComponent component, std::string_view operation) {
  return std::string(component_name(component)) + ":" + std::string(operation);
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

struct FaultInjector::Installed {
  explicit Installed(FaultPlan p) : plan(std::move(p)), rng(plan.seed) {
    matches.assign(plan.rules.size(), 0);
    fired.assign(plan.rules.size(), 0);
    for (const auto& rule : plan.rules) {
      std::vector<std::pair<std::string, std::regex>> compiled;
      for (const auto& [field, pattern] : rule.when) {
        compiled.emplace_back(field, std::regex(pattern, std::regex::ECMAScript));
      }
      when.push_back(std::move(compiled));
    }
  }

  bool rule_matches(std::size_t index, FaultComponent component, std::string_view operation,
                    const FaultArgs& args) const {
    const FaultRule& rule = plan.rules[index];
    if (rule.component != component) return false;
    if (rule.any_operation()) {
      if (!action_applies(component, operation, rule.action.kind)) return false;
    } else {
      bool named = false;
      for (const auto& op : rule.operations) named = named || op == operation;
      if (!named) return false;
    }
    for (const auto& [field, regex] : when[index]) {
      auto it = args.find(field);
      if (it == args.end()) return false;
      try {
        if (!std::regex_search(it->second, regex)) return false;
      } catch (const std::regex_error&) {
        return false;  // too complex for this input: treat as no match
      }
    }
    return true;
  }

  FaultPlan plan;
  std::mt19937_64 rng;
  std::vector<std::vector<std::pair<std::string, std::regex>>> when;
  std::vector<std::int64_t> matches;          // per rule: calls that matched its selector
  std::vector<std::int64_t> fired;            // per rule: times it fired
  std::map<std::string, std::int64_t> calls;  // by call_key()
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

FaultInjector::FaultInjector() = default;

FaultInjector::FaultInjector(FaultPlan plan) { install(std::move(plan)); }

FaultInjector::~FaultInjector() {
  std::lock_guard lock(mutex_);
  ++generation_;
  cut_short_.notify_all();
}

void FaultInjector::install(FaultPlan plan) {
  auto installed = std::make_unique<Installed>(std::move(plan));
  std::lock_guard lock(mutex_);
  drop_plan_locked(/*forget=*/true);
  journal_.clear();
  aux_state_ = installed->plan.seed ^ 0x5f3759df5f3759dfULL;
  events_started_ = installed->started;  // one clock for the journal, also after a clear
  installed_ = std::move(installed);
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  drop_plan_locked(/*forget=*/false);
}

void FaultInjector::reset() {
  std::lock_guard lock(mutex_);
  events_started_ = std::chrono::steady_clock::now();
  drop_plan_locked(/*forget=*/true);
  journal_.clear();
}

void FaultInjector::drop_plan_locked(bool forget) {
  installed_.reset();
  ++generation_;
  cut_short_.notify_all();
  if (forget) {
    gates_.forget();
  } else {
    gates_.release_everything();
  }
}

std::optional<FaultPlan> FaultInjector::plan() const {
  std::lock_guard lock(mutex_);
  if (!installed_) return std::nullopt;
  return installed_->plan;
}

FaultDecision FaultInjector::decide(FaultComponent component, std::string_view operation,
                                    const FaultArgs& args, const Json& journal_fields) {
  std::lock_guard lock(mutex_);
  FaultDecision decision;
  decision.generation = generation_;
  decision.gate_epoch = gates_.epoch();
  if (!installed_) return decision;
  Installed& s = *installed_;
  std::int64_t call = ++s.calls[call_key(component, operation)];
  auto t_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - s.started)
                  .count();

  for (std::size_t i = 0; i < s.plan.rules.size(); ++i) {
    const FaultRule& rule = s.plan.rules[i];
    if (!s.rule_matches(i, component, operation, args)) continue;
    std::int64_t match = ++s.matches[i];
    bool pause = is_pause_action(rule.action.kind);
    // One outcome per call: later outcome rules are not even drawn for.
    if (!pause && decision.effect) continue;
    if (rule.nth ? match != *rule.nth : match <= rule.after) continue;
    if (rule.times && s.fired[i] >= *rule.times) continue;
    if (rule.probability && !(unit_draw(s.rng) < *rule.probability)) continue;
    ++s.fired[i];

    FiredFault fired{i, rule.action, call, 0};
    if (rule.action.kind == FaultActionKind::kDelay) {
      std::int64_t jitter = rule.action.jitter_ms;
      fired.delay_ms =
          rule.action.ms +
          (jitter > 0 ? static_cast<std::int64_t>(s.rng() % static_cast<std::uint64_t>(jitter + 1))
                      : 0);
    }
    JournalEntry entry;
    entry.component = component;
    entry.operation = std::string(operation);
    entry.call = call;
    entry.rule = i;
    entry.action = rule.action.kind;
    entry.gate = rule.action.gate;
    if (rule.action.kind == FaultActionKind::kDelay) entry.delay_ms = fired.delay_ms;
    entry.t_ms = t_ms;
    if (journal_fields.is_object()) entry.fields = journal_fields;
    journal_.record(std::move(entry));

    if (pause) {
      decision.pauses.push_back(std::move(fired));
    } else {
      decision.effect = std::move(fired);
    }
  }
  return decision;
}

void FaultInjector::hold(const FaultDecision& decision) {
  for (const auto& pause : decision.pauses) {
    if (pause.action.kind == FaultActionKind::kDelay) {
      // Blocking for a duration is what a delay is; a clear/reset ends it early.
      std::unique_lock lock(mutex_);
      cut_short_.wait_for(lock, std::chrono::milliseconds(pause.delay_ms),
                          [&] { return generation_ != decision.generation; });
    } else {
      gates_.arrive_in_epoch(pause.action.gate, decision.gate_epoch);
    }
  }
}

std::optional<FaultAction> FaultInjector::on_call(FaultComponent component,
                                                  std::string_view operation, const FaultArgs& args,
                                                  const Json& journal_fields) {
  FaultDecision decision = decide(component, operation, args, journal_fields);
  if (decision.empty()) return std::nullopt;
  hold(decision);
  if (!decision.effect) return std::nullopt;
  return decision.effect->action;
}

void FaultInjector::record_event(FaultComponent component, std::string_view operation,
                                 std::string event, std::int64_t call, Json fields) {
  std::lock_guard lock(mutex_);
  const auto started = installed_ ? installed_->started : events_started_;
  JournalEntry entry;
  entry.component = component;
  entry.operation = std::string(operation);
  entry.call = call;
  entry.event = std::move(event);
  entry.t_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count();
  if (fields.is_object()) entry.fields = std::move(fields);
  journal_.record(std::move(entry));
}

std::int64_t FaultInjector::calls(FaultComponent component, std::string_view operation) const {
  std::lock_guard lock(mutex_);
  if (!installed_) return 0;
  auto it = installed_->calls.find(call_key(component, operation));
  return it == installed_->calls.end() ? 0 : it->second;
}

std::uint64_t FaultInjector::draw_aux() {
  std::lock_guard lock(mutex_);
  return splitmix64(aux_state_);
}

}  // namespace rm
