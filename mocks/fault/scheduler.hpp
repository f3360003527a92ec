#pragma once
// A cooperative scheduler for exploring interleavings (docs/schedules.md). The
// requests of one exploration run are its actors: each is parked at every
// schedule point it reaches (before and after each store operation and LLM call,
// before a store takes its lock, at the start of the request) and runs on only
// when the controller steps it. Between two points exactly one actor runs, so a
// run is a sequence of choices ("which parked actor goes next") and replays
// exactly. Threads that are no actor of the current run pass every point at once.
//
// Control (the harness, in-process or through the control API):
//   begin() -> run id; actors are tagged "<run>.<n>" (X-Rm-Actor header)
//   wait_quiescent(n) until all n actors are parked or done, then step(actor) ...
//   end(): every parked actor runs free.
// Only condition variables: nothing here sleeps.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mocks/fault/table_access.hpp"
#include "mocks/store/lock_observer.hpp"

namespace rm {

struct ActorState {
  enum class Status { kRunning, kParked, kDone };
  int id = 0;
  Status status = Status::kRunning;
  std::string point;                // where it is parked (or was last)
  std::vector<TableAccess> access;  // what the operation it is parked before touches
  int points = 0;                   // points reached so far
};

struct ScheduleState {
  std::uint64_t run = 0;
  // Every registered actor is parked or done, and at least `actors` registered.
  bool quiescent = false;
  std::vector<ActorState> actors;  // by id

  Json to_json() const;
  static ScheduleState from_json(const Json& json);
};

const char* actor_status_name(ActorState::Status status);

class Scheduler : public LockObserver {
 public:
  Scheduler() = default;
  // Ends the run: no thread stays parked.
  ~Scheduler() override;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // --- controller -----------------------------------------------------------
  // Starts a run (ending any previous one) and returns its id.
  std::uint64_t begin();
  // Ends the current run: parked actors run free, later points pass at once.
  void end();
  // Returns once at least `actors` actors registered and each is parked or done,
  // or at the timeout (quiescent = false: some actor runs outside any point).
  ScheduleState wait_quiescent(int actors, std::chrono::milliseconds timeout);
  ScheduleState state() const;
  // Lets parked actor `actor` run to its next point; false if it is not parked.
  bool step(int actor);

  // --- instrumented code ------------------------------------------------------
  // Whether the calling thread is an actor of this scheduler: a thread-local
  // compare, so that callers build a point's name only when it can matter.
  bool is_actor_thread() const;
  // Parks the calling thread at `point` if it is an actor of the current run.
  void reach(std::string_view point, const std::vector<TableAccess>& access = {});
  // LockObserver: a point before a store takes its lock ("lock get_job").
  void before_lock(std::string_view operation) override;

  // Makes the calling thread actor `id` of run `run` for its lifetime, and parks
  // it at "request" at once, so that no actor does anything before it is chosen.
  // A tag of an ended run (or none) makes the thread no actor.
  class Actor {
   public:
    Actor(Scheduler& scheduler, std::uint64_t run, int id);
    ~Actor();
    Actor(const Actor&) = delete;
    Actor& operator=(const Actor&) = delete;

   private:
    Scheduler* scheduler_ = nullptr;  // null: not an actor
  };

  // "3.2" -> {run 3, actor 2}; nullopt when malformed.
  static std::optional<std::pair<std::uint64_t, int>> parse_tag(std::string_view tag);

 private:
  bool is_current_actor_locked() const;
  ScheduleState state_locked() const;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t run_ = 0;  // 0: no run
  std::uint64_t next_run_ = 1;
  std::map<int, ActorState> actors_;
};

}  // namespace rm
