// API-009: with the features on, a failed cover letter or outreach generation is
// named in data.warnings with status "failed", and the other one is still returned.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Throw;

const LlmError kDown(LlmErrorKind::kTransport, "connection refused");

class Api009 : public ServiceFixture {
 protected:
  Api009() : resume_id(seed_master()), job_id(seed_job()) {}

  Json improve() {
    auto result = service().improve({resume_id, job_id, std::nullopt});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value() : Json::object();
  }

  std::string resume_id;
  std::string job_id;
};

TEST_F(Api009, BothGeneratedWhenEnabled) {
  enable_features(true, true);
  const Json data = improve().at("data");
  EXPECT_EQ(data.at("cover_letter"), "Dear hiring manager, ...");
  EXPECT_EQ(data.at("cover_letter_status"), "success");
  EXPECT_EQ(data.at("outreach_message"), "Hi, I saw the opening ...");
  EXPECT_EQ(data.at("outreach_status"), "success");
  EXPECT_EQ(stored(data.at("resume_id")).at("cover_letter"), "Dear hiring manager, ...");
}

TEST_F(Api009, NotRequestedWhenTheFeaturesAreOff) {
  EXPECT_CALL(*llm, cover_letter(_)).Times(0);
  EXPECT_CALL(*llm, outreach(_)).Times(0);
  const Json data = improve().at("data");
  EXPECT_EQ(data.at("cover_letter_status"), "not_requested");
  EXPECT_EQ(data.at("outreach_status"), "not_requested");
  EXPECT_TRUE(data.at("cover_letter").is_null());
}

TEST_F(Api009, FailedCoverLetterIsNamedAndOutreachStillReturned) {
  enable_features(true, true);
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Throw(kDown));
  const Json body = improve();
  const Json& data = body.at("data");
  EXPECT_TRUE(data.at("cover_letter").is_null());
  EXPECT_EQ(data.at("cover_letter_status"), "failed");
  EXPECT_TRUE(has_warning(body, {"cover letter"})) << data.at("warnings");
  EXPECT_EQ(data.at("outreach_message"), "Hi, I saw the opening ...");
  EXPECT_EQ(data.at("outreach_status"), "success");
  EXPECT_FALSE(has_warning(body, {"outreach"}));
}

TEST_F(Api009, FailedOutreachIsNamedAndCoverLetterStillReturned) {
  enable_features(true, true);
  ON_CALL(*llm, outreach(_)).WillByDefault(Throw(kDown));
  const Json body = improve();
  const Json& data = body.at("data");
  EXPECT_TRUE(data.at("outreach_message").is_null());
  EXPECT_EQ(data.at("outreach_status"), "failed");
  EXPECT_TRUE(has_warning(body, {"outreach"})) << data.at("warnings");
  EXPECT_EQ(data.at("cover_letter"), "Dear hiring manager, ...");
  EXPECT_EQ(data.at("cover_letter_status"), "success");
}

TEST_F(Api009, BothFailedAreBothNamedOnConfirm) {
  enable_features(true, true);
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Throw(kDown));
  ON_CALL(*llm, outreach(_)).WillByDefault(Throw(kDown));
  auto preview = service().improve_preview({resume_id, job_id, std::nullopt});
  ASSERT_TRUE(preview.ok()) << preview.failure().detail;
  EXPECT_EQ(preview.value().at("data").at("cover_letter_status"), "not_requested");
  ConfirmRequest confirm{resume_id, job_id, std::nullopt,
                         preview.value().at("data").at("resume_preview"),
                         preview.value().at("data").at("improvements")};
  auto result = service().improve_confirm(confirm);
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  EXPECT_EQ(result.value().at("data").at("cover_letter_status"), "failed");
  EXPECT_EQ(result.value().at("data").at("outreach_status"), "failed");
  EXPECT_TRUE(has_warning(result.value(), {"cover letter"}));
  EXPECT_TRUE(has_warning(result.value(), {"outreach"}));
}

TEST_F(Api009, DefectDropsTheFailureSilently) {
  make_service(Issue::kApi009);
  enable_features(true, true);
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Throw(kDown));
  const Json body = improve();
  const Json& data = body.at("data");
  EXPECT_TRUE(data.at("cover_letter").is_null());
  EXPECT_NE(data.at("cover_letter_status"), "failed");
  EXPECT_FALSE(has_warning(body, {"cover letter"}));
  EXPECT_EQ(data.at("outreach_status"), "success");
}

}  // namespace
}  // namespace rm::service_test
