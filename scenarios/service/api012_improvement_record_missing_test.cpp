// API-012: a tailored resume whose improvement record is gone and a master resume
// get different 400 details; the first is logged with the resume id.
#include <functional>

#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

class Api012 : public ServiceFixture {
 protected:
  Api012()
      : master(seed_master()),
        job(seed_job()),
        orphan(seed_tailored(master, job, /*with_improvement=*/false)) {}

  // Every endpoint that needs the job context of a tailored resume.
  std::vector<std::pair<std::string, std::function<Outcome<Json>(const std::string&)>>>
  endpoints() {
    return {
        {"generate cover letter",
         [this](const std::string& id) { return service().generate_cover_letter(id); }},
        {"generate outreach",
         [this](const std::string& id) { return service().generate_outreach(id); }},
        {"job description",
         [this](const std::string& id) { return service().job_description(id); }},
    };
  }

  static std::string detail_400(const Outcome<Json>& result) {
    EXPECT_FALSE(result.ok());
    if (result.ok()) return "";
    EXPECT_EQ(result.failure().status, 400);
    return result.failure().detail;
  }

  std::string master;
  std::string job;
  std::string orphan;
};

TEST_F(Api012, LostImprovementRecordAndMasterAreToldApart) {
  for (const auto& [name, call] : endpoints()) {
    SCOPED_TRACE(name);
    ::testing::internal::CaptureStderr();
    const std::string tailored_detail = detail_400(call(orphan));
    const std::string log = ::testing::internal::GetCapturedStderr();
    const std::string master_detail = detail_400(call(master));

    EXPECT_TRUE(mentions(tailored_detail, "improvement record") ||
                mentions(tailored_detail, "job context"))
        << tailored_detail;
    EXPECT_TRUE(mentions(tailored_detail, "deleted")) << tailored_detail;
    EXPECT_TRUE(mentions(log, orphan)) << "the log does not name the resume: " << log;
    EXPECT_TRUE(mentions(master_detail, "not a tailored resume")) << master_detail;
    EXPECT_NE(tailored_detail, master_detail);
  }
}

TEST_F(Api012, TailoredResumeWithItsRecordFindsTheJob) {
  const std::string tailored = seed_tailored(master, job, /*with_improvement=*/true);
  auto result = service().job_description(tailored);
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  EXPECT_EQ(result.value(), (Json{{"job_id", job}, {"content", kJobText}}));
}

TEST_F(Api012, DefectGivesOneGenericMessageForBoth) {
  make_service(Issue::kApi012);
  for (const auto& [name, call] : endpoints()) {
    SCOPED_TRACE(name);
    const std::string tailored_detail = detail_400(call(orphan));
    const std::string master_detail = detail_400(call(master));
    EXPECT_EQ(tailored_detail, master_detail);
    EXPECT_FALSE(mentions(master_detail, "not a tailored resume"));
  }
}

}  // namespace
}  // namespace rm::service_test
