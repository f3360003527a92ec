// FaultyStore over a MemoryStore: each store action does exactly what the plan
// says, to the calls the plan names, and nothing else.
#include "mocks/fault/faulty_store.hpp"

#include <gtest/gtest.h>

#include <future>

#include "fault_test_support.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;
using fault_test::FaultyMemoryStore;
using fault_test::sample_resume;

std::string rule(const std::string& operation, const std::string& action,
                 const std::string& extra = "") {
  return R"({"rules":[{"component":"store","operation":")" + operation + R"(","action":")" +
         action + "\"" + extra + "}]}";
}

class FaultyStoreTest : public ::testing::Test {
 protected:
  // A master resume, a second resume and a job, all created through the decorator.
  void SetUp() override {
    master_ =
        s_.store->create_resume(sample_resume("master"), MasterPolicy::kMasterIfNone)["resume_id"];
    other_ =
        s_.store->create_resume(sample_resume("other"), MasterPolicy::kMasterIfNone)["resume_id"];
    NewJob job;
    job.content = "Engineer";
    job_ = s_.store->create_job(job)["job_id"];
  }

  FaultyMemoryStore s_;
  std::string master_, other_, job_;
};

TEST_F(FaultyStoreTest, WithoutAPlanEveryCallPassesThrough) {
  EXPECT_EQ(s_.store->get_resume(master_), s_.inner->get_resume(master_));
  EXPECT_EQ(s_.store->list_resumes(), s_.inner->list_resumes());
  EXPECT_TRUE(s_.store->set_master(other_));
  EXPECT_EQ(s_.inner->get_master_resume()->at("resume_id"), other_);
  EXPECT_EQ(s_.store->stats().total_resumes, 2);
  EXPECT_EQ(s_.store->export_tables(), s_.inner->export_tables());
  EXPECT_EQ(s_.injector->journal().size(), 0u);
}

TEST_F(FaultyStoreTest, FailThrowsStoreErrorAndWritesNothing) {
  s_.install(rule("create_resume", "fail", R"(,"message":"disk full")"));
  try {
    s_.store->create_resume(sample_resume("x"), MasterPolicy::kNotMaster);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_STREQ(e.what(), "disk full");
  }
  EXPECT_EQ(s_.inner->stats().total_resumes, 2);
  s_.install(rule("*", "fail"));
  EXPECT_THROW(s_.store->get_resume(master_), StoreError);
  EXPECT_THROW(s_.store->stats(), StoreError);
  EXPECT_THROW(s_.store->export_tables(), StoreError);
  EXPECT_THROW(s_.store->clear(), StoreError);
  EXPECT_EQ(s_.inner->stats().total_resumes, 2);
}

TEST_F(FaultyStoreTest, MatchNothingReportsNoMatchAndWritesNothing) {
  s_.install(R"({"rules":[{"component":"store","operation":"*","action":"match_nothing"}]})");
  Json before = s_.inner->export_tables();
  EXPECT_FALSE(s_.store->update_resume(master_, {{"content", "changed"}}).has_value());
  EXPECT_FALSE(s_.store->delete_resume(master_));
  EXPECT_FALSE(s_.store->set_master(other_));
  EXPECT_FALSE(s_.store->update_job(job_, {{"content", "changed"}}).has_value());
  EXPECT_FALSE(s_.store->set_preview_hash(job_, "keywords", "abc"));
  EXPECT_EQ(s_.inner->export_tables(), before);
  // "*" covers only the writes that report a match: reads and creates pass.
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());
  s_.store->create_resume(sample_resume("new"), MasterPolicy::kNotMaster);
  EXPECT_EQ(s_.inner->stats().total_resumes, 3);
  EXPECT_EQ(s_.injector->journal().size(), 5u);
}

