// API-007: when the diff cannot be calculated, diff_summary and detailed_changes
// are null and a warning gives the reason (original_data_missing / calculation_error).
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

class Api007 : public ServiceFixture {
 protected:
  Json preview(const std::string& resume_id) {
    auto result = service().improve_preview({resume_id, seed_job(), std::nullopt});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value() : Json{{"data", {{"warnings", Json::array()}}}};
  }

  // Structured data the diff cannot read: workExperience is not a list.
  std::string seed_unreadable() {
    NewResume resume;
    resume.content = "# Ada";
    resume.content_type = "md";
    resume.filename = "ada.pdf";
    resume.processed_data = master_data();
    resume.processed_data["workExperience"] = "Engineer at Analytical Engines";
    resume.processing_status = "ready";
    return memory->create_resume(resume, MasterPolicy::kNotMaster)["resume_id"];
  }

  static void expect_no_diff(const Json& body) {
    EXPECT_TRUE(body.at("data").at("diff_summary").is_null());
    EXPECT_TRUE(body.at("data").at("detailed_changes").is_null());
  }
};

TEST_F(Api007, DiffIsCalculatedFromTheOriginal) {
  const Json body = preview(seed_master());
  EXPECT_TRUE(body.at("data").at("diff_summary").is_object());
  EXPECT_TRUE(body.at("data").at("detailed_changes").is_array());
  EXPECT_FALSE(has_warning(body, {"changes"}));
}

TEST_F(Api007, MissingOriginalDataIsAWarningWithItsReason) {
  const Json body = preview(seed_unparsed_resume());
  expect_no_diff(body);
  EXPECT_TRUE(has_warning(body, {"could not calculate changes", "original_data_missing"}))
      << body.at("data").at("warnings");
}

TEST_F(Api007, CalculationErrorIsAWarningWithItsReason) {
  const Json body = preview(seed_unreadable());
  expect_no_diff(body);
  EXPECT_TRUE(has_warning(body, {"could not calculate changes", "calculation_error"}))
      << body.at("data").at("warnings");
}

TEST_F(Api007, DefectLeavesTheNullsUnexplained) {
  make_service(Issue::kApi007);
  for (const std::string& resume_id : {seed_unparsed_resume(), seed_unreadable()}) {
    const Json body = preview(resume_id);
    expect_no_diff(body);
    EXPECT_FALSE(has_warning(body, {"changes"})) << body.at("data").at("warnings");
    EXPECT_FALSE(has_warning(body, {"original_data_missing"}));
    EXPECT_FALSE(has_warning(body, {"calculation_error"}));
  }
}

}  // namespace
}  // namespace rm::service_test
