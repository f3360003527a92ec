// The schedule explorer on toy programs run by a simulator (no threads): actors
// are lists of operations on shared variables; the simulator makes the decisions
// the way ScheduleRun does (prefix first, then the default) and the explorer
// enumerates. It must find the interleaving that loses an update, run one schedule
// where nothing conflicts, and respect the preemption bound.
#include "harness/schedule_explorer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace rm::harness {
namespace {

using Memory = std::map<std::string, int>;

struct Op {
  std::vector<TableAccess> access;
  std::function<void(Memory&, std::map<std::string, int>& locals)> effect;
};

using Program = std::vector<std::vector<Op>>;  // per actor (actor n = index n-1)

struct Outcome {
  std::vector<ScheduleDecision> decisions;
  Memory memory;
};

Outcome simulate(const Program& program, const std::vector<int>& prefix) {
  Outcome out;
  std::vector<std::size_t> next(program.size(), 0);
  std::vector<std::map<std::string, int>> locals(program.size());
  int previous = 0;
  for (;;) {
    ScheduleDecision decision;
    for (std::size_t a = 0; a < program.size(); ++a) {
      if (next[a] >= program[a].size()) continue;
      const int id = static_cast<int>(a) + 1;
      decision.enabled.push_back(id);
      decision.points[id] = "op" + std::to_string(next[a]);
      decision.pending[id] = program[a][next[a]].access;
    }
    if (decision.enabled.empty()) return out;
    decision.previous = previous;
    const std::size_t index = out.decisions.size();
    decision.chosen =
        index < prefix.size() ? prefix[index] : default_choice(decision.enabled, previous);
    const auto a = static_cast<std::size_t>(decision.chosen - 1);
    program[a][next[a]].effect(out.memory, locals[a]);
    ++next[a];
    previous = decision.chosen;
    out.decisions.push_back(std::move(decision));
  }
}

struct Explored {
  int schedules = 0;
  bool complete = false;
  std::set<std::string> final_states;
  std::vector<std::vector<int>> schedules_run;
};

Explored explore(const Program& program, int bound,
                 const std::function<std::string(const Memory&)>& state_of) {
  ScheduleExplorer explorer(bound, 10'000);
  Explored out;
  while (auto prefix = explorer.next()) {
    const Outcome outcome = simulate(program, *prefix);
    explorer.record(outcome.decisions);
    out.final_states.insert(state_of(outcome.memory));
    std::vector<int> choices;
    for (const auto& decision : outcome.decisions) choices.push_back(decision.chosen);
    out.schedules_run.push_back(choices);
  }
  out.schedules = explorer.schedules();
  out.complete = explorer.complete();
  return out;
}

// x += 1 as a read and a write: two actors may both read 0.
std::vector<Op> increment(const std::string& table) {
  return {
      {{{table, false}}, [](Memory& m, auto& local) { local["x"] = m["x"]; }},
      {{{table, true}}, [](Memory& m, auto& local) { m["x"] = local["x"] + 1; }},
  };
}

TEST(ScheduleExplorer, FindsTheLostUpdateOfTwoIncrements) {
  const Program program = {increment("jobs"), increment("jobs")};
  const Explored explored =
      explore(program, 2, [](const Memory& m) { return std::to_string(m.at("x")); });
  EXPECT_TRUE(explored.complete);
  EXPECT_EQ(explored.final_states, (std::set<std::string>{"1", "2"}));
  EXPECT_LE(explored.schedules, 6);
}

TEST(ScheduleExplorer, RunsOneScheduleWhenNothingConflicts) {
  const Program program = {increment("jobs"), increment("resumes")};
  const Explored explored = explore(program, 2, [](const Memory&) { return std::string(); });
  EXPECT_TRUE(explored.complete);
  EXPECT_EQ(explored.schedules, 1);
}

TEST(ScheduleExplorer, ReadsOfOneTableDoNotBranch) {
  const Op read{{{"jobs", false}}, [](Memory&, auto&) {}};
  const Program program = {{read, read}, {read, read}};
  EXPECT_EQ(explore(program, 2, [](const Memory&) { return std::string(); }).schedules, 1);
}

TEST(ScheduleExplorer, RespectsThePreemptionBound) {
  const Program program = {increment("jobs"), increment("jobs")};
  // Without preemptions each actor runs to its end once chosen: x is always 2.
  const Explored none =
      explore(program, 0, [](const Memory& m) { return std::to_string(m.at("x")); });
  EXPECT_EQ(none.final_states, (std::set<std::string>{"2"}));
  for (const auto& choices : none.schedules_run) {
    int switches = 0;
    for (std::size_t i = 1; i < choices.size(); ++i) switches += choices[i] != choices[i - 1];
    EXPECT_LE(switches, 1);
  }
}

TEST(ScheduleExplorer, ThreeActorsExploreWithinTheBound) {
  const Program program = {increment("jobs"), increment("jobs"), increment("jobs")};
  const Explored explored =
      explore(program, 2, [](const Memory& m) { return std::to_string(m.at("x")); });
  EXPECT_TRUE(explored.complete);
  EXPECT_TRUE(explored.final_states.count("1"));  // all three read 0
  EXPECT_TRUE(explored.final_states.count("3"));
}

TEST(ScheduleExplorer, ARunThatDoesNotFollowItsPrefixIsAnError) {
  const Program program = {increment("jobs"), increment("jobs")};
  ScheduleExplorer explorer(2);
  explorer.record(simulate(program, *explorer.next()).decisions);
  ASSERT_TRUE(explorer.next());
  // Record a run that chose differently at decision 1 than the stack holds.
  Outcome other = simulate(program, {2, 2, 1, 1});
  EXPECT_THROW(explorer.record(other.decisions), std::runtime_error);
}

TEST(ScheduleString, FormatsAndParses) {
  EXPECT_EQ(format_schedule({1, 1, 2}), "1.1.2");
  EXPECT_EQ(parse_schedule("1.1.2"), (std::vector<int>{1, 1, 2}));
  EXPECT_EQ(parse_schedule(""), std::vector<int>{});
  EXPECT_FALSE(parse_schedule("1..2"));
  EXPECT_FALSE(parse_schedule("1.0"));
  EXPECT_FALSE(parse_schedule("1.x"));
  EXPECT_FALSE(parse_schedule("1."));
}

TEST(ScheduleString, DefaultChoiceKeepsThePreviousActorWhileItCan) {
  EXPECT_EQ(default_choice({1, 2}, 2), 2);
  EXPECT_EQ(default_choice({1, 3}, 2), 1);
  EXPECT_EQ(default_choice({}, 2), 0);
}

}  // namespace
}  // namespace rm::harness
