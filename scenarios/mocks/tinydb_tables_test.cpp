// TinyDbTables: every Store operation's semantics, including the not-found paths
// and the legacy shapes the fault contracts name.
#include "mocks/store/tinydb_tables.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace rm {
namespace {

NewResume resume_named(const std::string& filename) {
  NewResume r;
  r.content = "# " + filename;
  r.content_type = "md";
  r.filename = filename;
  return r;
}

int master_count(const TinyDbTables& db) {
  int n = 0;
  for (const auto& r : db.list_resumes()) n += r.value("is_master", false) ? 1 : 0;
  return n;
}

TEST(TinyDbTables, CreateResumeWritesDatabasePyFields) {
  TinyDbTables db;
  NewResume in = resume_named("cv.pdf");
  in.parent_id = "parent-1";
  in.processed_data = {{"summary", "x"}};
  in.processing_status = "ready";
  in.cover_letter = "Dear";
  const Document doc = db.create_resume(in, MasterPolicy::kNotMaster);

  for (const char* field : {"resume_id", "content", "content_type", "filename", "is_master",
                            "parent_id", "processed_data", "processing_status", "cover_letter",
                            "outreach_message", "created_at", "updated_at"}) {
    EXPECT_TRUE(doc.contains(field)) << field;
  }
  EXPECT_EQ(doc.size(), 12u);
  EXPECT_EQ(doc["resume_id"].get<std::string>().size(), 36u);
  EXPECT_EQ(doc["content"], "# cv.pdf");
  EXPECT_EQ(doc["parent_id"], "parent-1");
  EXPECT_EQ(doc["processed_data"], (Json{{"summary", "x"}}));
  EXPECT_EQ(doc["processing_status"], "ready");
  EXPECT_EQ(doc["cover_letter"], "Dear");
  EXPECT_TRUE(doc["outreach_message"].is_null());
  EXPECT_EQ(doc["is_master"], false);
  EXPECT_EQ(doc["created_at"], doc["updated_at"]);
  EXPECT_EQ(db.tables()["resumes"]["1"], doc);
  EXPECT_EQ(db.get_resume(doc["resume_id"]), doc);
}

TEST(TinyDbTables, DefaultsAreNullsAndPending) {
  TinyDbTables db;
  const Document doc = db.create_resume(resume_named("a.md"), MasterPolicy::kNotMaster);
  EXPECT_TRUE(doc["parent_id"].is_null());
  EXPECT_TRUE(doc["processed_data"].is_null());
  EXPECT_TRUE(doc["cover_letter"].is_null());
  EXPECT_EQ(doc["processing_status"], "pending");
}

TEST(TinyDbTables, DocIdsAreMaxPlusOneAndListedInNumericOrder) {
  TinyDbTables db(Json{{"resumes",
                        {{"2", {{"resume_id", "b"}, {"is_master", false}}},
                         {"10", {{"resume_id", "c"}, {"is_master", false}}}}}});
  db.create_resume(resume_named("new"), MasterPolicy::kNotMaster);
  EXPECT_TRUE(db.tables()["resumes"].contains("11"));
  const auto all = db.list_resumes();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["resume_id"], "b");
  EXPECT_EQ(all[1]["resume_id"], "c");
  EXPECT_EQ(all[2]["filename"], "new");
  db.create_job(NewJob{"jd", std::nullopt});
  EXPECT_TRUE(db.tables()["jobs"].contains("1"));
}

TEST(TinyDbTables, ConstructorFillsMissingTablesAndKeepsOthers) {
  TinyDbTables db(Json{{"_default", Json::object()}, {"jobs", {{"1", {{"job_id", "j"}}}}}});
  EXPECT_EQ(db.tables()["resumes"], Json::object());
  EXPECT_EQ(db.tables()["improvements"], Json::object());
  EXPECT_TRUE(db.tables().contains("_default"));
  EXPECT_TRUE(db.get_job("j").has_value());
  EXPECT_EQ(db.export_tables(), db.tables());
}

TEST(TinyDbTables, ConstructorRejectsNonObjects) {
  EXPECT_THROW(TinyDbTables(Json::array()), StoreError);
  EXPECT_THROW(TinyDbTables(Json{{"resumes", Json::array()}}), StoreError);
  EXPECT_NO_THROW(TinyDbTables(Json(nullptr)));
}

