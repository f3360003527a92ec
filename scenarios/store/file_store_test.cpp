// FileStore beyond the shared conformance suite: what is on disk, when it is
// written, reopening, and refusing a file it cannot read.
#include <gtest/gtest.h>

#include <string>

#include "mocks/store/file_store.hpp"
#include "mocks/store/python_json.hpp"
#include "mocks/store/store_journal.hpp"
#include "scenarios/store/store_files.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm {
namespace {

using test::file_names;
using test::read_text;

NewResume resume_with(std::string content) {
  NewResume r;
  r.content = std::move(content);
  r.content_type = "md";
  r.filename = "cv.pdf";
  return r;
}

class FileStoreTest : public ::testing::Test {
 protected:
  // database.json with the journal applied: what a store opening it would see.
  Json on_disk() const { return read_database_on_disk(db_).value_or(Json()); }

  test::TempDir dir_{"rm-filestore"};
  std::filesystem::path db_ = dir_.path() / "database.json";
  std::filesystem::path journal_ = StoreJournal(db_).path();
};

// Fills every table with records that exercise the serialiser: non-ASCII text,
// control characters, nested data, numbers, legacy shapes, and more than nine ids.
void populate(Store& store) {
  NewResume master = resume_with("Zoë Müller — résumé 🚀\n\t\"quoted\" \\ \x01");
  master.processed_data = {
      {"personalInfo", {{"name", "Zoë"}, {"email", "z@example.com"}, {"website", nullptr}}},
      {"workExperience", Json::array({{{"id", 1}, {"years", "2019 - 2024"}, {"score", 4.5}}})},
      {"additional", {{"technicalSkills", {"C++", "SQL"}}, {"awards", Json::array()}}},
      {"customSections", Json::object()}};
  master.processing_status = "ready";
  const std::string master_id =
      store.create_resume(master, MasterPolicy::kMasterIfNone)["resume_id"];
  for (int i = 0; i < 11; ++i) {
    NewResume tailored = resume_with("tailored " + std::to_string(i));
    tailored.parent_id = master_id;
    tailored.cover_letter = "Dear team №" + std::to_string(i);
    store.create_resume(tailored, MasterPolicy::kNotMaster);
  }
  const std::string job = store.create_job({"Backend — C++", master_id})["job_id"];
  store.update_job(
      job, {{"job_keywords", {{"keywords", {"latency", "C++"}}}}, {"job_keywords_hash", "ab"}});
  store.set_preview_hash(job, "keywords", "h1");
  store.set_preview_hash(job, "nudge", "h2");
  const std::string legacy = store.create_job({"legacy", std::nullopt})["job_id"];
  store.update_job(legacy, {{"preview_hashes", {"x", "y"}}});
  auto tailored = store.list_resumes().at(3);
  store.create_improvement({master_id, tailored["resume_id"], job,
                            Json::array({{{"suggestion", "Quantified"}, {"lineNumber", 2}},
                                         {{"suggestion", "Reordered"}, {"lineNumber", nullptr}}})});
  store.update_resume(tailored["resume_id"], {{"outreach_message", "Hi ✉"}});
}

TEST_F(FileStoreTest, OpeningAMissingFileCreatesItOnlyAtTheFirstWrite) {
  const auto nested = dir_.path() / "data" / "database.json";
  FileStore store(nested);
  EXPECT_EQ(store.stats().total_resumes, 0);
  EXPECT_FALSE(store.get_resume("x").has_value());
  // Writes that change nothing do not create it either.
  EXPECT_FALSE(store.update_resume("x", {{"a", 1}}).has_value());
  EXPECT_FALSE(store.set_master("x"));
  EXPECT_FALSE(store.delete_resume("x"));
  EXPECT_FALSE(std::filesystem::exists(nested));
  EXPECT_FALSE(std::filesystem::exists(StoreJournal(nested).path()));

  Document doc = store.create_resume(resume_with("r"), MasterPolicy::kMasterIfNone);
  ASSERT_TRUE(read_database_on_disk(nested).has_value());
  Json on_disk = *read_database_on_disk(nested);
  EXPECT_EQ(on_disk["resumes"]["1"], doc);
}

TEST_F(FileStoreTest, EveryWriteIsOnDiskWhenTheCallReturns) {
  FileStore store(db_);
  const std::string id =
      store.create_resume(resume_with("r"), MasterPolicy::kNotMaster)["resume_id"];
  EXPECT_EQ(on_disk(), store.export_tables());
  store.update_resume(id, {{"cover_letter", "c"}});
  EXPECT_EQ(on_disk(), store.export_tables());
  store.set_master(id);
  EXPECT_EQ(on_disk()["resumes"]["1"]["is_master"], true);
  const std::string job = store.create_job({"j", std::nullopt})["job_id"];
  store.set_preview_hash(job, "p", "h");
  EXPECT_EQ(on_disk(), store.export_tables());
  store.create_improvement({id, id, job, Json::array()});
  EXPECT_EQ(on_disk(), store.export_tables());
  store.delete_resume(id);
  EXPECT_EQ(on_disk(), store.export_tables());
  store.clear();
  EXPECT_EQ(on_disk(), store.export_tables());
  // clear() rewrites database.json whole: no journal, no temporary file left.
  EXPECT_EQ(file_names(dir_.path()), std::vector<std::string>{"database.json"});
}

TEST_F(FileStoreTest, WritesThatMatchNothingDoNotRewriteTheFile) {
  FileStore store(db_);
  store.create_resume(resume_with("r"), MasterPolicy::kMasterIfNone);
  store.create_job({"j", std::nullopt});
  const std::string text = read_text(db_);
  const std::string journal = read_text(journal_);
  EXPECT_FALSE(store.update_resume("gone", {{"a", 1}}).has_value());
  EXPECT_FALSE(store.update_job("gone", {{"a", 1}}).has_value());
  EXPECT_FALSE(store.set_master("gone"));
  EXPECT_FALSE(store.delete_resume("gone"));
  EXPECT_FALSE(store.set_preview_hash("gone", "p", "h"));
  EXPECT_EQ(read_text(db_), text);
  EXPECT_EQ(read_text(journal_), journal);
}

TEST_F(FileStoreTest, ReopenGivesBackEveryRecordAndIdenticalTables) {
  std::string written_tables;
  std::string written_file;
  {
    FileStore store(db_);
    populate(store);
    written_tables = store.export_tables().dump();
  }
  // A clean stop folds the journal into database.json.
  written_file = read_text(db_);
  EXPECT_EQ(file_names(dir_.path()), std::vector<std::string>{"database.json"});
  FileStore reopened(db_);
  EXPECT_EQ(reopened.migrated_on_open(), 0);
  EXPECT_EQ(reopened.export_tables().dump(), written_tables);
  EXPECT_EQ(reopened.stats().total_resumes, 12);
  EXPECT_EQ(reopened.stats().total_jobs, 2);
  EXPECT_EQ(reopened.stats().total_improvements, 1);
  // The file is what Python's json.dump writes for these tables.
  EXPECT_EQ(written_file, to_python_json(reopened.export_tables(), nullptr));
  // A rewrite that changes nothing writes the same bytes (stable key order).
  const std::string master = reopened.get_master_resume()->at("resume_id");
  ASSERT_TRUE(reopened.set_master(master));
  const Json tables_now = reopened.export_tables();
  {
    FileStore again(db_);
    EXPECT_EQ(again.export_tables(), tables_now);
  }
  EXPECT_EQ(read_text(db_), written_file);
  // And new ids continue after the largest one.
  reopened.create_resume(resume_with("next"), MasterPolicy::kNotMaster);
  EXPECT_TRUE(reopened.export_tables()["resumes"].contains("13"));
}

TEST_F(FileStoreTest, AnEmptyFileIsAnEmptyDatabase) {
  // TinyDB creates database.json empty before its first write.
  dir_.write("database.json", "");
  FileStore store(db_);
  EXPECT_EQ(store.stats().total_resumes, 0);
  EXPECT_EQ(read_text(db_), "");
  store.create_job({"j", std::nullopt});
  EXPECT_EQ(on_disk()["jobs"]["1"]["content"], "j");
}

TEST_F(FileStoreTest, UnparseableFileIsRefusedAndLeftUntouched) {
  const std::string garbage = "{\"resumes\": {\"1\": {\"resume_id\": \"a\"";  // truncated
  dir_.write("database.json", garbage);
  try {
    FileStore store(db_);
    FAIL() << "opened an unparseable file";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(db_.string()), std::string::npos) << what;
    EXPECT_NE(what.find("not valid JSON"), std::string::npos) << what;
  }
  EXPECT_EQ(read_text(db_), garbage);
}