TEST_F(FaultyStoreTest, DropWriteClaimsSuccessButStoresNothing) {
  s_.install(R"({"rules":[{"component":"store","operation":"*","action":"drop_write"}]})");
  Json before = s_.inner->export_tables();

  auto updated = s_.store->update_resume(master_, {{"content", "changed"}});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ((*updated)["content"], "changed");  // what the write would have returned
  EXPECT_EQ(s_.inner->get_resume(master_)->at("content"), "# master\n");
  EXPECT_FALSE(s_.store->update_resume("missing", {{"content", "x"}}).has_value());

  EXPECT_TRUE(s_.store->delete_resume(other_));
  EXPECT_FALSE(s_.store->delete_resume("missing"));
  EXPECT_TRUE(s_.store->set_master(other_));
  EXPECT_FALSE(s_.store->set_master("missing"));
  EXPECT_TRUE(s_.store->set_preview_hash(job_, "keywords", "abc"));
  auto job = s_.store->update_job(job_, {{"content", "changed"}});
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ((*job)["content"], "changed");

  Document created = s_.store->create_resume(sample_resume("ghost"), MasterPolicy::kMasterIfNone);
  EXPECT_EQ(created["filename"], "ghost.md");
  EXPECT_EQ(created["is_master"], false);  // a master exists
  EXPECT_EQ(created["resume_id"].get<std::string>().size(), 36u);
  EXPECT_FALSE(s_.inner->get_resume(created["resume_id"]).has_value());

  Document created_job = s_.store->create_job(NewJob{"ghost job", master_});
  EXPECT_FALSE(s_.inner->get_job(created_job["job_id"]).has_value());
  NewImprovement improvement{master_, other_, job_, Json::array()};
  Document created_improvement = s_.store->create_improvement(improvement);
  EXPECT_EQ(created_improvement["tailored_resume_id"], other_);
  EXPECT_FALSE(s_.inner->get_improvement_by_tailored_resume(other_).has_value());

  s_.store->clear();
  EXPECT_EQ(s_.inner->export_tables(), before);            // every one of those writes was lost
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());  // reads pass
}

TEST_F(FaultyStoreTest, DropWriteIdsRepeatForTheSameSeed) {
  auto ghost_id = [&] {
    s_.install(R"({"seed":9,"rules":[{"component":"store","operation":"create_job",
                                      "action":"drop_write"}]})");
    return s_.store->create_job(NewJob{"x", std::nullopt})["job_id"].get<std::string>();
  };
  EXPECT_EQ(ghost_id(), ghost_id());
}

TEST_F(FaultyStoreTest, StaleReadAnswersWithTheVersionBeforeTheLastWrite) {
  ASSERT_TRUE(s_.store->update_resume(master_, {{"content", "v2"}}));
  ASSERT_TRUE(s_.store->update_resume(master_, {{"content", "v3"}}));
  ASSERT_TRUE(s_.store->set_preview_hash(job_, "keywords", "h1"));
  s_.install(rule("get_resume", "stale_read"));
  EXPECT_EQ(s_.store->get_resume(master_)->at("content"), "v2");
  EXPECT_EQ(s_.inner->get_resume(master_)->at("content"), "v3");
  // Created through the decorator: before that write it did not exist.
  EXPECT_FALSE(s_.store->get_resume(other_).has_value());
  // The job's previous version is the one before its preview hash was set.
  s_.install(rule("get_job", "stale_read"));
  EXPECT_FALSE(s_.store->get_job(job_)->contains("preview_hashes"));
  EXPECT_TRUE(s_.inner->get_job(job_)->contains("preview_hashes"));
}

TEST_F(FaultyStoreTest, StaleReadShowsDeletedRecordsAndTheOldMaster) {
  ASSERT_TRUE(s_.store->set_master(other_));
  s_.install(R"({"rules":[{"component":"store",
                 "operation":["get_master_resume","list_resumes","get_resume"],
                 "action":"stale_read"}]})");
  EXPECT_EQ(s_.store->get_master_resume()->at("resume_id"), master_);
  EXPECT_EQ(s_.inner->get_master_resume()->at("resume_id"), other_);
  s_.injector->clear();
  ASSERT_TRUE(s_.store->delete_resume(master_));
  s_.install(R"({"rules":[{"component":"store","operation":"*","action":"stale_read"}]})");
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());  // deleted, still seen
  auto stale = s_.store->list_resumes();
  ASSERT_EQ(stale.size(), 2u);
  EXPECT_EQ(s_.inner->list_resumes().size(), 1u);
}