TEST(TinyDbTables, NotFoundPaths) {
  TinyDbTables db;
  EXPECT_FALSE(db.get_resume("nope").has_value());
  EXPECT_FALSE(db.get_master_resume().has_value());
  EXPECT_FALSE(db.get_job("nope").has_value());
  EXPECT_FALSE(db.get_improvement_by_tailored_resume("nope").has_value());
  EXPECT_FALSE(db.delete_resume("nope"));
  EXPECT_FALSE(db.set_master("nope"));
  EXPECT_FALSE(db.set_preview_hash("nope", "full", "h"));
  EXPECT_FALSE(db.update_job("nope", {{"a", 1}}).has_value());
  EXPECT_FALSE(db.update_resume("nope", {{"a", 1}}).has_value());
  EXPECT_EQ(db.export_tables(), TinyDbTables().export_tables());
}

TEST(TinyDbTables, UpdateResumeMergesAndRefreshesUpdatedAt) {
  TinyDbTables db(Json{{"resumes",
                        {{"1",
                          {{"resume_id", "r1"},
                           {"content", "old"},
                           {"is_master", false},
                           {"created_at", "2000-01-01T00:00:00+00:00"},
                           {"updated_at", "2000-01-01T00:00:00+00:00"}}}}}});
  const auto updated = db.update_resume("r1", {{"content", "new"}, {"processing_status", "ready"}});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ((*updated)["content"], "new");
  EXPECT_EQ((*updated)["processing_status"], "ready");
  EXPECT_EQ((*updated)["created_at"], "2000-01-01T00:00:00+00:00");
  EXPECT_NE((*updated)["updated_at"], "2000-01-01T00:00:00+00:00");
  EXPECT_EQ(db.get_resume("r1"), updated);
}

TEST(TinyDbTables, UpdateThatMatchesNothingChangesNothing) {
  TinyDbTables db;
  db.create_resume(resume_named("a"), MasterPolicy::kMasterIfNone);
  const Json before = db.export_tables();
  EXPECT_EQ(db.update_resume("gone", {{"content", "x"}}), std::nullopt);
  EXPECT_EQ(db.export_tables(), before);
  EXPECT_THROW(db.update_resume("gone", Json::array()), std::invalid_argument);
}

TEST(TinyDbTables, DeleteResumeCascadesToItsImprovementsOnly) {
  TinyDbTables db;
  const auto master = db.create_resume(resume_named("m"), MasterPolicy::kMasterIfNone);
  NewResume tailored_in = resume_named("t");
  tailored_in.parent_id = master["resume_id"].get<std::string>();
  const auto tailored = db.create_resume(tailored_in, MasterPolicy::kNotMaster);
  const auto other = db.create_resume(resume_named("o"), MasterPolicy::kNotMaster);
  const auto job = db.create_job(NewJob{"jd", master["resume_id"].get<std::string>()});
  db.create_improvement({master["resume_id"], tailored["resume_id"], job["job_id"], Json::array()});
  db.create_improvement({tailored["resume_id"], other["resume_id"], job["job_id"], Json::array()});

  EXPECT_TRUE(db.delete_resume(tailored["resume_id"]));
  EXPECT_FALSE(db.get_resume(tailored["resume_id"]).has_value());
  EXPECT_FALSE(db.get_improvement_by_tailored_resume(tailored["resume_id"]).has_value());
  // The record naming it only as the original stays.
  EXPECT_TRUE(db.get_improvement_by_tailored_resume(other["resume_id"]).has_value());
  EXPECT_EQ(db.stats().total_improvements, 1);
  EXPECT_EQ(db.stats().total_resumes, 2);
  EXPECT_FALSE(db.delete_resume(tailored["resume_id"]));
}

