#include "harness/schedule_run.hpp"

#include <stdexcept>

namespace rm::harness {
namespace {

std::string access_text(const std::vector<TableAccess>& access) {
  std::string text;
  for (const TableAccess& item : access) {
    text += (text.empty() ? "" : " ") + item.table + (item.write ? " w" : " r");
  }
  return text.empty() ? "" : " [" + text + "]";
}

std::string actors_text(const std::vector<int>& actors) {
  std::string text;
  for (const int actor : actors) text += (text.empty() ? "a" : " a") + std::to_string(actor);
  return text;
}

}  // namespace

ScheduleRun::ScheduleRun(std::vector<int> prefix, std::chrono::milliseconds quiet_timeout)
    : prefix_(std::move(prefix)), quiet_timeout_(quiet_timeout) {}

void ScheduleRun::begin(Target& target) {
  const auto run = target.schedule_begin();
  if (!run) throw std::runtime_error("the target offers no schedule points");
  run_ = *run;
}

std::string ScheduleRun::actor_tag(int actor) const {
  return std::to_string(run_) + "." + std::to_string(actor);
}

void ScheduleRun::drive(Target& target, int actors) {
  int previous = 0;
  for (int step = 1;; ++step) {
    const ScheduleState state =
        target.schedule_wait(actors, static_cast<int>(quiet_timeout_.count()));
    if (!state.quiescent) {
      std::string running;
      for (const ActorState& actor : state.actors) {
        if (actor.status == ActorState::Status::kRunning) {
          running += (running.empty() ? "a" : ", a") + std::to_string(actor.id) + " (after " +
                     actor.point + ")";
        }
      }
      throw std::runtime_error(
          "schedule exploration: " + std::to_string(state.actors.size()) + " of " +
          std::to_string(actors) + " requests reached the scheduler, and " +
          (running.empty() ? std::string("the others never arrived")
                           : running + " neither reached a schedule point nor finished") +
          " within " + std::to_string(quiet_timeout_.count()) + " ms");
    }
    std::vector<int> parked;
    const ActorState* free_step = nullptr;
    for (const ActorState& actor : state.actors) {
      if (actor.status != ActorState::Status::kParked) continue;
      parked.push_back(actor.id);
      if (actor.access.empty() && free_step == nullptr) free_step = &actor;
    }
    if (parked.empty()) return;  // every actor done
    if (free_step != nullptr) {
      // Touches nothing shared before its next point: stepping it first commutes.
      trace_.push_back("#" + std::to_string(step) + "      a" + std::to_string(free_step->id) +
                       " " + free_step->point);
      if (!target.schedule_step(free_step->id)) {
        throw std::runtime_error("schedule exploration: could not step a" +
                                 std::to_string(free_step->id));
      }
      continue;
    }
    ScheduleDecision decision;
    decision.enabled = parked;
    decision.previous = previous;
    for (const ActorState& actor : state.actors) {
      if (actor.status != ActorState::Status::kParked) continue;
      decision.points[actor.id] = actor.point;
      decision.pending[actor.id] = actor.access;
    }
    const std::size_t index = decisions_.size();
    int chosen = default_choice(parked, previous);
    if (index < prefix_.size()) {
      chosen = prefix_[index];
      if (decision.points.count(chosen) == 0) {
        throw std::runtime_error("schedule " + format_schedule(prefix_) + ": decision " +
                                 std::to_string(index + 1) + " chooses a" + std::to_string(chosen) +
                                 ", but only " + actors_text(parked) + " can go on there");
      }
    }
    decision.chosen = chosen;
    trace_.push_back("#" + std::to_string(step) + " d" + std::to_string(index + 1) + "   a" +
                     std::to_string(chosen) + " " + decision.points[chosen] +
                     access_text(decision.pending[chosen]) + "   (parked: " + actors_text(parked) +
                     ")");
    decisions_.push_back(std::move(decision));
    if (!target.schedule_step(chosen)) {
      throw std::runtime_error("schedule exploration: could not step a" + std::to_string(chosen));
    }
    previous = chosen;
  }
}

void ScheduleRun::end(Target& target) { target.schedule_end(); }

std::vector<int> ScheduleRun::choices() const {
  std::vector<int> out;
  for (const ScheduleDecision& decision : decisions_) out.push_back(decision.chosen);
  return out;
}

std::vector<int> ScheduleRun::minimal_choices() const {
  std::vector<int> out = choices();
  while (!out.empty()) {
    const ScheduleDecision& last = decisions_[out.size() - 1];
    if (last.chosen != default_choice(last.enabled, last.previous)) break;
    out.pop_back();
  }
  return out;
}

}  // namespace rm::harness
