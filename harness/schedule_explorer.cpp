#include "harness/schedule_explorer.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace rm::harness {

int default_choice(const std::vector<int>& enabled, int previous) {
  if (std::find(enabled.begin(), enabled.end(), previous) != enabled.end()) return previous;
  return enabled.empty() ? 0 : enabled.front();
}

std::string format_schedule(const std::vector<int>& choices) {
  std::string text;
  for (const int choice : choices) {
    if (!text.empty()) text += '.';
    text += std::to_string(choice);
  }
  return text;
}

std::optional<std::vector<int>> parse_schedule(std::string_view text) {
  std::vector<int> choices;
  if (text.empty()) return choices;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) dot = text.size();
    int value = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + dot;
    const auto [end, error] = std::from_chars(first, last, value);
    if (first == last || error != std::errc() || end != last || value < 1) return std::nullopt;
    choices.push_back(value);
    start = dot + 1;
  }
  return choices;
}

ScheduleExplorer::ScheduleExplorer(int preemption_bound, int max_schedules)
    : preemption_bound_(preemption_bound), max_schedules_(max_schedules) {}

bool ScheduleExplorer::is_preemption(const ScheduleDecision& decision, int choice) {
  const auto& enabled = decision.enabled;
  const bool previous_can_go_on =
      std::find(enabled.begin(), enabled.end(), decision.previous) != enabled.end();
  return previous_can_go_on && choice != decision.previous;
}

std::optional<std::vector<int>> ScheduleExplorer::next() {
  if (!started_) {
    started_ = true;
    prefix_.clear();
    return prefix_;
  }
  if (schedules_ >= max_schedules_) return std::nullopt;
  // Backtrack: the deepest decision with a conflicting choice not yet tried.
  while (!stack_.empty()) {
    Node& node = stack_.back();
    for (const int alternative : node.alternatives) {
      if (node.tried.count(alternative) != 0) continue;
      node.tried.insert(alternative);
      node.decision.chosen = alternative;
      prefix_.clear();
      for (const Node& kept : stack_) prefix_.push_back(kept.decision.chosen);
      return prefix_;
    }
    stack_.pop_back();
  }
  complete_ = true;
  return std::nullopt;
}

void ScheduleExplorer::record(const std::vector<ScheduleDecision>& decisions) {
  ++schedules_;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const ScheduleDecision& met = decisions[i];
    if (i < stack_.size()) {
      // Replayed part of the prefix: it must be what the earlier run met.
      if (met.enabled != stack_[i].decision.enabled || met.chosen != stack_[i].decision.chosen) {
        throw std::runtime_error(
            "schedule exploration: replaying schedule " + format_schedule(prefix_) +
            " met other actors at decision " + std::to_string(i + 1) +
            " than the run it replays (the target does not behave deterministically under the "
            "scheduler)");
      }
    } else {
      Node node;
      node.decision = met;
      node.preemptions_before =
          i == 0 ? 0
                 : stack_[i - 1].preemptions_before +
                       (is_preemption(stack_[i - 1].decision, stack_[i - 1].decision.chosen) ? 1
                                                                                             : 0);
      node.tried.insert(met.chosen);
      stack_.push_back(std::move(node));
    }
    // An actor q that later performs an operation conflicting with the one chosen
    // here could have gone first: running q here reverses that pair (as in dynamic
    // partial-order reduction). Actors whose later operations all commute with it
    // would only reorder independent steps.
    Node& node = stack_[i];
    const auto chosen_access = met.pending.find(met.chosen);
    if (chosen_access == met.pending.end()) continue;
    for (const int other : met.enabled) {
      if (other == met.chosen) continue;
      if (std::find(node.alternatives.begin(), node.alternatives.end(), other) !=
          node.alternatives.end()) {
        continue;
      }
      bool later_conflict = false;
      for (std::size_t j = i + 1; j < decisions.size() && !later_conflict; ++j) {
        if (decisions[j].chosen != other) continue;
        const auto access = decisions[j].pending.find(other);
        later_conflict =
            access != decisions[j].pending.end() && conflicts(access->second, chosen_access->second);
      }
      if (!later_conflict) continue;
      const int cost = node.preemptions_before + (is_preemption(met, other) ? 1 : 0);
      if (cost > preemption_bound_) continue;
      node.alternatives.push_back(other);
    }
  }
}

}  // namespace rm::harness