TEST(TinyDbTables, MasterPolicies) {
  TinyDbTables db;
  EXPECT_FALSE(db.create_resume(resume_named("a"), MasterPolicy::kNotMaster)["is_master"]);
  EXPECT_TRUE(db.create_resume(resume_named("b"), MasterPolicy::kMasterIfNone)["is_master"]);
  EXPECT_FALSE(db.create_resume(resume_named("c"), MasterPolicy::kMasterIfNone)["is_master"]);
  // kMaster is the audited check-then-insert outcome: master regardless.
  EXPECT_TRUE(db.create_resume(resume_named("d"), MasterPolicy::kMaster)["is_master"]);
  EXPECT_EQ(master_count(db), 2);
  EXPECT_EQ(db.get_master_resume().value()["filename"], "b");
}

TEST(TinyDbTables, SetMasterMovesTheFlag) {
  TinyDbTables db;
  const auto a = db.create_resume(resume_named("a"), MasterPolicy::kMasterIfNone);
  const auto b = db.create_resume(resume_named("b"), MasterPolicy::kNotMaster);
  EXPECT_TRUE(db.set_master(b["resume_id"]));
  EXPECT_EQ(master_count(db), 1);
  EXPECT_EQ(db.get_master_resume().value()["resume_id"], b["resume_id"]);
  EXPECT_FALSE(db.get_resume(a["resume_id"]).value()["is_master"]);
  EXPECT_TRUE(db.set_master(b["resume_id"]));
  EXPECT_EQ(master_count(db), 1);
}

TEST(TinyDbTables, SetMasterOnUnknownIdLeavesMasterUnchanged) {
  TinyDbTables db;
  const auto a = db.create_resume(resume_named("a"), MasterPolicy::kMasterIfNone);
  db.create_resume(resume_named("b"), MasterPolicy::kNotMaster);
  const Json before = db.export_tables();
  EXPECT_FALSE(db.set_master("does-not-exist"));
  EXPECT_EQ(db.export_tables(), before);
  EXPECT_EQ(db.get_master_resume().value()["resume_id"], a["resume_id"]);
}

TEST(TinyDbTables, SetMasterRepairsSeveralMasters) {
  TinyDbTables db;
  db.create_resume(resume_named("a"), MasterPolicy::kMaster);
  const auto b = db.create_resume(resume_named("b"), MasterPolicy::kMaster);
  ASSERT_EQ(master_count(db), 2);
  EXPECT_TRUE(db.set_master(b["resume_id"]));
  EXPECT_EQ(master_count(db), 1);
}

TEST(TinyDbTables, JobsCreateGetUpdate) {
  TinyDbTables db;
  const auto job = db.create_job(NewJob{"Backend Engineer", std::string("r1")});
  EXPECT_EQ(job.size(), 4u);
  EXPECT_EQ(job["content"], "Backend Engineer");
  EXPECT_EQ(job["resume_id"], "r1");
  EXPECT_EQ(job["job_id"].get<std::string>().size(), 36u);
  EXPECT_TRUE(job.contains("created_at"));
  EXPECT_TRUE(db.create_job(NewJob{"x", std::nullopt})["resume_id"].is_null());

  const auto updated = db.update_job(
      job["job_id"], {{"job_keywords", {{"keywords", {"Go"}}}}, {"job_keywords_hash", "h"}});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ((*updated)["content"], "Backend Engineer");
  EXPECT_EQ((*updated)["job_keywords_hash"], "h");
  EXPECT_FALSE(updated->contains("updated_at"));
  EXPECT_EQ(db.get_job(job["job_id"]), updated);
  EXPECT_THROW(db.update_job(job["job_id"], "x"), std::invalid_argument);
}

TEST(TinyDbTables, PreviewHashesArePerPrompt) {
  TinyDbTables db;
  const std::string id = db.create_job(NewJob{"jd", std::nullopt})["job_id"];
  EXPECT_TRUE(db.set_preview_hash(id, "keywords", "h1"));
  EXPECT_TRUE(db.set_preview_hash(id, "full", "h2"));
  EXPECT_TRUE(db.set_preview_hash(id, "keywords", "h3"));
  EXPECT_EQ(db.get_job(id).value()["preview_hashes"], (Json{{"keywords", "h3"}, {"full", "h2"}}));
}