// The listing's shared snapshot is the listing's fault point too: a faulted
// listing is a new snapshot, never the wrapped store's (which a cache keys on).
TEST_F(FaultyStoreTest, SharedSummariesAreFaultedLikeTheListing) {
  const SharedSummaries clean = s_.store->shared_resume_summaries();
  EXPECT_EQ(s_.store->shared_resume_summaries(), clean);
  EXPECT_EQ(s_.inner->shared_resume_summaries(), clean);
  ASSERT_TRUE(s_.store->set_master(other_));
  ASSERT_TRUE(s_.store->delete_resume(master_));
  s_.install(rule("list_resumes", "stale_read"));
  const std::vector<Document> stale_records = s_.store->list_resumes();
  const SharedSummaries stale = s_.store->shared_resume_summaries();
  EXPECT_NE(stale, s_.inner->shared_resume_summaries());
  EXPECT_NE(s_.store->shared_resume_summaries(), stale);  // a new one every call
  ASSERT_EQ(stale->size(), 2u);                           // the deleted master is still seen
  ASSERT_EQ(stale_records.size(), 2u);
  for (std::size_t i = 0; i < stale->size(); ++i) {
    EXPECT_EQ(stale->at(i), resume_summary(stale_records[i]));
  }
  s_.install(rule("list_resumes", "fail"));
  EXPECT_THROW(s_.store->shared_resume_summaries(), StoreError);
  s_.injector->clear();
  EXPECT_EQ(s_.store->shared_resume_summaries(), s_.inner->shared_resume_summaries());
}

TEST_F(FaultyStoreTest, StaleReadOfAnImprovement) {
  s_.store->create_improvement(NewImprovement{master_, other_, job_, Json::array()});
  s_.install(rule("get_improvement_by_tailored_resume", "stale_read"));
  EXPECT_FALSE(s_.store->get_improvement_by_tailored_resume(other_).has_value());
  EXPECT_TRUE(s_.inner->get_improvement_by_tailored_resume(other_).has_value());
}

TEST_F(FaultyStoreTest, StaleReadAfterClearStillSeesTheOldRecords) {
  s_.store->clear();
  s_.install(rule("get_resume", "stale_read"));
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());
  EXPECT_EQ(s_.inner->stats().total_resumes, 0);
}

// Only the most recently written records keep their old version, so a server
// that creates and deletes records for hours holds bounded memory.
TEST(FaultyStoreHistory, RemembersOnlyTheMostRecentlyWrittenRecords) {
  auto inner = std::make_shared<MemoryStore>();
  auto injector = std::make_shared<FaultInjector>();
  FaultyStore store(inner, injector, 2);
  std::vector<std::string> ids;
  for (const char* name : {"a", "b", "c"}) {
    ids.push_back(store.create_resume(sample_resume(name), MasterPolicy::kNotMaster)["resume_id"]);
  }
  ASSERT_TRUE(store.update_resume(ids[1], {{"content", "b2"}}));  // b is now the newest
  ASSERT_TRUE(store.delete_resume(ids[2]));                       // c: the newest again
  injector->install(fault_test::plan_from(
      R"({"rules":[{"component":"store","operation":"*","action":"stale_read"}]})"));
  // a was forgotten: it reads as it is now.
  ASSERT_TRUE(store.get_resume(ids[0]).has_value());
  EXPECT_EQ(store.get_resume(ids[0])->at("content"), "# a\n");
  // b reads as before its update, the deleted c as it was.
  EXPECT_EQ(store.get_resume(ids[1])->at("content"), "# b\n");
  EXPECT_TRUE(store.get_resume(ids[2]).has_value());
  EXPECT_EQ(store.list_resumes().size(), 3u);
  // Deleting a makes b the least recently written: b is forgotten and reads as
  // it is now; the deleted a and c still read as they were.
  injector->clear();
  ASSERT_TRUE(store.delete_resume(ids[0]));
  injector->install(fault_test::plan_from(
      R"({"rules":[{"component":"store","operation":"get_resume","action":"stale_read"}]})"));
  EXPECT_EQ(store.get_resume(ids[1])->at("content"), "b2");
  EXPECT_TRUE(store.get_resume(ids[0]).has_value());
  EXPECT_TRUE(store.get_resume(ids[2]).has_value());
}

