// Gates: held threads, arrivals the controller can wait for, releases. Every
// ordering below is forced by the gate itself; nothing sleeps.
#include "mocks/fault/gate.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "fault_test_support.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;
using fault_test::FaultyMemoryStore;
using fault_test::sample_resume;

// Generous: only reached when the code under test is broken.
constexpr auto kLongWait = 30s;

TEST(GateRegistry, ControllerSeesTwoArrivalsAndReleasesBoth) {
  GateRegistry gates;
  auto first = std::async(std::launch::async, [&] { gates.arrive("g"); });
  auto second = std::async(std::launch::async, [&] { gates.arrive("g"); });
  EXPECT_EQ(gates.wait_for_arrivals("g", 2, kLongWait), 2);
  EXPECT_EQ(gates.waiting("g"), 2);
  EXPECT_EQ(gates.release_all("g"), 2);
  first.get();
  second.get();
  EXPECT_EQ(gates.waiting("g"), 0);
  EXPECT_EQ(gates.arrivals("g"), 2);
}

TEST(GateRegistry, TimeoutReportsHowManyArrived) {
  GateRegistry gates;
  auto only = std::async(std::launch::async, [&] { gates.arrive("g"); });
  // Wait for the one arrival first, so that the timed wait below really times out
  // with exactly one arrived (not zero).
  ASSERT_EQ(gates.wait_for_arrivals("g", 1, kLongWait), 1);
  EXPECT_EQ(gates.wait_for_arrivals("g", 2, 50ms), 1);
  EXPECT_EQ(gates.release_one("g"), 1);
  only.get();
}

TEST(GateRegistry, ReleaseOneLetsThreadsGoInArrivalOrder) {
  GateRegistry gates;
  auto a = std::async(std::launch::async, [&] { gates.arrive("g"); });
  ASSERT_EQ(gates.wait_for_arrivals("g", 1, kLongWait), 1);
  auto b = std::async(std::launch::async, [&] { gates.arrive("g"); });
  ASSERT_EQ(gates.wait_for_arrivals("g", 2, kLongWait), 2);

  EXPECT_EQ(gates.release_one("g"), 1);
  a.get();  // the first to arrive is the one released
  EXPECT_EQ(gates.waiting("g"), 1);
  EXPECT_EQ(b.wait_for(0s), std::future_status::timeout);
  EXPECT_EQ(gates.release_one("g"), 1);
  b.get();
  EXPECT_EQ(gates.release_one("g"), 0);  // nothing held: a release is not banked
}

TEST(GateRegistry, ListShowsEveryGateWithCounts) {
  GateRegistry gates;
  auto held = std::async(std::launch::async, [&] { gates.arrive("b"); });
  ASSERT_EQ(gates.wait_for_arrivals("b", 1, kLongWait), 1);
  gates.wait_for_arrivals("a", 0, 0ms);
  auto list = gates.list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "a");
  EXPECT_EQ(list[0].arrivals, 0);
  EXPECT_EQ(list[1].name, "b");
  EXPECT_EQ(list[1].arrivals, 1);
  EXPECT_EQ(list[1].waiting, 1);
  EXPECT_EQ(list[1].released, 0);
  EXPECT_EQ(gates.release_everything(), 1);
  held.get();
}

TEST(GateRegistry, ForgetReleasesAndRestartsCounts) {
  GateRegistry gates;
  auto held = std::async(std::launch::async, [&] { gates.arrive("g"); });
  ASSERT_EQ(gates.wait_for_arrivals("g", 1, kLongWait), 1);
  EXPECT_EQ(gates.forget(), 1);
  held.get();
  EXPECT_EQ(gates.arrivals("g"), 0);
  EXPECT_TRUE(gates.list().empty());
}

TEST(GateRegistry, StaleEpochDoesNotBlock) {
  GateRegistry gates;
  std::uint64_t epoch = gates.epoch();
  gates.release_everything();
  EXPECT_FALSE(gates.arrive_in_epoch("g", epoch));
  EXPECT_EQ(gates.arrivals("g"), 0);
}

