#pragma once
// Systematic exploration of a race scenario's interleavings (docs/schedules.md).
// A run of the scenario under the scheduler is a sequence of decisions: at each,
// the requests (actors) are all parked before an operation that touches a table,
// and one of them is chosen to go on. A schedule is the list of choices, e.g.
// "1.1.2.1": replayed, it gives the same interleaving again; past its end the
// default applies (the actor that ran last goes on while it can, else the lowest).
//
// The explorer enumerates schedules depth-first. At a decision it branches to
// another actor only if that actor later performs an operation that conflicts with
// the one chosen there (same table, one of them writes): other orders only swap
// steps that commute (a simplified dynamic partial-order reduction). At most
// `preemption_bound` preemptions (switching away from an actor that could have gone
// on) per schedule: bugs of real code mostly need one or two.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mocks/fault/table_access.hpp"

namespace rm::harness {

// One decision as a run met it.
struct ScheduleDecision {
  std::vector<int> enabled;                         // parked actors, ascending
  int previous = 0;                                 // actor that ran last (0: none)
  int chosen = 0;                                   // actor chosen to go on
  std::map<int, std::string> points;                // actor -> where it is parked
  std::map<int, std::vector<TableAccess>> pending;  // actor -> what it is about to touch
};

// The default choice at a decision: the previous actor if it can go on, else the lowest.
int default_choice(const std::vector<int>& enabled, int previous);

// "1.1.2" <-> {1, 1, 2}. parse: nullopt unless dot-separated integers >= 1.
std::string format_schedule(const std::vector<int>& choices);
std::optional<std::vector<int>> parse_schedule(std::string_view text);

class ScheduleExplorer {
 public:
  explicit ScheduleExplorer(int preemption_bound = 2, int max_schedules = 2000);

  // The next schedule to run (a prefix of choices; defaults after it), or nullopt
  // when every schedule within the bounds has run (or max_schedules did).
  std::optional<std::vector<int>> next();
  // What the schedule returned by the last next() met. Throws std::runtime_error if
  // the run did not follow its own prefix (the target is not deterministic).
  void record(const std::vector<ScheduleDecision>& decisions);

  int schedules() const { return schedules_; }
  bool complete() const { return complete_; }  // every schedule in the bounds ran
  int preemption_bound() const { return preemption_bound_; }

 private:
  struct Node {
    ScheduleDecision decision;
    int preemptions_before = 0;
    std::set<int> tried;
    std::vector<int> alternatives;  // conflicting choices within the bound, untried or tried
  };
  static bool is_preemption(const ScheduleDecision& decision, int choice);

  int preemption_bound_;
  int max_schedules_;
  int schedules_ = 0;
  bool started_ = false;
  bool complete_ = false;
  std::vector<Node> stack_;
  std::vector<int> prefix_;
};

}  // namespace rm::harness