// A number JSON allows but a double cannot hold: refused like any unreadable
// file, not an escaping nlohmann exception (found by fuzz/targets/stored_documents).
TEST_F(FileStoreTest, NumberOutOfRangeIsRefused) {
  const std::string text = "{\"resumes\": {\"1\": {\"resume_id\": \"a\", \"n\": 1e309}}}";
  dir_.write("database.json", text);
  EXPECT_THROW(FileStore store(db_), StoreError);
  EXPECT_EQ(read_text(db_), text);
}

TEST_F(FileStoreTest, JsonThatIsNotTinyDbTablesIsRefused) {
  for (const std::string text : {"[]", "\"x\"", "{\"resumes\": []}", "{\"jobs\": 3}"}) {
    dir_.write("database.json", text);
    try {
      FileStore store(db_);
      ADD_FAILURE() << "opened " << text;
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find(db_.string()), std::string::npos) << e.what();
    }
    EXPECT_EQ(read_text(db_), text);
  }
}

TEST_F(FileStoreTest, UnreadableFileIsAStoreErrorNamingThePath) {
  std::filesystem::create_directory(db_);  // a directory where the file should be
  try {
    FileStore store(db_);
    FAIL() << "opened a directory";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(db_.string()), std::string::npos) << e.what();
  }
}