TEST_F(FaultyStoreTest, ForgetHistoryMakesStaleReadsReadTheCurrentRecords) {
  ASSERT_TRUE(s_.store->update_resume(master_, {{"content", "v2"}}));
  s_.store->forget_history();
  s_.install(rule("*", "stale_read"));
  EXPECT_EQ(s_.store->get_resume(master_)->at("content"), "v2");
  EXPECT_TRUE(s_.store->get_job(job_).has_value());
  ASSERT_TRUE(s_.store->update_resume(master_, {{"content", "v3"}}));
  EXPECT_EQ(s_.store->get_resume(master_)->at("content"), "v2");  // remembered again
}

TEST_F(FaultyStoreTest, WhenMatchesOnAnArgument) {
  s_.install(rule("get_resume", "fail", R"(,"when":{"resume_id":"^)" + other_ + R"($"})"));
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());
  EXPECT_THROW(s_.store->get_resume(other_), StoreError);
  s_.install(rule("set_preview_hash", "match_nothing", R"(,"when":{"prompt_id":"full|nudge"})"));
  EXPECT_TRUE(s_.store->set_preview_hash(job_, "keywords", "a"));
  EXPECT_FALSE(s_.store->set_preview_hash(job_, "full", "b"));
  // An argument the operation does not have never matches.
  s_.install(rule("stats", "fail", R"(,"when":{"resume_id":".*"})"));
  EXPECT_NO_THROW(s_.store->stats());
}

TEST_F(FaultyStoreTest, APauseAndAnOutcomeBothApply) {
  s_.install(R"({"rules":[
      {"component":"store","operation":"update_resume","action":"gate","gate":"write"},
      {"component":"store","operation":"update_resume","action":"fail"}]})");
  auto call = std::async(std::launch::async, [&] {
    return s_.store->update_resume(master_, {{"content", "x"}});
  });
  ASSERT_EQ(s_.injector->gates().wait_for_arrivals("write", 1, 30s), 1);
  s_.injector->gates().release_all("write");
  EXPECT_THROW(call.get(), StoreError);
  Json journal = s_.injector->journal().to_json();
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0]["action"], "gate");
  EXPECT_EQ(journal[1]["action"], "fail");
}

TEST_F(FaultyStoreTest, OnlyTheFirstOutcomeRuleFiresPerCall) {
  s_.install(R"({"rules":[
      {"component":"store","operation":"update_resume","action":"match_nothing","nth":1},
      {"component":"store","operation":"update_resume","action":"fail"}]})");
  EXPECT_FALSE(s_.store->update_resume(master_, {{"content", "x"}}).has_value());
  EXPECT_THROW(s_.store->update_resume(master_, {{"content", "x"}}), StoreError);
  EXPECT_EQ(s_.injector->journal().size(), 2u);
}

// A delay blocks the call for its duration; a clear or reset cuts it short.
// The gate first makes sure the call is past its decision when we clear.
TEST_F(FaultyStoreTest, DelayIsCutShortByClear) {
  s_.install(R"({"rules":[
      {"component":"store","operation":"get_resume","action":"gate","gate":"before"},
      {"component":"store","operation":"get_resume","action":"delay","ms":600000}]})");
  auto call = std::async(std::launch::async, [&] { return s_.store->get_resume(master_); });
  ASSERT_EQ(s_.injector->gates().wait_for_arrivals("before", 1, 30s), 1);
  s_.injector->clear();  // releases the gate and ends the ten-minute delay
  EXPECT_TRUE(call.get().has_value());
  Json journal = s_.injector->journal().to_json();
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[1]["action"], "delay");
  EXPECT_EQ(journal[1]["delay_ms"], 600000);
}

TEST_F(FaultyStoreTest, ZeroDelayPassesTheCallThrough) {
  s_.install(rule("get_resume", "delay", R"(,"ms":0)"));
  EXPECT_TRUE(s_.store->get_resume(master_).has_value());
  EXPECT_EQ(s_.injector->journal().size(), 1u);
}

}  // namespace
}  // namespace rm
