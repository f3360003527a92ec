// The Store conformance suite: one set of behaviours that every Store
// implementation must show, run against each of them (value-parameterised on a
// factory). A new implementation joins by adding a line to INSTANTIATE_TEST_SUITE_P.
#include <gtest/gtest.h>

#include <barrier>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "mocks/store/file_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/ports/store.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm {
namespace {

struct StoreUnderTest {
  // Also the test-name suffix, so the round count shows in every test's name.
  std::string name;
  // Rounds of each concurrency test. FileStore fsyncs on every write, so it runs fewer.
  int race_rounds;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> make;
};

constexpr int kRaceThreads = 16;

NewResume resume_with(std::string content) {
  NewResume r;
  r.content = std::move(content);
  r.content_type = "md";
  r.filename = "cv.pdf";
  return r;
}

int count_masters(Store& store) {
  int masters = 0;
  for (const auto& r : store.list_resumes()) masters += r.value("is_master", false) ? 1 : 0;
  return masters;
}

// Runs `body(i)` on kRaceThreads threads released together, so the calls overlap.
void race(const std::function<void(int)>& body) {
  std::barrier start(kRaceThreads);
  std::vector<std::jthread> threads;
  threads.reserve(kRaceThreads);
  for (int i = 0; i < kRaceThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      body(i);
    });
  }
}

class StoreConformance : public ::testing::TestWithParam<StoreUnderTest> {
 protected:
  void SetUp() override { store_ = GetParam().make(dir_.path()); }

  test::TempDir dir_{"rm-store"};
  std::unique_ptr<Store> store_;
};

// --- resumes -------------------------------------------------------------------

TEST_P(StoreConformance, CreateResumeStoresEveryDatabasePyField) {
  NewResume in = resume_with("# Ana");
  in.parent_id = "parent-1";
  in.processed_data = {{"summary", "s"}};
  in.processing_status = "ready";
  in.cover_letter = "Dear";
  Document doc = store_->create_resume(in, MasterPolicy::kNotMaster);

  for (const char* field : {"resume_id", "content", "content_type", "filename", "is_master",
                            "parent_id", "processed_data", "processing_status", "cover_letter",
                            "outreach_message", "created_at", "updated_at"}) {
    EXPECT_TRUE(doc.contains(field)) << field;
  }
  EXPECT_FALSE(doc["resume_id"].get<std::string>().empty());
  EXPECT_EQ(doc["content"], "# Ana");
  EXPECT_EQ(doc["content_type"], "md");
  EXPECT_EQ(doc["filename"], "cv.pdf");
  EXPECT_EQ(doc["is_master"], false);
  EXPECT_EQ(doc["parent_id"], "parent-1");
  EXPECT_EQ(doc["processed_data"], (Json{{"summary", "s"}}));
  EXPECT_EQ(doc["processing_status"], "ready");
  EXPECT_EQ(doc["cover_letter"], "Dear");
  EXPECT_TRUE(doc["outreach_message"].is_null());
  EXPECT_EQ(doc["created_at"], doc["updated_at"]);

  auto fetched = store_->get_resume(doc["resume_id"]);
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(*fetched, doc);
}

TEST_P(StoreConformance, NewResumeDefaultsAreNullAndPending) {
  Document doc = store_->create_resume(resume_with("x"), MasterPolicy::kNotMaster);
  EXPECT_TRUE(doc["parent_id"].is_null());
  EXPECT_TRUE(doc["processed_data"].is_null());
  EXPECT_TRUE(doc["cover_letter"].is_null());
  EXPECT_EQ(doc["processing_status"], "pending");
}