TEST(TinyDbTables, LegacyPreviewHashShapesBecomeAMapOfTheNewEntry) {
  TinyDbTables db(Json{{"jobs",
                        {{"1", {{"job_id", "list"}, {"preview_hashes", {"a", "b"}}}},
                         {"2", {{"job_id", "bare"}, {"preview_hash", "old"}}},
                         {"3", {{"job_id", "junk"}, {"preview_hashes", 42}}}}}});
  for (const char* id : {"list", "bare", "junk"}) {
    EXPECT_TRUE(db.set_preview_hash(id, "full", "new")) << id;
    const Json job = db.get_job(id).value();
    EXPECT_EQ(job["preview_hashes"], (Json{{"full", "new"}})) << id;
    EXPECT_FALSE(job.contains("preview_hash")) << id;
  }
}

TEST(TinyDbTables, Improvements) {
  TinyDbTables db;
  const auto doc = db.create_improvement({"orig", "tail", "job", Json::array({{{"a", 1}}})});
  EXPECT_EQ(doc.size(), 6u);
  EXPECT_EQ(doc["request_id"].get<std::string>().size(), 36u);
  EXPECT_EQ(doc["original_resume_id"], "orig");
  EXPECT_EQ(doc["tailored_resume_id"], "tail");
  EXPECT_EQ(doc["job_id"], "job");
  EXPECT_EQ(doc["improvements"], Json::array({{{"a", 1}}}));
  EXPECT_TRUE(doc.contains("created_at"));
  EXPECT_EQ(db.get_improvement_by_tailored_resume("tail"), doc);
  EXPECT_FALSE(db.get_improvement_by_tailored_resume("orig").has_value());
}

TEST(TinyDbTables, StatsAndClear) {
  TinyDbTables db;
  db.create_resume(resume_named("a"), MasterPolicy::kMasterIfNone);
  db.create_resume(resume_named("b"), MasterPolicy::kNotMaster);
  db.create_job(NewJob{"jd", std::nullopt});
  db.create_improvement({"a", "b", "j", Json::array()});
  StoreStats s = db.stats();
  EXPECT_EQ(s.total_resumes, 2);
  EXPECT_EQ(s.total_jobs, 1);
  EXPECT_EQ(s.total_improvements, 1);
  EXPECT_TRUE(s.has_master_resume);

  db.clear();
  s = db.stats();
  EXPECT_EQ(s.total_resumes, 0);
  EXPECT_EQ(s.total_jobs, 0);
  EXPECT_EQ(s.total_improvements, 0);
  EXPECT_FALSE(s.has_master_resume);
  EXPECT_EQ(db.export_tables(), (Json{{"resumes", Json::object()},
                                      {"jobs", Json::object()},
                                      {"improvements", Json::object()}}));
  db.create_resume(resume_named("c"), MasterPolicy::kMasterIfNone);
  EXPECT_TRUE(db.tables()["resumes"].contains("1"));
  EXPECT_TRUE(db.stats().has_master_resume);
}

TEST(TinyDbTables, RecordsOfOtherShapesAreSkippedNotFatal) {
  // Legacy or hand-edited databases: non-string ids, non-object records.
  TinyDbTables db(Json{{"resumes",
                        {{"1", "garbage"},
                         {"2", {{"resume_id", 7}, {"is_master", "yes"}}},
                         {"3", {{"resume_id", "ok"}, {"is_master", true}}}}}});
  EXPECT_EQ(db.get_master_resume().value()["resume_id"], "ok");
  EXPECT_TRUE(db.get_resume("ok").has_value());
  EXPECT_FALSE(db.get_resume("7").has_value());
  EXPECT_EQ(db.stats().total_resumes, 3);
}

// The lookups go through an index beside the tables; these follow it through
// the writes that move a record in or out of it.
TEST(TinyDbTables, LookupsFollowAnIdChangedByAPatch) {
  TinyDbTables db;
  const std::string id = db.create_resume(resume_named("a"), MasterPolicy::kNotMaster)["resume_id"];
  ASSERT_TRUE(db.update_resume(id, {{"resume_id", "renamed"}}).has_value());
  EXPECT_FALSE(db.get_resume(id).has_value());
  EXPECT_EQ(db.get_resume("renamed").value()["filename"], "a");
  EXPECT_TRUE(db.delete_resume("renamed"));
  EXPECT_EQ(db.stats().total_resumes, 0);
}