TEST_F(FileStoreTest, AFailedWriteIsReportedAndNotVisible) {
  const auto data = dir_.path() / "data";
  FileStore store(data / "database.json");
  const std::string id =
      store.create_resume(resume_with("r"), MasterPolicy::kMasterIfNone)["resume_id"];
  const Json before = store.export_tables();
  // The data directory disappears and a plain file takes its place: no write can succeed.
  std::filesystem::remove_all(data);
  dir_.write("data", "not a directory");

  EXPECT_THROW(store.create_resume(resume_with("lost"), MasterPolicy::kNotMaster), StoreError);
  EXPECT_THROW(store.update_resume(id, {{"cover_letter", "lost"}}), StoreError);
  EXPECT_THROW(store.delete_resume(id), StoreError);
  EXPECT_THROW(store.clear(), StoreError);
  // Memory still equals the last durable state.
  EXPECT_EQ(store.export_tables(), before);
}

TEST_F(FileStoreTest, TextThatIsNotUtf8IsRefusedWithoutChangingAnything) {
  FileStore store(db_);
  store.create_resume(resume_with("ok"), MasterPolicy::kMasterIfNone);
  const std::string text = read_text(db_);
  const Json before = store.export_tables();
  EXPECT_THROW(store.create_resume(resume_with("bad \xff byte"), MasterPolicy::kNotMaster),
               StoreError);
  EXPECT_EQ(store.export_tables(), before);
  EXPECT_EQ(read_text(db_), text);
}