TEST(GateRegistry, DestructionReleasesHeldThreads) {
  auto gates = std::make_unique<GateRegistry>();
  auto held = std::async(std::launch::async, [&gates] { gates->arrive("g"); });
  ASSERT_EQ(gates->wait_for_arrivals("g", 1, kLongWait), 1);
  gates.reset();
  held.get();
}

// The issue's gate test, through a FaultyStore: two threads call a gated store
// operation; the controller sees two arrivals, releases them, both complete.
TEST(GatedStore, TwoCallsHeldThenBothComplete) {
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":"create_resume",
                          "action":"gate","gate":"upload"}]})");
  GateRegistry& gates = s.injector->gates();
  auto a = std::async(std::launch::async, [&] {
    return s.store->create_resume(sample_resume("a"), MasterPolicy::kNotMaster);
  });
  auto b = std::async(std::launch::async, [&] {
    return s.store->create_resume(sample_resume("b"), MasterPolicy::kNotMaster);
  });

  EXPECT_EQ(gates.wait_for_arrivals("upload", 2, kLongWait), 2);
  // Both are held before reaching the store.
  EXPECT_EQ(s.inner->stats().total_resumes, 0);
  EXPECT_EQ(gates.release_all("upload"), 2);
  Document ra = a.get();
  Document rb = b.get();
  EXPECT_NE(ra["resume_id"], rb["resume_id"]);
  EXPECT_EQ(s.inner->stats().total_resumes, 2);

  Json journal = s.injector->journal().to_json();
  ASSERT_EQ(journal.size(), 2u);
  for (const auto& entry : journal) {
    EXPECT_EQ(entry["action"], "gate");
    EXPECT_EQ(entry["gate"], "upload");
  }
}

// ... and with a timeout and only one arrival, it reports one and releases it.
TEST(GatedStore, TimeoutWithOneArrivalReportsOneAndReleasesIt) {
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":"create_resume",
                          "action":"gate","gate":"upload"}]})");
  GateRegistry& gates = s.injector->gates();
  auto a = std::async(std::launch::async, [&] {
    return s.store->create_resume(sample_resume("a"), MasterPolicy::kNotMaster);
  });
  ASSERT_EQ(gates.wait_for_arrivals("upload", 1, kLongWait), 1);
  EXPECT_EQ(gates.wait_for_arrivals("upload", 2, 100ms), 1);
  EXPECT_EQ(gates.release_one("upload"), 1);
  EXPECT_TRUE(a.get().contains("resume_id"));
  EXPECT_EQ(s.inner->stats().total_resumes, 1);
}

TEST(GatedStore, ResetReleasesHeldCallsAndLaterCallsPass) {
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":"get_resume",
                          "action":"gate","gate":"read"}]})");
  auto held = std::async(std::launch::async, [&] { return s.store->get_resume("nope"); });
  ASSERT_EQ(s.injector->gates().wait_for_arrivals("read", 1, kLongWait), 1);
  s.injector->reset();
  EXPECT_FALSE(held.get().has_value());
  EXPECT_FALSE(s.store->get_resume("nope").has_value());  // no plan: not held
  EXPECT_EQ(s.injector->journal().size(), 0u);
}

TEST(GatedStore, ClearKeepsJournalAndGateCounts) {
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":"get_resume",
                          "action":"gate","gate":"read"}]})");
  auto held = std::async(std::launch::async, [&] { return s.store->get_resume("x"); });
  ASSERT_EQ(s.injector->gates().wait_for_arrivals("read", 1, kLongWait), 1);
  s.injector->clear();
  held.get();
  EXPECT_FALSE(s.injector->plan().has_value());
  EXPECT_EQ(s.injector->journal().size(), 1u);
  EXPECT_EQ(s.injector->gates().arrivals("read"), 1);
  EXPECT_EQ(s.injector->gates().waiting("read"), 0);
}

}  // namespace
}  // namespace rm
