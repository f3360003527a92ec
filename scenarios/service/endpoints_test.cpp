// The endpoints no audited issue concerns: config, health, jobs, PDF, GET, DELETE.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Return;

class Endpoints : public ServiceFixture {};

TEST_F(Endpoints, FeaturesDefaultOffAndRejectNonBooleans) {
  EXPECT_EQ(service().get_features(),
            (Json{{"enable_cover_letter", false}, {"enable_outreach_message", false}}));
  EXPECT_EQ(service().put_features({{"enable_cover_letter", "yes"}}).failure().status, 422);
  auto result = service().put_features({{"enable_cover_letter", true}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().at("enable_cover_letter"), true);
  EXPECT_EQ(settings_json.at("enable_cover_letter"), true);
}

TEST_F(Endpoints, LanguageAndPromptsAreChecked) {
  EXPECT_EQ(service().put_language({{"ui_language", "fr"}}).failure().status, 400);
  auto language = service().put_language({{"content_language", "ja"}});
  ASSERT_TRUE(language.ok());
  EXPECT_EQ(language.value().at("content_language"), "ja");
  EXPECT_EQ(language.value().at("ui_language"), "en");
  EXPECT_EQ(language.value().at("supported_languages").size(), 5u);

  EXPECT_EQ(service().get_prompts().at("default_prompt_id"), "keywords");
  EXPECT_EQ(service().put_prompts({{"default_prompt_id", "bogus"}}).failure().status, 400);
  auto prompts = service().put_prompts({{"default_prompt_id", "full"}});
  ASSERT_TRUE(prompts.ok());
  EXPECT_EQ(prompts.value().at("default_prompt_id"), "full");
  EXPECT_EQ(prompts.value().at("prompt_options").size(), 3u);
}

TEST_F(Endpoints, HealthAndStatus) {
  EXPECT_EQ(service().health().at("status"), "healthy");
  EXPECT_EQ(service().status().at("status"), "setup_required");
  seed_master();
  const Json status = service().status();
  EXPECT_EQ(status.at("status"), "ready");
  EXPECT_EQ(status.at("database_stats").at("total_resumes"), 1);
  ON_CALL(*llm, health()).WillByDefault(Return(LlmHealth{false, "openai", "m", "refused"}));
  const Json health = service().health();
  EXPECT_EQ(health.at("status"), "degraded");
  EXPECT_EQ(health.at("llm").at("error"), "refused");
}

TEST_F(Endpoints, JobsUploadChecksEveryDescriptionFirst) {
  EXPECT_EQ(service().upload_jobs({{}, std::nullopt}).failure().status, 400);
  EXPECT_EQ(service().upload_jobs({{"a job", "   "}, std::nullopt}).failure().status, 400);
  EXPECT_EQ(stats().total_jobs, 0);
  auto result = service().upload_jobs({{"  a job  "}, std::string("r1")});
  ASSERT_TRUE(result.ok());
  const std::string job_id = result.value().at("job_id")[0];
  EXPECT_EQ(service().get_job(job_id).value().at("content"), "a job");
  EXPECT_EQ(service().get_job("missing").failure().status, 404);
}

TEST_F(Endpoints, GetDeleteAndPdf) {
  const std::string id = seed_master();
  auto fetched = service().get_resume(id);
  ASSERT_TRUE(fetched.ok());
  const Json& data = fetched.value().at("data");
  EXPECT_EQ(data.at("raw_resume").at("processing_status"), "ready");
  EXPECT_FALSE(data.at("processed_resume").at("sectionMeta").empty());

  auto pdf = service().resume_pdf(id, PdfOptions{});
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf.value().bytes.rfind("%PDF", 0), 0u);
  EXPECT_EQ(pdf.value().filename, "resume_" + id + ".pdf");
  EXPECT_EQ(service().cover_letter_pdf(id, PdfOptions{}).failure().status, 404);

  EXPECT_TRUE(service().delete_resume(id).ok());
  EXPECT_EQ(service().delete_resume(id).failure().status, 404);
  EXPECT_EQ(service().get_resume(id).failure().status, 404);
}

TEST_F(Endpoints, StoreErrorsAreGeneric500s) {
  ON_CALL(*store, get_resume(_)).WillByDefault(::testing::Throw(StoreError("secret path")));
  auto result = service().get_resume("x");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 500);
  EXPECT_FALSE(mentions(result.failure().detail, "secret"));
}

}  // namespace
}  // namespace rm::service_test
