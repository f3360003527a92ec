// A forced interleaving: two first uploads, each checks for a master, then both
// are held at a gate on create_resume until both have checked, then released
// together. With the audited check-then-insert that always yields two masters;
// with the atomic MasterPolicy::kMasterIfNone exactly one. Same result every run.
#include <gtest/gtest.h>

#include <future>

#include "fault_test_support.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;
using fault_test::FaultyMemoryStore;
using fault_test::sample_resume;

constexpr const char* kGatePlan = R"({"rules":[
    {"component":"store","operation":"create_resume","action":"gate","gate":"first-upload"}]})";

// What the audited upload did: check for a master, then insert.
Document check_then_insert(Store& store, const std::string& name) {
  bool first = !store.get_master_resume().has_value();
  return store.create_resume(sample_resume(name),
                             first ? MasterPolicy::kMaster : MasterPolicy::kNotMaster);
}

int masters(Store& store) {
  int count = 0;
  for (const auto& resume : store.list_resumes()) count += resume.value("is_master", false);
  return count;
}

// Holds two uploads at the gate until both have arrived, then releases both.
template <typename Upload>
std::pair<Document, Document> two_gated_uploads(FaultyMemoryStore& s, Upload upload) {
  auto a = std::async(std::launch::async, [&] { return upload("a"); });
  auto b = std::async(std::launch::async, [&] { return upload("b"); });
  EXPECT_EQ(s.injector->gates().wait_for_arrivals("first-upload", 2, 30s), 2);
  EXPECT_EQ(s.injector->gates().release_all("first-upload"), 2);
  return {a.get(), b.get()};
}

TEST(ForcedInterleaving, CheckThenInsertMakesTwoMastersEveryTime) {
  for (int round = 0; round < 20; ++round) {
    FaultyMemoryStore s;
    s.install(kGatePlan);
    auto [a, b] =
        two_gated_uploads(s, [&](const char* name) { return check_then_insert(*s.store, name); });
    EXPECT_EQ(a["is_master"], true);
    EXPECT_EQ(b["is_master"], true);
    EXPECT_EQ(masters(*s.inner), 2) << "round " << round;
  }
}

TEST(ForcedInterleaving, AtomicMasterIfNoneMakesExactlyOne) {
  for (int round = 0; round < 20; ++round) {
    FaultyMemoryStore s;
    s.install(kGatePlan);
    auto [a, b] = two_gated_uploads(s, [&](const char* name) {
      return s.store->create_resume(sample_resume(name), MasterPolicy::kMasterIfNone);
    });
    EXPECT_NE(a["is_master"], b["is_master"]);
    EXPECT_EQ(masters(*s.inner), 1) << "round " << round;
  }
}

}  // namespace
}  // namespace rm