TEST(TinyDbTables, DuplicateIdsInAHandWrittenFileActLikeTinyDbQueries) {
  TinyDbTables db(
      Json{{"resumes",
            {{"10", {{"resume_id", "dup"}, {"filename", "ten"}, {"is_master", false}}},
             {"9", {{"resume_id", "dup"}, {"filename", "nine"}, {"is_master", true}}},
             {"2", {{"resume_id", "dup"}, {"filename", "two"}, {"is_master", true}}}}}});
  EXPECT_EQ(db.get_resume("dup").value()["filename"], "two");  // lowest document id
  EXPECT_EQ(db.get_master_resume().value()["filename"], "two");
  ASSERT_TRUE(db.update_resume("dup", {{"cover_letter", "x"}}).has_value());
  for (const auto& r : db.list_resumes()) EXPECT_EQ(r["cover_letter"], "x");
  ASSERT_TRUE(db.set_master("dup"));
  EXPECT_EQ(master_count(db), 1);
  EXPECT_EQ(db.tables()["resumes"]["2"]["is_master"], true);
  EXPECT_TRUE(db.delete_resume("dup"));
  EXPECT_EQ(db.stats().total_resumes, 0);
}

TEST(TinyDbTables, NextIdIsTheLargestRemainingPlusOne) {
  TinyDbTables db;
  db.create_resume(resume_named("a"), MasterPolicy::kNotMaster);
  const std::string second =
      db.create_resume(resume_named("b"), MasterPolicy::kNotMaster)["resume_id"];
  ASSERT_TRUE(db.delete_resume(second));
  db.create_resume(resume_named("c"), MasterPolicy::kNotMaster);
  EXPECT_EQ(db.tables()["resumes"]["2"]["filename"], "c");
}

TEST(TinyDbTables, UndoPutsTheLookupsBackToo) {
  TinyDbTables db;
  const std::string master =
      db.create_resume(resume_named("m"), MasterPolicy::kMasterIfNone)["resume_id"];
  const std::string other =
      db.create_resume(resume_named("o"), MasterPolicy::kNotMaster)["resume_id"];
  const NewImprovement improvement{master, other, "job", Json::array()};
  db.create_improvement(improvement);

  std::vector<TinyDbTables::Change> log;
  db.set_change_log(&log);
  ASSERT_TRUE(db.set_master(other));
  ASSERT_TRUE(db.delete_resume(other));
  const std::string created =
      db.create_resume(resume_named("n"), MasterPolicy::kNotMaster)["resume_id"];
  db.set_change_log(nullptr);
  EXPECT_FALSE(db.stats().has_master_resume);

  db.undo(log);
  EXPECT_EQ(db.get_master_resume().value()["resume_id"], master);
  EXPECT_TRUE(db.get_resume(other).has_value());
  EXPECT_FALSE(db.get_resume(created).has_value());
  EXPECT_TRUE(db.get_improvement_by_tailored_resume(other).has_value());
  EXPECT_EQ(master_count(db), 1);
}

TEST(TinyDbTables, SharedSummariesStayTheSameObjectUntilAResumeChanges) {
  TinyDbTables db;
  const std::string id = db.create_resume(resume_named("a"), MasterPolicy::kNotMaster)["resume_id"];
  const SharedSummaries first = db.shared_resume_summaries();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(db.shared_resume_summaries(), first);
  db.create_job(NewJob{"jd", std::nullopt});  // another table: the listing is unchanged
  EXPECT_EQ(db.shared_resume_summaries(), first);

  std::vector<TinyDbTables::Change> log;
  db.set_change_log(&log);
  db.update_resume(id, {{"filename", "b"}});
  db.set_change_log(nullptr);
  const SharedSummaries updated = db.shared_resume_summaries();
  EXPECT_NE(updated, first);
  EXPECT_EQ(updated->at(0)["filename"], "b");
  EXPECT_EQ(first->at(0)["filename"], "a");  // a snapshot never changes

  db.undo(log);
  EXPECT_EQ(db.shared_resume_summaries()->at(0)["filename"], "a");
  db.clear();
  EXPECT_TRUE(db.shared_resume_summaries()->empty());
}

}  // namespace
}  // namespace rm