TEST_P(StoreConformance, ResumeIdsAreUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    ids.insert(store_->create_resume(resume_with("r"), MasterPolicy::kNotMaster)["resume_id"]);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_P(StoreConformance, GetResumeOfUnknownIdIsNullopt) {
  store_->create_resume(resume_with("r"), MasterPolicy::kNotMaster);
  EXPECT_FALSE(store_->get_resume("no-such-id").has_value());
  EXPECT_FALSE(store_->get_resume("").has_value());
}

TEST_P(StoreConformance, ListResumesReturnsAllInCreationOrder) {
  EXPECT_TRUE(store_->list_resumes().empty());
  std::vector<std::string> created;
  // More than nine, so that document ids "10", "11" sort after "9".
  for (int i = 0; i < 12; ++i) {
    created.push_back(store_->create_resume(resume_with("r" + std::to_string(i)),
                                            MasterPolicy::kNotMaster)["resume_id"]);
  }
  std::vector<std::string> listed;
  for (const auto& r : store_->list_resumes()) listed.push_back(r["resume_id"]);
  EXPECT_EQ(listed, created);
}

TEST_P(StoreConformance, UpdateResumeMergesThePatchAndRefreshesUpdatedAt) {
  Document doc = store_->create_resume(resume_with("before"), MasterPolicy::kNotMaster);
  const std::string id = doc["resume_id"];
  auto updated = store_->update_resume(
      id, {{"processed_data", {{"summary", "new"}}}, {"processing_status", "ready"}});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ((*updated)["processed_data"], (Json{{"summary", "new"}}));
  EXPECT_EQ((*updated)["processing_status"], "ready");
  EXPECT_EQ((*updated)["content"], "before");
  EXPECT_EQ((*updated)["created_at"], doc["created_at"]);
  EXPECT_TRUE((*updated)["updated_at"].is_string());
  EXPECT_GE((*updated)["updated_at"].get<std::string>(), doc["updated_at"].get<std::string>());
  EXPECT_EQ(store_->get_resume(id), updated);
}

TEST_P(StoreConformance, UpdateResumeOfUnknownIdIsNulloptAndCreatesNothing) {  // API-011
  store_->create_resume(resume_with("r"), MasterPolicy::kMasterIfNone);
  const Json before = store_->export_tables();
  EXPECT_FALSE(store_->update_resume("gone", {{"cover_letter", "x"}}).has_value());
  EXPECT_EQ(store_->export_tables(), before);
  EXPECT_FALSE(store_->get_resume("gone").has_value());
}

TEST_P(StoreConformance, DeleteResumeRemovesItOnce) {
  const std::string id =
      store_->create_resume(resume_with("r"), MasterPolicy::kNotMaster)["resume_id"];
  const std::string other =
      store_->create_resume(resume_with("o"), MasterPolicy::kNotMaster)["resume_id"];
  EXPECT_TRUE(store_->delete_resume(id));
  EXPECT_FALSE(store_->get_resume(id).has_value());
  EXPECT_TRUE(store_->get_resume(other).has_value());
  EXPECT_FALSE(store_->delete_resume(id));
  EXPECT_FALSE(store_->delete_resume("never-existed"));
  EXPECT_EQ(store_->stats().total_resumes, 1);
}

TEST_P(StoreConformance, DeleteResumeCascadesToItsImprovementRecordOnly) {
  const std::string master =
      store_->create_resume(resume_with("m"), MasterPolicy::kMasterIfNone)["resume_id"];
  const std::string job = store_->create_job({"job", master})["job_id"];
  NewResume tailored_in = resume_with("t");
  tailored_in.parent_id = master;
  const std::string tailored =
      store_->create_resume(tailored_in, MasterPolicy::kNotMaster)["resume_id"];
  const std::string kept =
      store_->create_resume(tailored_in, MasterPolicy::kNotMaster)["resume_id"];
  store_->create_improvement({master, tailored, job, Json::array()});
  store_->create_improvement({master, kept, job, Json::array()});

  EXPECT_TRUE(store_->delete_resume(tailored));
  EXPECT_FALSE(store_->get_improvement_by_tailored_resume(tailored).has_value());
  EXPECT_TRUE(store_->get_improvement_by_tailored_resume(kept).has_value());
  StoreStats s = store_->stats();
  EXPECT_EQ(s.total_resumes, 2);
  EXPECT_EQ(s.total_improvements, 1);
  EXPECT_EQ(s.total_jobs, 1);
}

// --- master ----------------------------------------------------------------------

TEST_P(StoreConformance, MasterPolicies) {
  EXPECT_FALSE(store_->get_master_resume().has_value());
  Document not_master = store_->create_resume(resume_with("a"), MasterPolicy::kNotMaster);
  EXPECT_EQ(not_master["is_master"], false);
  Document first = store_->create_resume(resume_with("b"), MasterPolicy::kMasterIfNone);
  EXPECT_EQ(first["is_master"], true);
  Document second = store_->create_resume(resume_with("c"), MasterPolicy::kMasterIfNone);
  EXPECT_EQ(second["is_master"], false);
  auto master = store_->get_master_resume();
  ASSERT_TRUE(master.has_value());
  EXPECT_EQ((*master)["resume_id"], first["resume_id"]);
  // kMaster is the audited unconditional path: it may make a second master.
  Document forced = store_->create_resume(resume_with("d"), MasterPolicy::kMaster);
  EXPECT_EQ(forced["is_master"], true);
  EXPECT_TRUE(store_->stats().has_master_resume);
}

TEST_P(StoreConformance, SetMasterMovesTheFlag) {
  const std::string a =
      store_->create_resume(resume_with("a"), MasterPolicy::kMasterIfNone)["resume_id"];
  const std::string b =
      store_->create_resume(resume_with("b"), MasterPolicy::kNotMaster)["resume_id"];
  EXPECT_TRUE(store_->set_master(b));
  EXPECT_EQ(store_->get_master_resume()->at("resume_id"), b);
  EXPECT_EQ(store_->get_resume(a)->at("is_master"), false);
  EXPECT_EQ(count_masters(*store_), 1);
  EXPECT_TRUE(store_->set_master(b));  // already master: still exactly one
  EXPECT_EQ(count_masters(*store_), 1);
}

TEST_P(StoreConformance, SetMasterOnMissingIdIsRefusedAndKeepsTheMaster) {  // API-003
  const std::string a =
      store_->create_resume(resume_with("a"), MasterPolicy::kMasterIfNone)["resume_id"];
  store_->create_resume(resume_with("b"), MasterPolicy::kNotMaster);
  const Json before = store_->export_tables();
  EXPECT_FALSE(store_->set_master("no-such-id"));
  EXPECT_EQ(store_->export_tables(), before);
  ASSERT_TRUE(store_->get_master_resume().has_value());
  EXPECT_EQ(store_->get_master_resume()->at("resume_id"), a);
}

TEST_P(StoreConformance, SetMasterOnMissingIdInEmptyStoreIsRefused) {
  EXPECT_FALSE(store_->set_master("no-such-id"));
  EXPECT_EQ(store_->stats().total_resumes, 0);
  EXPECT_FALSE(store_->stats().has_master_resume);
}

TEST_P(StoreConformance, ConcurrentFirstUploadsMakeExactlyOneMaster) {  // API-002
  const int rounds = GetParam().race_rounds;
  for (int round = 0; round < rounds; ++round) {
    store_->clear();
    std::vector<int> said_master(kRaceThreads, 0);
    race([&](int i) {
      said_master[i] =
          store_->create_resume(resume_with("r"), MasterPolicy::kMasterIfNone)["is_master"]
                  .get<bool>()
              ? 1
              : 0;
    });
    int answers = 0;
    for (int v : said_master) answers += v;
    ASSERT_EQ(answers, 1) << "round " << round;
    ASSERT_EQ(count_masters(*store_), 1) << "round " << round;
    ASSERT_EQ(store_->stats().total_resumes, kRaceThreads) << "round " << round;
  }
  RecordProperty("rounds", rounds);
  RecordProperty("threads", kRaceThreads);
  std::cout << "[ rounds   ] " << rounds << " rounds x " << kRaceThreads
            << " threads: exactly one master every round\n";
}

// --- jobs ------------------------------------------------------------------------

TEST_P(StoreConformance, CreateAndGetJob) {
  Document job = store_->create_job({"Backend engineer", std::string("resume-1")});
  for (const char* field : {"job_id", "content", "resume_id", "created_at"}) {
    EXPECT_TRUE(job.contains(field)) << field;
  }
  EXPECT_EQ(job["content"], "Backend engineer");
  EXPECT_EQ(job["resume_id"], "resume-1");
  EXPECT_EQ(store_->get_job(job["job_id"]), job);

  Document unlinked = store_->create_job({"Other", std::nullopt});
  EXPECT_TRUE(unlinked["resume_id"].is_null());
  EXPECT_NE(unlinked["job_id"], job["job_id"]);
  EXPECT_EQ(store_->stats().total_jobs, 2);
}

TEST_P(StoreConformance, GetJobOfUnknownIdIsNullopt) {
  store_->create_job({"j", std::nullopt});
  EXPECT_FALSE(store_->get_job("no-such-job").has_value());
}

TEST_P(StoreConformance, UpdateJobMergesThePatch) {
  const std::string id = store_->create_job({"j", std::nullopt})["job_id"];
  auto updated = store_->update_job(
      id, {{"job_keywords", {{"keywords", {"c++"}}}}, {"job_keywords_hash", "abc"}});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ((*updated)["job_keywords"], (Json{{"keywords", {"c++"}}}));
  EXPECT_EQ((*updated)["job_keywords_hash"], "abc");
  EXPECT_EQ((*updated)["content"], "j");
  EXPECT_EQ(store_->get_job(id), updated);
}

TEST_P(StoreConformance, UpdateJobOfUnknownIdIsNulloptAndCreatesNothing) {
  store_->create_job({"j", std::nullopt});
  const Json before = store_->export_tables();
  EXPECT_FALSE(store_->update_job("gone", {{"job_keywords_hash", "x"}}).has_value());
  EXPECT_EQ(store_->export_tables(), before);
}

// --- preview hashes -----------------------------------------------------------------

TEST_P(StoreConformance, SetPreviewHashKeepsOtherPromptsHashes) {
  const std::string id = store_->create_job({"j", std::nullopt})["job_id"];
  EXPECT_TRUE(store_->set_preview_hash(id, "keywords", "h1"));
  EXPECT_TRUE(store_->set_preview_hash(id, "nudge", "h2"));
  EXPECT_TRUE(store_->set_preview_hash(id, "keywords", "h3"));
  EXPECT_EQ(store_->get_job(id)->at("preview_hashes"), (Json{{"keywords", "h3"}, {"nudge", "h2"}}));
}

TEST_P(StoreConformance, SetPreviewHashOnUnknownJobIsFalseAndCreatesNothing) {
  store_->create_job({"j", std::nullopt});
  const Json before = store_->export_tables();
  EXPECT_FALSE(store_->set_preview_hash("gone", "keywords", "h"));
  EXPECT_EQ(store_->export_tables(), before);
}

TEST_P(StoreConformance, LegacyPreviewHashListIsReplacedByAMap) {  // API-010 d
  const std::string id = store_->create_job({"j", std::nullopt})["job_id"];
  ASSERT_TRUE(store_->update_job(id, {{"preview_hashes", {"aa", "bb"}}}).has_value());
  EXPECT_TRUE(store_->set_preview_hash(id, "full", "h"));
  EXPECT_EQ(store_->get_job(id)->at("preview_hashes"), (Json{{"full", "h"}}));
}

TEST_P(StoreConformance, LegacyBarePreviewHashIsReplacedByAMap) {  // API-010 d
  const std::string id = store_->create_job({"j", std::nullopt})["job_id"];
  ASSERT_TRUE(store_->update_job(id, {{"preview_hash", "cc"}}).has_value());
  EXPECT_TRUE(store_->set_preview_hash(id, "nudge", "h"));
  Document job = *store_->get_job(id);
  EXPECT_EQ(job["preview_hashes"], (Json{{"nudge", "h"}}));
  EXPECT_FALSE(job.contains("preview_hash"));
}

TEST_P(StoreConformance, ConcurrentPreviewHashesForDistinctPromptsAreAllKept) {  // API-010 b
  const int rounds = GetParam().race_rounds;
  for (int round = 0; round < rounds; ++round) {
    const std::string id = store_->create_job({"j", std::nullopt})["job_id"];
    race([&](int i) {
      EXPECT_TRUE(
          store_->set_preview_hash(id, "prompt-" + std::to_string(i), "hash-" + std::to_string(i)));
    });
    Json hashes = store_->get_job(id)->at("preview_hashes");
    ASSERT_EQ(hashes.size(), static_cast<size_t>(kRaceThreads)) << "round " << round;
    for (int i = 0; i < kRaceThreads; ++i) {
      ASSERT_EQ(hashes.value("prompt-" + std::to_string(i), ""), "hash-" + std::to_string(i))
          << "round " << round;
    }
  }
  RecordProperty("rounds", rounds);
  std::cout << "[ rounds   ] " << rounds << " rounds x " << kRaceThreads
            << " threads: no preview hash lost\n";
}

// --- improvements ----------------------------------------------------------------------

TEST_P(StoreConformance, CreateAndFindImprovementByTailoredResume) {
  Json items = Json::array({{{"suggestion", "Added keywords"}, {"lineNumber", 3}}});
  Document rec = store_->create_improvement({"orig", "tailored", "job", items});
  for (const char* field : {"request_id", "original_resume_id", "tailored_resume_id", "job_id",
                            "improvements", "created_at"}) {
    EXPECT_TRUE(rec.contains(field)) << field;
  }
  EXPECT_EQ(rec["original_resume_id"], "orig");
  EXPECT_EQ(rec["tailored_resume_id"], "tailored");
  EXPECT_EQ(rec["job_id"], "job");
  EXPECT_EQ(rec["improvements"], items);
  EXPECT_EQ(store_->get_improvement_by_tailored_resume("tailored"), rec);
  EXPECT_FALSE(store_->get_improvement_by_tailored_resume("orig").has_value());
  EXPECT_FALSE(store_->get_improvement_by_tailored_resume("none").has_value());
}

// --- whole store ---------------------------------------------------------------------------

TEST_P(StoreConformance, StatsCountEveryTable) {
  StoreStats empty = store_->stats();
  EXPECT_EQ(empty.total_resumes, 0);
  EXPECT_EQ(empty.total_jobs, 0);
  EXPECT_EQ(empty.total_improvements, 0);
  EXPECT_FALSE(empty.has_master_resume);
  store_->create_resume(resume_with("a"), MasterPolicy::kMasterIfNone);
  store_->create_resume(resume_with("b"), MasterPolicy::kNotMaster);
  store_->create_job({"j", std::nullopt});
  store_->create_improvement({"a", "b", "j", Json::array()});
  StoreStats s = store_->stats();
  EXPECT_EQ(s.total_resumes, 2);
  EXPECT_EQ(s.total_jobs, 1);
  EXPECT_EQ(s.total_improvements, 1);
  EXPECT_TRUE(s.has_master_resume);
}

TEST_P(StoreConformance, ExportTablesUsesTinyDbLayout) {
  Document r1 = store_->create_resume(resume_with("a"), MasterPolicy::kNotMaster);
  Document r2 = store_->create_resume(resume_with("b"), MasterPolicy::kNotMaster);
  Document job = store_->create_job({"j", std::nullopt});
  Json tables = store_->export_tables();
  ASSERT_TRUE(tables.is_object());
  for (const char* table : {"resumes", "jobs", "improvements"}) {
    ASSERT_TRUE(tables.contains(table)) << table;
    EXPECT_TRUE(tables[table].is_object()) << table;
  }
  EXPECT_EQ(tables["resumes"]["1"], r1);
  EXPECT_EQ(tables["resumes"]["2"], r2);
  EXPECT_EQ(tables["jobs"]["1"], job);
  EXPECT_TRUE(tables["improvements"].empty());
}

TEST_P(StoreConformance, ClearEmptiesEveryTable) {
  store_->create_resume(resume_with("a"), MasterPolicy::kMasterIfNone);
  store_->create_job({"j", std::nullopt});
  store_->create_improvement({"a", "b", "j", Json::array()});
  store_->clear();
  StoreStats s = store_->stats();
  EXPECT_EQ(s.total_resumes, 0);
  EXPECT_EQ(s.total_jobs, 0);
  EXPECT_EQ(s.total_improvements, 0);
  EXPECT_FALSE(s.has_master_resume);
  EXPECT_TRUE(store_->list_resumes().empty());
  // Ids start again at 1, as after TinyDB's truncate.
  store_->create_resume(resume_with("again"), MasterPolicy::kMasterIfNone);
  EXPECT_TRUE(store_->export_tables()["resumes"].contains("1"));
}

INSTANTIATE_TEST_SUITE_P(
    AllStores, StoreConformance,
    ::testing::Values(StoreUnderTest{"MemoryStore_1000rounds", 1000,
                                     [](const std::filesystem::path&) -> std::unique_ptr<Store> {
                                       return std::make_unique<MemoryStore>();
                                     }},
                      StoreUnderTest{
                          "FileStore_50rounds", 50,
                          [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
                            return std::make_unique<FileStore>(dir / "database.json");
                          }}),
    [](const ::testing::TestParamInfo<StoreUnderTest>& info) { return info.param.name; });

}  // namespace
}  // namespace rm
