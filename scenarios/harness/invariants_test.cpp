// Contract section 3 over TinyDB-layout tables, and the id tracker.
#include <gtest/gtest.h>

#include "harness/invariants.hpp"
#include "harness/requests.hpp"

namespace rm::harness {
namespace {

Json tables() {
  return {{"resumes", Json::object()}, {"jobs", Json::object()}, {"improvements", Json::object()}};
}

Json resume(const std::string& id, bool master, const Json& parent = nullptr,
            const std::string& status = "ready") {
  return {{"resume_id", id},
          {"is_master", master},
          {"parent_id", parent},
          {"processing_status", status}};
}

Json improvement(const std::string& request, const std::string& tailored, const std::string& job) {
  return {{"request_id", request},
          {"original_resume_id", "m"},
          {"tailored_resume_id", tailored},
          {"job_id", job}};
}

bool mentions(const std::vector<std::string>& violations, const std::string& text) {
  for (const std::string& v : violations) {
    if (v.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(StoreInvariants, AConsistentStoreHasNone) {
  Json t = tables();
  t["resumes"]["1"] = resume("m", true);
  t["resumes"]["2"] = resume("t", false, "m");
  t["jobs"]["1"] = {{"job_id", "j"}};
  t["improvements"]["1"] = improvement("req", "t", "j");
  EXPECT_TRUE(store_invariant_violations(t).empty());
  EXPECT_TRUE(store_invariant_violations(tables()).empty());
}

TEST(StoreInvariants, TwoMasters) {
  Json t = tables();
  t["resumes"]["1"] = resume("a", true);
  t["resumes"]["2"] = resume("b", true);
  const auto v = store_invariant_violations(t);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("at most one master"), std::string::npos);
  EXPECT_NE(v[0].find("a, b"), std::string::npos) << v[0];
}

TEST(StoreInvariants, TailoredResumeWithoutImprovementRecord) {
  Json t = tables();
  t["resumes"]["1"] = resume("m", true);
  t["resumes"]["2"] = resume("orphan", false, "m");
  EXPECT_TRUE(mentions(store_invariant_violations(t), "resume orphan (parent_id m) has none"));
  // An empty parent_id is not a tailored resume.
  t["resumes"]["2"]["parent_id"] = "";
  EXPECT_TRUE(store_invariant_violations(t).empty());
}

TEST(StoreInvariants, ImprovementRecordPointingAtNothing) {
  Json t = tables();
  t["improvements"]["1"] = improvement("req", "gone", "nojob");
  const auto v = store_invariant_violations(t);
  EXPECT_TRUE(mentions(v, "tailored resume 'gone'"));
  EXPECT_TRUE(mentions(v, "job 'nojob'"));
}

TEST(StoreInvariants, ResumeLeftProcessing) {
  Json t = tables();
  t["resumes"]["1"] = resume("p", true, nullptr, "processing");
  EXPECT_TRUE(mentions(store_invariant_violations(t), "resume p is still \"processing\""));
}

TEST(StoreInvariants, LegacyRecordsWithoutFieldsAreFine) {
  Json t = tables();
  t["resumes"]["1"] = {{"resume_id", "old"}, {"content", "x"}};  // no is_master, no status
  EXPECT_TRUE(store_invariant_violations(t).empty());
  EXPECT_NE(tables_digest(t).find("old (no status)"), std::string::npos) << tables_digest(t);
}

TEST(TablesDigest, NamesMastersParentsAndLinks) {
  Json t = tables();
  t["resumes"]["1"] = resume("m", true);
  t["resumes"]["2"] = resume("t", false, "m");
  t["jobs"]["1"] = {{"job_id", "j"}};
  t["improvements"]["1"] = improvement("req", "t", "j");
  EXPECT_EQ(tables_digest(t),
            "resumes: [m master ready, t parent=m ready]; jobs: [j]; improvements: [t<-j]");
}

ApiResponse ok(const Json& body) { return ApiResponse{200, {}, body.dump()}; }

TEST(IdTracker, CreatedIdsMustExist) {
  IdTracker ids;
  ids.observe(upload("cv.pdf", "application/pdf", "x"), ok({{"resume_id", "r1"}}), 1, 2);
  ids.observe(post_json(api("/jobs/upload"), {{"job_descriptions", {"a"}}}),
              ok({{"job_id", {"j1"}}}), 3, 4);
  ids.observe(post_json(api("/resumes/improve/confirm"), Json::object()),
              ok({{"data", {{"resume_id", "t1"}}}}), 5, 6);
  // A preview's null resume_id is not an id.
  ids.observe(post_json(api("/resumes/improve/preview"), Json::object()),
              ok({{"data", {{"resume_id", nullptr}}}}), 7, 8);
  Json t = tables();
  t["resumes"]["1"] = resume("r1", true);
  t["jobs"]["1"] = {{"job_id", "j1"}};
  const auto v = ids.violations(t);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("resume t1"), std::string::npos) << v[0];
  EXPECT_NE(v[0].find("POST /api/v1/resumes/improve/confirm"), std::string::npos) << v[0];
}

TEST(IdTracker, ALaterDeleteExplainsAMissingId) {
  IdTracker ids;
  ids.observe(upload("cv.pdf", "application/pdf", "x"), ok({{"resume_id", "r1"}}), 1, 2);
  ids.observe(del(api("/resumes/r1")), ok({{"message", "Resume deleted successfully"}}), 3, 4);
  EXPECT_TRUE(ids.violations(tables()).empty());
}

TEST(IdTracker, ADeleteAnsweredBeforeTheSuccessDoesNot) {
  // API-011: the upload is held at the parse, the resume is deleted meanwhile,
  // and the upload then claims success for it.
  IdTracker ids;
  ids.observe(del(api("/resumes/r1")), ok({{"message", "Resume deleted successfully"}}), 2, 3);
  ids.observe(upload("cv.pdf", "application/pdf", "x"), ok({{"resume_id", "r1"}}), 1, 4);
  EXPECT_EQ(ids.violations(tables()).size(), 1u);
}

TEST(IdTracker, SuccessfulChangeOfAResumeVouchesForIt) {
  IdTracker ids;
  ids.observe(post(api("/resumes/r9/generate-cover-letter")), ok({{"content", "Dear"}}), 1, 2);
  ids.observe(patch_json(api("/resumes/r8"), Json::object()), ok(Json::object()), 3, 4);
  ids.observe(post(api("/resumes/r7/master")), ApiResponse{404, {}, "{}"}, 5, 6);  // not a 200
  ids.observe(get(api("/resumes/r6/job-description")), ok(Json::object()), 7, 8);  // a read
  const auto v = ids.violations(tables());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_NE(v[0].find("resume r9"), std::string::npos);
  EXPECT_NE(v[1].find("resume r8"), std::string::npos);
}

TEST(IdTracker, ExistsCallbackAndClear) {
  IdTracker ids;
  ids.observe(upload("cv.pdf", "application/pdf", "x"), ok({{"resume_id", "r1"}}), ids.tick(),
              ids.tick());
  EXPECT_TRUE(ids.violations([](IdTracker::Kind, const std::string&) { return true; }).empty());
  EXPECT_EQ(ids.violations([](IdTracker::Kind, const std::string&) { return false; }).size(), 1u);
  ids.clear();
  EXPECT_TRUE(ids.empty());
}

}  // namespace
}  // namespace rm::harness
