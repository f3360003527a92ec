// Same plan + seed -> same journal; which calls a rule hits (nth, times, after,
// probability) follows the plan exactly.
#include <gtest/gtest.h>

#include "fault_test_support.hpp"
#include "mocks/fault/faulty_llm.hpp"
#include "mocks/llm/builtin_llm.hpp"

namespace rm {
namespace {

using fault_test::FaultyMemoryStore;
using fault_test::plan_from;
using fault_test::sample_resume;
using fault_test::without_times;

constexpr const char* kProbabilistic = R"({
  "seed": %SEED%,
  "rules": [
    {"component": "store", "operation": "get_resume", "action": "fail", "probability": 0.5},
    {"component": "store", "operation": ["update_resume", "set_master"],
     "action": "match_nothing", "probability": 0.3, "after": 2},
    {"component": "store", "operation": "list_resumes", "action": "delay", "ms": 0,
     "jitter_ms": 2, "probability": 0.5},
    {"component": "llm", "operation": "*", "action": "rate_limited", "probability": 0.25,
     "times": 20}
  ]
})";

std::string plan_text(std::uint64_t seed) {
  std::string text = kProbabilistic;
  text.replace(text.find("%SEED%"), 6, std::to_string(seed));
  return text;
}

// A fixed sequence of 300 calls against a fresh store; returns the journal.
Json run(std::uint64_t seed) {
  FaultyMemoryStore s;
  auto llm = std::make_shared<FaultyLlm>(std::make_shared<BuiltinLlm>(), s.injector);
  std::string id =
      s.inner->create_resume(sample_resume("r"), MasterPolicy::kMasterIfNone)["resume_id"];
  s.install(plan_text(seed));
  for (int i = 0; i < 60; ++i) {
    try {
      s.store->get_resume(id);
    } catch (const StoreError&) {
    }
    s.store->update_resume(id, {{"content", std::to_string(i)}});
    s.store->set_master(id);
    s.store->list_resumes();
    try {
      llm->extract_keywords("Go, Kubernetes");
    } catch (const LlmError&) {
    }
  }
  return s.injector->journal().to_json();
}

TEST(Determinism, SamePlanAndSeedGiveTheSameJournal) {
  Json first = run(42);
  Json second = run(42);
  EXPECT_EQ(without_times(first), without_times(second));
  // The probabilities really did select: some calls hit, not all.
  int get_resume_hits = 0;
  int llm_hits = 0;
  for (const auto& entry : first) {
    if (entry["operation"] == "get_resume") ++get_resume_hits;
    if (entry["component"] == "llm") ++llm_hits;
  }
  EXPECT_GT(get_resume_hits, 0);
  EXPECT_LT(get_resume_hits, 60);
  EXPECT_LE(llm_hits, 20);  // times caps the rule
}

TEST(Determinism, ADifferentSeedChoosesDifferentCalls) {
  EXPECT_NE(without_times(run(42)), without_times(run(43)));
}

TEST(Determinism, ReinstallingThePlanReplaysIt) {
  FaultyMemoryStore s;
  std::string id =
      s.inner->create_resume(sample_resume("r"), MasterPolicy::kMasterIfNone)["resume_id"];
  FaultPlan plan = plan_from(plan_text(7));
  auto sequence = [&] {
    s.injector->install(plan);
    for (int i = 0; i < 40; ++i) {
      try {
        s.store->get_resume(id);
      } catch (const StoreError&) {
      }
    }
    return without_times(s.injector->journal().to_json());
  };
  Json once = sequence();
  EXPECT_EQ(sequence(), once);
  // The printed plan replays the same way.
  s.injector->install(FaultPlan::from_json(plan.to_json()));
  for (int i = 0; i < 40; ++i) {
    try {
      s.store->get_resume(id);
    } catch (const StoreError&) {
    }
  }
  EXPECT_EQ(without_times(s.injector->journal().to_json()), once);
}

// Which call numbers of get_resume a rule hits.
std::vector<std::int64_t> hits(const std::string& selector, int calls = 8) {
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":"get_resume","action":"stale_read")" +
            selector + "}]}");
  for (int i = 0; i < calls; ++i) s.store->get_resume("x");
  std::vector<std::int64_t> out;
  for (const auto& entry : s.injector->journal().entries()) out.push_back(entry.call);
  return out;
}

TEST(HitSelection, EveryCallByDefault) {
  EXPECT_EQ(hits(""), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(HitSelection, NthHitsOnlyThatCall) {
  EXPECT_EQ(hits(R"(,"nth":3)"), (std::vector<std::int64_t>{3}));
}

TEST(HitSelection, AfterSkipsAndTimesCaps) {
  EXPECT_EQ(hits(R"(,"after":2)"), (std::vector<std::int64_t>{3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(hits(R"(,"times":2)"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(hits(R"(,"after":5,"times":2)"), (std::vector<std::int64_t>{6, 7}));
}

TEST(HitSelection, ProbabilityZeroAndOne) {
  EXPECT_TRUE(hits(R"(,"probability":0)").empty());
  EXPECT_EQ(hits(R"(,"probability":1)").size(), 8u);
}

TEST(HitSelection, CountsAreThoseOfTheRulesOwnMatches) {
  // A rule on two operations counts the calls to either; its journal entries
  // carry each operation's own call number.
  FaultyMemoryStore s;
  s.install(R"({"rules":[{"component":"store","operation":["get_resume","get_job"],
                          "action":"stale_read","nth":3}]})");
  s.store->get_resume("a");
  s.store->get_job("b");
  s.store->get_job("c");  // the rule's third match, get_job's second call
  s.store->get_resume("d");
  auto entries = s.injector->journal().entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].operation, "get_job");
  EXPECT_EQ(entries[0].call, 2);
  EXPECT_EQ(entries[0].rule, 0u);
  EXPECT_EQ(s.injector->calls(FaultComponent::kStore, "get_resume"), 2);
}

TEST(HitSelection, JitteredDelaysRepeatForTheSeed) {
  auto delays = [] {
    FaultyMemoryStore s;
    s.install(R"({"seed":5,"rules":[{"component":"store","operation":"stats","action":"delay",
                                      "ms":0,"jitter_ms":3}]})");
    std::vector<std::int64_t> out;
    for (int i = 0; i < 10; ++i) s.store->stats();
    for (const auto& entry : s.injector->journal().entries()) out.push_back(*entry.delay_ms);
    return out;
  };
  auto first = delays();
  EXPECT_EQ(delays(), first);
  for (auto ms : first) {
    EXPECT_GE(ms, 0);
    EXPECT_LE(ms, 3);
  }
}

}  // namespace
}  // namespace rm
