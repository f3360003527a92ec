// MemoryStore: TinyDbTables behind one lock; kMasterIfNone stays atomic when
// many uploads race into an empty store (API-002).
#include "mocks/store/memory_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

namespace rm {
namespace {

NewResume upload(int n) {
  NewResume r;
  r.content = "resume " + std::to_string(n);
  r.content_type = "md";
  r.filename = "r" + std::to_string(n) + ".md";
  return r;
}

TEST(MemoryStore, StartsFromTinyDbTables) {
  MemoryStore store(Json{{"resumes", {{"1", {{"resume_id", "r"}, {"is_master", true}}}}}});
  EXPECT_EQ(store.get_master_resume().value()["resume_id"], "r");
  EXPECT_EQ(store.stats().total_resumes, 1);
  EXPECT_EQ(store.export_tables()["jobs"], Json::object());
}

TEST(MemoryStore, RoundTripThroughThePort) {
  MemoryStore concrete;
  Store& store = concrete;
  const auto r = store.create_resume(upload(1), MasterPolicy::kMasterIfNone);
  EXPECT_TRUE(r["is_master"]);
  EXPECT_EQ(store.list_resumes().size(), 1u);
  EXPECT_TRUE(store.update_resume(r["resume_id"], {{"processing_status", "ready"}}).has_value());
  const auto job = store.create_job(NewJob{"jd", r["resume_id"].get<std::string>()});
  EXPECT_TRUE(store.set_preview_hash(job["job_id"], "full", "h"));
  EXPECT_EQ(store.get_job(job["job_id"]).value()["preview_hashes"]["full"], "h");
  EXPECT_FALSE(store.set_master("missing"));
  EXPECT_TRUE(store.delete_resume(r["resume_id"]));
  EXPECT_FALSE(store.stats().has_master_resume);
  store.clear();
  EXPECT_EQ(store.stats().total_jobs, 0);
}

TEST(MemoryStore, RollbackPutsBackTheTablesAsMarked) {
  MemoryStore store;
  EXPECT_FALSE(store.rollback());  // nothing marked
  const auto master = store.create_resume(upload(1), MasterPolicy::kMasterIfNone);
  const auto job = store.create_job(NewJob{"jd", std::nullopt});
  store.mark();
  const Json marked = store.export_tables();
  for (int round = 0; round < 2; ++round) {  // the mark stays for the next rollback
    const auto other = store.create_resume(upload(2), MasterPolicy::kMasterIfNone);
    ASSERT_TRUE(store.set_master(other["resume_id"]));
    ASSERT_TRUE(store.update_resume(master["resume_id"], {{"content", "changed"}}));
    ASSERT_TRUE(store.set_preview_hash(job["job_id"], "full", "h"));
    store.create_improvement(
        NewImprovement{master["resume_id"], other["resume_id"], job["job_id"], Json::array()});
    ASSERT_TRUE(store.delete_resume(master["resume_id"]));
    ASSERT_TRUE(store.rollback());
    EXPECT_EQ(store.export_tables(), marked);
    EXPECT_EQ(store.get_master_resume().value()["resume_id"], master["resume_id"]);
    EXPECT_EQ(store.list_resume_summaries().size(), 1u);
  }
  // The next id is counted from the tables, so it is the one it was at the mark.
  const auto again = store.create_job(NewJob{"jd2", std::nullopt});
  EXPECT_EQ(store.export_tables()["jobs"].size(), 2u);
  EXPECT_TRUE(store.export_tables()["jobs"].contains("2"));
  EXPECT_TRUE(store.get_job(again["job_id"]).has_value());
}

TEST(MemoryStore, ClearDropsTheMark) {
  MemoryStore store;
  store.create_resume(upload(1), MasterPolicy::kMasterIfNone);
  store.mark();
  store.clear();
  EXPECT_FALSE(store.rollback());  // clear() is not logged: no rollback could undo it
  EXPECT_EQ(store.stats().total_resumes, 0);
}

TEST(MemoryStore, ReadTablesShowsWhatExportCopies) {
  MemoryStore store;
  store.create_resume(upload(1), MasterPolicy::kMasterIfNone);
  Json seen;
  store.read_tables([&seen](const Json& tables) { seen = tables; });
  EXPECT_EQ(seen, store.export_tables());
}

TEST(MemoryStore, MasterIfNoneYieldsExactlyOneMasterUnderContention) {
  constexpr int kThreads = 16;
  constexpr int kRounds = 100;
  for (int round = 0; round < kRounds; ++round) {
    MemoryStore store;
    std::latch start(kThreads);
    std::atomic<int> said_master{0};
    {
      std::vector<std::jthread> threads;
      for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
          start.arrive_and_wait();  // all threads enter create_resume together
          if (store.create_resume(upload(t), MasterPolicy::kMasterIfNone)["is_master"] == true)
            said_master.fetch_add(1);
        });
      }
    }
    int stored_masters = 0;
    for (const auto& r : store.list_resumes()) stored_masters += r["is_master"] == true ? 1 : 0;
    ASSERT_EQ(store.list_resumes().size(), static_cast<std::size_t>(kThreads));
    ASSERT_EQ(stored_masters, 1) << "round " << round;
    ASSERT_EQ(said_master.load(), 1) << "round " << round;
  }
}

TEST(MemoryStore, ConcurrentPreviewHashesForDifferentPromptsAreAllKept) {
  MemoryStore store;
  const std::string job = store.create_job(NewJob{"jd", std::nullopt})["job_id"];
  constexpr int kThreads = 16;
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        store.set_preview_hash(job, "prompt" + std::to_string(t), "h" + std::to_string(t));
      });
    }
  }
  EXPECT_EQ(store.get_job(job).value()["preview_hashes"].size(),
            static_cast<std::size_t>(kThreads));
}

}  // namespace
}  // namespace rm
