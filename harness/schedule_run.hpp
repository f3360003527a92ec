#pragma once
// One run of a race scenario under the target's scheduler: the scenario's
// concurrent requests (flows::Background) are its actors; drive() makes every
// decision, taking the choices of `prefix` first and the default after it, and
// steps an actor parked where it touches no table (the start of a request, after
// an operation, around an LLM call) at once, since no order there can matter.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/schedule_explorer.hpp"
#include "harness/target.hpp"

namespace rm::harness {

class ScheduleRun {
 public:
  explicit ScheduleRun(std::vector<int> prefix,
                       std::chrono::milliseconds quiet_timeout = std::chrono::seconds(10));

  // Starts the run on the target; the tag of actor n is "<run>.<n>".
  void begin(Target& target);
  std::string actor_tag(int actor) const;
  // Makes every decision until all `actors` are done. Throws std::runtime_error
  // when an actor neither parks nor finishes within the quiet timeout, or when the
  // prefix names an actor that is not parked.
  void drive(Target& target, int actors);
  void end(Target& target);

  const std::vector<ScheduleDecision>& decisions() const { return decisions_; }
  // The choices made, and the shortest prefix that replays them (trailing defaults dropped).
  std::vector<int> choices() const;
  std::vector<int> minimal_choices() const;
  // What happened, one line per step: "#3 decide a2 (of a1 a2) lock set_preview_hash [jobs w]".
  const std::vector<std::string>& trace() const { return trace_; }

 private:
  std::vector<int> prefix_;
  std::chrono::milliseconds quiet_timeout_;
  std::uint64_t run_ = 0;
  std::vector<ScheduleDecision> decisions_;
  std::vector<std::string> trace_;
};

}  // namespace rm::harness
