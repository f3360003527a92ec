// A database.json as the Python backend writes it (fixtures/python_database.json,
// see make_python_database.py there) opens unchanged: every record is readable,
// the legacy statuses are inferred and written back exactly once (API-005), and
// everything else stays byte for byte as Python wrote it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "mocks/store/file_store.hpp"
#include "mocks/store/python_json.hpp"
#include "scenarios/store/store_files.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm {
namespace {

using test::inode_of;
using test::read_text;

const std::filesystem::path kFixtures = RM_STORE_FIXTURES_DIR;

constexpr const char* kMaster = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d01";
constexpr const char* kLegacyReady = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d02";
constexpr const char* kLegacyPending = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d03";
constexpr const char* kLegacyFailed = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d04";
constexpr const char* kTailoredOrphan = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d06";
constexpr const char* kTailored = "0b6f3c1e-8a55-4f3e-9d6e-1f2a3b4c5d07";
constexpr const char* kJobList = "5d1e2f3a-4b5c-4d6e-8f70-0a1b2c3d4e01";
constexpr const char* kJobBare = "5d1e2f3a-4b5c-4d6e-8f70-0a1b2c3d4e02";
constexpr const char* kJobMap = "5d1e2f3a-4b5c-4d6e-8f70-0a1b2c3d4e03";

class PythonFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    original_ = read_text(kFixtures / "python_database.json");
    migrated_ = read_text(kFixtures / "python_database.migrated.json");
    ASSERT_NE(original_, "<missing>");
    ASSERT_NE(migrated_, "<missing>");
    dir_.write("database.json", original_);
  }

  test::TempDir dir_{"rm-fixture"};
  std::filesystem::path db_ = dir_.path() / "database.json";
  std::string original_;
  std::string migrated_;
};

TEST_F(PythonFixture, FixtureIsInTinyDbsDefaultFormat) {
  // json.dump with no options: one line, ", " and ": ", ASCII only.
  EXPECT_EQ(original_.find('\n'), std::string::npos);
  EXPECT_NE(original_.find("\"resumes\": {\"1\": {\"resume_id\": "), std::string::npos);
  EXPECT_NE(original_.find("Zo\\u00eb M\\u00fcller"), std::string::npos);
  for (unsigned char c : original_) ASSERT_LT(c, 0x80);
  // Our writer reproduces it exactly from its own parse.
  OrderedJson layout = OrderedJson::parse(original_);
  EXPECT_EQ(to_python_json(Json(layout), &layout), original_);
}

TEST_F(PythonFixture, EveryRecordIsReadableThroughTheStore) {
  FileStore store(db_);
  StoreStats stats = store.stats();
  EXPECT_EQ(stats.total_resumes, 6);
  EXPECT_EQ(stats.total_jobs, 3);
  EXPECT_EQ(stats.total_improvements, 1);
  EXPECT_TRUE(stats.has_master_resume);

  for (const char* id :
       {kMaster, kLegacyReady, kLegacyPending, kLegacyFailed, kTailoredOrphan, kTailored}) {
    EXPECT_TRUE(store.get_resume(id).has_value()) << id;
  }
  ASSERT_TRUE(store.get_master_resume().has_value());
  EXPECT_EQ(store.get_master_resume()->at("resume_id"), kMaster);
  Document master = *store.get_resume(kMaster);
  EXPECT_EQ(master["content"], "# Zoë Müller\n\nSenior Engineer\n\tTabbed \"quoted\" \\ line");
  EXPECT_EQ(master["processed_data"]["personalInfo"]["name"], "Zoë Müller");
  EXPECT_EQ(master["processed_data"]["workExperience"][0]["description"][1], "Led a team of 4 🚀");

  // The tailored resume whose improvement record is gone (API-012's case) and the one with it.
  EXPECT_EQ(store.get_resume(kTailoredOrphan)->at("parent_id"), kMaster);
  EXPECT_FALSE(store.get_improvement_by_tailored_resume(kTailoredOrphan).has_value());
  auto improvement = store.get_improvement_by_tailored_resume(kTailored);
  ASSERT_TRUE(improvement.has_value());
  EXPECT_EQ((*improvement)["job_id"], kJobMap);
  EXPECT_EQ((*improvement)["improvements"].size(), 2u);

  EXPECT_EQ(store.get_job(kJobList)->at("preview_hashes").size(), 2u);
  EXPECT_TRUE(store.get_job(kJobList)->at("preview_hashes").is_array());
  EXPECT_TRUE(store.get_job(kJobBare)->at("preview_hash").is_string());
  EXPECT_EQ(store.get_job(kJobMap)->at("preview_hashes").size(), 2u);

  std::vector<std::string> listed;
  for (const auto& r : store.list_resumes()) listed.push_back(r["resume_id"]);
  EXPECT_EQ(listed, (std::vector<std::string>{kMaster, kLegacyReady, kLegacyPending, kLegacyFailed,
                                              kTailoredOrphan, kTailored}));
}

TEST_F(PythonFixture, LegacyStatusesAreInferredAndWrittenBackOnce) {  // API-005
  {
    FileStore store(db_);
    EXPECT_EQ(store.migrated_on_open(), 3);
    EXPECT_EQ(store.get_resume(kLegacyReady)->at("processing_status"), "ready");
    EXPECT_EQ(store.get_resume(kLegacyPending)->at("processing_status"), "pending");
    EXPECT_EQ(store.get_resume(kLegacyFailed)->at("processing_status"), "failed");
    // updated_at is not touched by the migration.
    EXPECT_EQ(store.get_resume(kLegacyReady)->at("updated_at"), "2024-06-01T08:00:10.500000+00:00");
  }
  // What Python writes after record.update({"processing_status": ...}) on each
  // legacy record: the same bytes except the three appended fields.
  EXPECT_EQ(read_text(db_), migrated_);

  const ino_t after_first = inode_of(db_);
  {
    FileStore again(db_);
    EXPECT_EQ(again.migrated_on_open(), 0);
    EXPECT_EQ(again.get_resume(kLegacyFailed)->at("processing_status"), "failed");
  }
  // Nothing to migrate: the file was not rewritten at all.
  EXPECT_EQ(inode_of(db_), after_first);
  EXPECT_EQ(read_text(db_), migrated_);
}

TEST_F(PythonFixture, AWriteKeepsEveryOtherRecordAsPythonWroteIt) {
  std::string created_id;
  {
    FileStore store(db_);
    ASSERT_TRUE(store.set_preview_hash(kJobList, "keywords", "ff"));
    created_id = store.create_job({"New job", std::string(kMaster)})["job_id"];
  }
  OrderedJson before = OrderedJson::parse(migrated_);
  OrderedJson after = OrderedJson::parse(read_text(db_));
  // ordered_json compares key order too.
  EXPECT_EQ(after["resumes"], before["resumes"]);
  EXPECT_EQ(after["improvements"], before["improvements"]);
  EXPECT_EQ(after["_default"], before["_default"]);
  EXPECT_EQ(after["jobs"]["2"], before["jobs"]["2"]);
  EXPECT_EQ(after["jobs"]["3"], before["jobs"]["3"]);
  // The legacy list became a map, in place.
  EXPECT_EQ(after["jobs"]["1"]["preview_hashes"], OrderedJson::parse("{\"keywords\": \"ff\"}"));
  EXPECT_EQ(after["jobs"]["4"]["job_id"], created_id);

  FileStore reopened(db_);
  EXPECT_EQ(reopened.migrated_on_open(), 0);
  EXPECT_EQ(reopened.get_job(created_id)->at("content"), "New job");
}

}  // namespace
}  // namespace rm
