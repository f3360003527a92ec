// The cooperative scheduler behind schedule exploration: actors park at every
// point and move only when stepped; other threads pass; the store decorator and
// MemoryStore's lock report their points with the tables they touch; the control
// API drives it all as the harness does over HTTP.
#include "mocks/fault/scheduler.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mocks/fault/actor_request.hpp"
#include "mocks/fault/schedule_control_api.hpp"
#include "mocks/fault/scheduled_store.hpp"
#include "mocks/store/memory_store.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 10s;  // a bound for a wait that must succeed, never reached when it works

const ActorState& actor_of(const ScheduleState& state, int id) {
  for (const ActorState& actor : state.actors) {
    if (actor.id == id) return actor;
  }
  throw std::runtime_error("no actor " + std::to_string(id));
}

NewResume resume(const std::string& name) {
  NewResume out;
  out.filename = name + ".pdf";
  out.content_type = "application/pdf";
  out.content = "text of " + name;
  out.processing_status = "pending";
  return out;
}

TEST(Scheduler, AThreadThatIsNoActorPassesEveryPoint) {
  Scheduler scheduler;
  scheduler.begin();
  scheduler.reach("before store.get_resume", store_operation_access("get_resume"));
  scheduler.before_lock("get_resume");
  EXPECT_TRUE(scheduler.state().actors.empty());
}

TEST(Scheduler, ActorsParkAtTheirStartAndMoveOnlyWhenStepped) {
  Scheduler scheduler;
  const std::uint64_t run = scheduler.begin();
  std::vector<std::string> order;
  std::mutex order_mutex;
  auto actor = [&](int id) {
    const Scheduler::Actor as(scheduler, run, id);
    scheduler.reach("first");
    {
      std::lock_guard lock(order_mutex);
      order.push_back("a" + std::to_string(id));
    }
    scheduler.reach("second", {{"jobs", true}});
  };
  std::thread one(actor, 1);
  std::thread two(actor, 2);
  ScheduleState state = scheduler.wait_quiescent(2, kWait);
  ASSERT_TRUE(state.quiescent);
  EXPECT_EQ(actor_of(state, 1).point, "request");
  EXPECT_EQ(actor_of(state, 2).point, "request");

  ASSERT_TRUE(scheduler.step(2));
  state = scheduler.wait_quiescent(2, kWait);
  ASSERT_TRUE(state.quiescent);
  EXPECT_EQ(actor_of(state, 2).point, "first");
  ASSERT_TRUE(scheduler.step(2));  // a2 passes "first" before a1 has even started
  state = scheduler.wait_quiescent(2, kWait);
  EXPECT_EQ(actor_of(state, 2).point, "second");
  EXPECT_EQ(actor_of(state, 2).access, (std::vector<TableAccess>{{"jobs", true}}));
  ASSERT_TRUE(scheduler.step(1));
  state = scheduler.wait_quiescent(2, kWait);
  ASSERT_TRUE(scheduler.step(1));
  state = scheduler.wait_quiescent(2, kWait);
  {
    std::lock_guard lock(order_mutex);
    EXPECT_EQ(order, (std::vector<std::string>{"a2", "a1"}));
  }
  ASSERT_TRUE(scheduler.step(1));
  ASSERT_TRUE(scheduler.step(2));
  state = scheduler.wait_quiescent(2, kWait);
  EXPECT_EQ(actor_of(state, 1).status, ActorState::Status::kDone);
  EXPECT_EQ(actor_of(state, 2).status, ActorState::Status::kDone);
  EXPECT_FALSE(scheduler.step(1));  // done: nothing to step
  one.join();
  two.join();
}

TEST(Scheduler, EndingTheRunLetsParkedActorsRunFree) {
  Scheduler scheduler;
  const std::uint64_t run = scheduler.begin();
  std::thread actor([&] {
    const Scheduler::Actor as(scheduler, run, 1);
    scheduler.reach("somewhere");
  });
  ASSERT_TRUE(scheduler.wait_quiescent(1, kWait).quiescent);
  scheduler.end();
  actor.join();  // would hang if end() left it parked
  SUCCEED();
}

TEST(Scheduler, AWaitForMoreActorsThanArriveTimesOutUnquiet) {
  Scheduler scheduler;
  scheduler.begin();
  const ScheduleState state = scheduler.wait_quiescent(1, 1ms);
  EXPECT_FALSE(state.quiescent);
  EXPECT_TRUE(state.actors.empty());
}

TEST(Scheduler, ATagOfAnEndedRunMakesNoActor) {
  Scheduler scheduler;
  const std::uint64_t old_run = scheduler.begin();
  scheduler.begin();
  const Scheduler::Actor as(scheduler, old_run, 1);  // would park forever if it counted
  EXPECT_TRUE(scheduler.state().actors.empty());
}

TEST(Scheduler, TagsParseOnlyInTheirOwnForm) {
  EXPECT_EQ(Scheduler::parse_tag("3.2"), (std::pair<std::uint64_t, int>{3, 2}));
  EXPECT_FALSE(Scheduler::parse_tag("3"));
  EXPECT_FALSE(Scheduler::parse_tag("3.0"));
  EXPECT_FALSE(Scheduler::parse_tag("a.1"));
  EXPECT_FALSE(Scheduler::parse_tag("1.2.3"));
  EXPECT_FALSE(Scheduler::parse_tag(""));
}

