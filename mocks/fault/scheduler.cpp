#include "mocks/fault/scheduler.hpp"

#include <charconv>

namespace rm {
namespace {

// The actor the calling thread is, if any: which scheduler, which run, which id.
struct ThreadActor {
  const Scheduler* scheduler = nullptr;
  std::uint64_t run = 0;
  int id = 0;
};
thread_local ThreadActor current_actor;

}  // namespace

const char* actor_status_name(ActorState::Status status) {
  switch (status) {
    case ActorState::Status::kRunning:
      return "running";
    case ActorState::Status::kParked:
      return "parked";
    case ActorState::Status::kDone:
      return "done";
  }
  return "unknown";
}

Json ScheduleState::to_json() const {
  Json list = Json::array();
  for (const ActorState& actor : actors) {
    list.push_back({{"actor", actor.id},
                    {"status", actor_status_name(actor.status)},
                    {"point", actor.point},
                    {"access", access_to_json(actor.access)},
                    {"points", actor.points}});
  }
  return {{"run", run}, {"quiescent", quiescent}, {"actors", list}};
}

ScheduleState ScheduleState::from_json(const Json& json) {
  ScheduleState state;
  if (!json.is_object()) return state;
  state.run = json.value("run", std::uint64_t{0});
  state.quiescent = json.value("quiescent", false);
  const Json actors = json.value("actors", Json::array());
  for (const Json& item : actors) {
    if (!item.is_object()) continue;
    ActorState actor;
    actor.id = item.value("actor", 0);
    const std::string status = item.value("status", std::string());
    actor.status = status == "parked" ? ActorState::Status::kParked
                   : status == "done" ? ActorState::Status::kDone
                                      : ActorState::Status::kRunning;
    actor.point = item.value("point", std::string());
    actor.access = access_from_json(item.value("access", Json::array()));
    actor.points = item.value("points", 0);
    state.actors.push_back(std::move(actor));
  }
  return state;
}

Scheduler::~Scheduler() { end(); }

std::uint64_t Scheduler::begin() {
  std::lock_guard lock(mutex_);
  run_ = next_run_++;
  actors_.clear();
  changed_.notify_all();  // actors of an older run (if any) see it ended
  return run_;
}

void Scheduler::end() {
  std::lock_guard lock(mutex_);
  run_ = 0;
  actors_.clear();
  changed_.notify_all();
}

ScheduleState Scheduler::state_locked() const {
  ScheduleState state;
  state.run = run_;
  for (const auto& [id, actor] : actors_) state.actors.push_back(actor);
  return state;
}

ScheduleState Scheduler::state() const {
  std::lock_guard lock(mutex_);
  return state_locked();
}

ScheduleState Scheduler::wait_quiescent(int actors, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto quiet = [&] {
    if (static_cast<int>(actors_.size()) < actors) return false;
    for (const auto& [id, actor] : actors_) {
      if (actor.status == ActorState::Status::kRunning) return false;
    }
    return true;
  };
  const bool reached = changed_.wait_for(lock, timeout, quiet);
  ScheduleState state = state_locked();
  state.quiescent = reached;
  return state;
}

bool Scheduler::step(int actor) {
  std::lock_guard lock(mutex_);
  const auto found = actors_.find(actor);
  if (found == actors_.end() || found->second.status != ActorState::Status::kParked) return false;
  found->second.status = ActorState::Status::kRunning;
  changed_.notify_all();
  return true;
}

bool Scheduler::is_current_actor_locked() const {
  return current_actor.scheduler == this && current_actor.run != 0 && current_actor.run == run_ &&
         actors_.count(current_actor.id) != 0;
}

bool Scheduler::is_actor_thread() const { return current_actor.scheduler == this; }

void Scheduler::reach(std::string_view point, const std::vector<TableAccess>& access) {
  if (!is_actor_thread()) return;  // the common case: no lock taken
  std::unique_lock lock(mutex_);
  if (!is_current_actor_locked()) return;
  const std::uint64_t run = run_;
  const int id = current_actor.id;
  ActorState& actor = actors_.at(id);
  actor.status = ActorState::Status::kParked;
  actor.point = std::string(point);
  actor.access = access;
  ++actor.points;
  changed_.notify_all();
  changed_.wait(lock, [&] {
    if (run_ != run) return true;  // the run ended: run free
    const auto found = actors_.find(id);
    return found == actors_.end() || found->second.status != ActorState::Status::kParked;
  });
}

void Scheduler::before_lock(std::string_view operation) {
  if (!is_actor_thread()) return;
  reach("lock " + std::string(operation), store_operation_access(operation));
}

Scheduler::Actor::Actor(Scheduler& scheduler, std::uint64_t run, int id) {
  {
    std::lock_guard lock(scheduler.mutex_);
    if (run == 0 || run != scheduler.run_ || scheduler.actors_.count(id) != 0) return;
    ActorState actor;
    actor.id = id;
    scheduler.actors_.emplace(id, std::move(actor));
  }
  scheduler_ = &scheduler;
  current_actor = {&scheduler, run, id};
  scheduler.reach("request");
}

Scheduler::Actor::~Actor() {
  if (scheduler_ == nullptr) return;
  {
    std::lock_guard lock(scheduler_->mutex_);
    if (scheduler_->is_current_actor_locked()) {
      ActorState& actor = scheduler_->actors_.at(current_actor.id);
      actor.status = ActorState::Status::kDone;
      actor.point = "done";
      actor.access.clear();
    }
    scheduler_->changed_.notify_all();
  }
  current_actor = {};
}

std::optional<std::pair<std::uint64_t, int>> Scheduler::parse_tag(std::string_view tag) {
  const auto dot = tag.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::uint64_t run = 0;
  int id = 0;
  const char* begin = tag.data();
  const auto first = std::from_chars(begin, begin + dot, run);
  if (first.ec != std::errc() || first.ptr != begin + dot) return std::nullopt;
  const auto second = std::from_chars(begin + dot + 1, begin + tag.size(), id);
  if (second.ec != std::errc() || second.ptr != begin + tag.size() || id <= 0) return std::nullopt;
  return std::pair{run, id};
}

}  // namespace rm
