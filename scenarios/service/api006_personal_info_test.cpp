// API-006: the tailored result keeps the original's personalInfo exactly; when
// there is none to keep, data.warnings says personal info may be AI-generated.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

class Api006 : public ServiceFixture {
 protected:
  Json preview(const std::string& resume_id, const std::string& job_id) {
    auto result = service().improve_preview({resume_id, job_id, std::nullopt});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value() : Json{{"data", {{"warnings", Json::array()}}}};
  }

  std::string seed_without_personal_info() {
    NewResume resume;
    resume.content = "# Ada";
    resume.content_type = "md";
    resume.filename = "ada.pdf";
    resume.processed_data = master_data();
    resume.processed_data.erase("personalInfo");
    resume.processing_status = "ready";
    return memory->create_resume(resume, MasterPolicy::kNotMaster)["resume_id"];
  }

  static bool warns_ai_generated(const Json& body) {
    return has_warning(body, {"personal info", "AI-generated"});
  }
};

TEST_F(Api006, InventedContactDetailsAreReplacedByTheOriginal) {
  const std::string resume_id = seed_master();
  const std::string job_id = seed_job();
  const Document before = stored(resume_id);
  const Json body = preview(resume_id, job_id);
  EXPECT_EQ(body.at("data").at("resume_preview").at("personalInfo"), master_data()["personalInfo"]);
  EXPECT_FALSE(warns_ai_generated(body));
  EXPECT_EQ(stored(resume_id), before) << "the original record was modified";
}

TEST_F(Api006, PersistedImprovementKeepsTheOriginal) {
  const std::string resume_id = seed_master();
  auto result = service().improve({resume_id, seed_job(), std::nullopt});
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  const Document tailored = stored(result.value().at("data").at("resume_id"));
  EXPECT_EQ(tailored.at("processed_data").at("personalInfo"), master_data()["personalInfo"]);
  EXPECT_EQ(stored(resume_id).at("processed_data"), master_data());
}

TEST_F(Api006, OriginalWithoutProcessedDataWarns) {
  const Json body = preview(seed_unparsed_resume(), seed_job());
  EXPECT_TRUE(warns_ai_generated(body)) << body.at("data").at("warnings");
}

TEST_F(Api006, OriginalWithoutPersonalInfoWarns) {
  const Json body = preview(seed_without_personal_info(), seed_job());
  EXPECT_TRUE(warns_ai_generated(body)) << body.at("data").at("warnings");
}

TEST_F(Api006, DefectIsSilentWhenThereIsNothingToKeep) {
  make_service(Issue::kApi006);
  const Json without_data = preview(seed_unparsed_resume(), seed_job());
  EXPECT_FALSE(has_warning(without_data, {"personal info"}))
      << without_data.at("data").at("warnings");
  const Json without_info = preview(seed_without_personal_info(), seed_job());
  EXPECT_FALSE(has_warning(without_info, {"personal info"}))
      << without_info.at("data").at("warnings");
}

}  // namespace
}  // namespace rm::service_test