TEST(Scheduler, StateRoundTripsThroughJson) {
  ScheduleState state;
  state.run = 7;
  state.quiescent = true;
  ActorState actor;
  actor.id = 2;
  actor.status = ActorState::Status::kParked;
  actor.point = "lock set_preview_hash";
  actor.access = {{"jobs", true}};
  actor.points = 5;
  state.actors.push_back(actor);
  const ScheduleState back = ScheduleState::from_json(state.to_json());
  EXPECT_EQ(back.run, 7u);
  EXPECT_TRUE(back.quiescent);
  ASSERT_EQ(back.actors.size(), 1u);
  EXPECT_EQ(back.actors[0].status, ActorState::Status::kParked);
  EXPECT_EQ(back.actors[0].point, "lock set_preview_hash");
  EXPECT_EQ(back.actors[0].access, actor.access);
  EXPECT_EQ(back.actors[0].points, 5);
}

TEST(TableAccess, ConflictsNeedOneTableAndOneWrite) {
  EXPECT_TRUE(
      conflicts(store_operation_access("set_preview_hash"), store_operation_access("get_job")));
  EXPECT_FALSE(conflicts(store_operation_access("get_job"), store_operation_access("get_job")));
  EXPECT_FALSE(
      conflicts(store_operation_access("set_preview_hash"), store_operation_access("get_resume")));
  EXPECT_TRUE(conflicts(store_operation_access("delete_resume"),
                        store_operation_access("get_improvement_by_tailored_resume")));
  // Unknown operations are assumed to write everything.
  EXPECT_TRUE(
      conflicts(store_operation_access("something_new"), store_operation_access("get_job")));
}

// The points one store call makes, in order, as an actor sees them.
std::vector<std::string> points_of_one_call(const std::function<void(Store&)>& call) {
  auto scheduler = std::make_shared<Scheduler>();
  auto memory = std::make_shared<MemoryStore>();
  memory->observe_locks(scheduler);
  ScheduledStore store(memory, scheduler);
  const std::uint64_t run = scheduler->begin();
  std::thread actor([&] {
    const Scheduler::Actor as(*scheduler, run, 1);
    call(store);
  });
  std::vector<std::string> points;
  for (;;) {
    const ScheduleState state = scheduler->wait_quiescent(1, kWait);
    if (!state.quiescent) break;
    const ActorState& one = actor_of(state, 1);
    if (one.status == ActorState::Status::kDone) break;
    points.push_back(one.point);
    scheduler->step(1);
  }
  actor.join();
  return points;
}

TEST(ScheduledStore, PutsPointsAroundTheCallAndBeforeTheStoresOwnLock) {
  const auto points = points_of_one_call(
      [](Store& store) { store.create_resume(resume("a"), MasterPolicy::kMasterIfNone); });
  EXPECT_EQ(points, (std::vector<std::string>{"request", "before store.create_resume",
                                              "lock create_resume", "after store.create_resume"}));
}

TEST(ScheduledStore, AStoreThatLocksTwiceShowsBothLocks) {
  // A read-modify-write across two locked calls is visible as two lock points.
  const auto points = points_of_one_call([](Store& store) {
    auto& inner = static_cast<ScheduledStore&>(store).target();
    inner.get_master_resume();
    inner.create_resume(resume("b"), MasterPolicy::kMaster);
  });
  EXPECT_EQ(points,
            (std::vector<std::string>{"request", "lock get_master_resume", "lock create_resume"}));
}

ApiRequest control(const std::string& method, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> query = {}) {
  ApiRequest request;
  request.method = method;
  request.path = path;
  request.query = std::move(query);
  return request;
}

TEST(ScheduleControlApi, DrivesATaggedRequestStepByStep) {
  auto scheduler = std::make_shared<Scheduler>();
  ScheduleControlApi api(scheduler);
  const auto begun = api.handle(control("POST", "/__control/schedule/begin"));
  ASSERT_TRUE(begun);
  const std::uint64_t run = Json::parse(begun->body).at("run").get<std::uint64_t>();

  ApiRequest tagged = control("GET", "/api/v1/health");
  tagged.headers[kActorHeader] = std::to_string(run) + ".1";
  std::thread request([&] {
    handle_as_actor(*scheduler, tagged, [&](const ApiRequest&) {
      scheduler->reach("inside");
      return ApiResponse{};
    });
  });
  auto state =
      api.handle(control("GET", "/__control/schedule", {{"actors", "1"}, {"timeout_ms", "10000"}}));
  ASSERT_TRUE(state);
  Json body = Json::parse(state->body);
  EXPECT_TRUE(body["quiescent"].get<bool>());
  EXPECT_EQ(body["actors"][0]["point"], "request");
  auto stepped = api.handle(control("POST", "/__control/schedule/step", {{"actor", "1"}}));
  ASSERT_TRUE(stepped);
  EXPECT_TRUE(Json::parse(stepped->body)["stepped"].get<bool>());
  body = Json::parse(api.handle(control("GET", "/__control/schedule", {{"actors", "1"}}))->body);
  EXPECT_EQ(body["actors"][0]["point"], "inside");
  EXPECT_EQ(api.handle(control("POST", "/__control/schedule/end"))->status, 200);
  request.join();
}

TEST(ScheduleControlApi, RefusesMalformedParametersAndLeavesOtherPaths) {
  ScheduleControlApi api(std::make_shared<Scheduler>());
  EXPECT_EQ(api.handle(control("POST", "/__control/schedule/step", {{"actor", "x"}}))->status, 400);
  EXPECT_EQ(api.handle(control("POST", "/__control/schedule/step"))->status, 400);
  EXPECT_EQ(api.handle(control("GET", "/__control/schedule", {{"actors", "-1"}}))->status, 400);
  EXPECT_EQ(api.handle(control("GET", "/__control/schedule/begin"))->status, 405);
  EXPECT_FALSE(api.handle(control("GET", "/__control/plan")));
  EXPECT_FALSE(api.handle(control("GET", "/__control/schedulex")));
}

}  // namespace
}  // namespace rm