TEST_F(FileStoreTest, UnknownTablesAndFieldsSurviveRewrites) {
  dir_.write(
      "database.json",
      "{\"_default\": {\"1\": {\"x\": 1}}, \"audit\": {}, \"resumes\": {\"1\": {\"resume_id\": "
      "\"a\", \"content\": \"c\", \"is_master\": true, \"processing_status\": \"ready\", "
      "\"extra\": [1, 2]}}}");
  {
    FileStore store(db_);
    ASSERT_TRUE(store.update_resume("a", {{"cover_letter", "hi"}}).has_value());
  }
  OrderedJson on_disk = OrderedJson::parse(read_text(db_));
  EXPECT_EQ(on_disk["_default"], OrderedJson::parse("{\"1\": {\"x\": 1}}"));
  EXPECT_EQ(on_disk["audit"], OrderedJson::object());
  EXPECT_EQ(on_disk["resumes"]["1"]["extra"], OrderedJson::parse("[1, 2]"));
  EXPECT_EQ(on_disk["resumes"]["1"]["cover_letter"], "hi");
  // The file's own order comes first: the unknown table stays where it was.
  EXPECT_EQ(on_disk.begin().key(), "_default");
}

TEST_F(FileStoreTest, AWriteAppendsOnlyWhatItChangedToTheJournal) {
  FileStore store(db_);
  for (int i = 0; i < 20; ++i) store.create_resume(resume_with("r"), MasterPolicy::kNotMaster);
  const std::string id = store.list_resumes().at(7)["resume_id"];
  const auto before = std::filesystem::file_size(journal_);
  ASSERT_TRUE(store.update_resume(id, {{"cover_letter", "c"}}).has_value());
  const std::string text = read_text(journal_);
  const Json last = Json::parse(text.substr(before));
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0][0], "resumes");
  EXPECT_EQ(last[0][1], "8");
  EXPECT_EQ(last[0][2]["cover_letter"], "c");
}

TEST_F(FileStoreTest, ATornLastJournalEntryIsDroppedAndWritingGoesOn) {
  std::string kept;
  {
    FileStore store(db_);
    kept = store.create_resume(resume_with("kept"), MasterPolicy::kMasterIfNone)["resume_id"];
    // A crash mid-append: the journal as it was, plus half of the next entry.
    const std::string journal = read_text(journal_);
    store.create_job({"j", std::nullopt});
    dir_.write("saved.journal", journal + "[[\"resumes\", \"2\", {\"resume_id\": \"torn");
  }
  std::filesystem::rename(dir_.path() / "saved.journal", journal_);
  std::filesystem::remove(db_);
  {
    FileStore store(db_);
    EXPECT_TRUE(store.get_resume(kept).has_value());
    EXPECT_EQ(store.stats().total_resumes, 1);
    EXPECT_EQ(store.stats().total_jobs, 0);
    store.create_job({"after", std::nullopt});
  }
  FileStore reopened(db_);
  EXPECT_EQ(reopened.stats().total_resumes, 1);
  EXPECT_EQ(reopened.stats().total_jobs, 1);
}

TEST_F(FileStoreTest, ACorruptJournalEntryIsRefusedAndLeftUntouched) {
  {
    FileStore store(db_);
    store.create_resume(resume_with("r"), MasterPolicy::kMasterIfNone);
  }
  dir_.write("database.json.journal", "not json\n");
  try {
    FileStore store(db_);
    FAIL() << "opened a corrupt journal";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("journal"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_text(journal_), "not json\n");
}

TEST_F(FileStoreTest, AStaleStoreClosingDoesNotOverwriteANewerOnesWrites) {
  auto old_store = std::make_unique<FileStore>(db_);
  old_store->create_resume(resume_with("old"), MasterPolicy::kMasterIfNone);
  {
    FileStore newer(db_);
    newer.create_resume(resume_with("new"), MasterPolicy::kNotMaster);
    old_store.reset();
  }
  EXPECT_EQ(FileStore(db_).stats().total_resumes, 2);
}

}  // namespace
}  // namespace rm
