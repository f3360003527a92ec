// API-001: an upload whose LLM parse fails answers 200 with processing_status
// "failed", a message that does not claim success, and the stored status "failed".
#include <functional>

#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;

UploadRequest pdf_upload() {
  return UploadRequest{"ada.pdf", "application/pdf", "%PDF-1.4 resume bytes"};
}

class Api001 : public ServiceFixture {
 protected:
  // Every way the parse can fail, as the fault contract lists them.
  static std::vector<std::pair<std::string, std::function<void(MockLlm&)>>> parse_faults() {
    return {
        {"throws",
         [](MockLlm& llm) {
           ON_CALL(llm, parse_resume(_))
               .WillByDefault(Throw(LlmError(LlmErrorKind::kFailed, "boom")));
         }},
        {"times out",
         [](MockLlm& llm) {
           ON_CALL(llm, parse_resume(_))
               .WillByDefault(Throw(LlmError(LlmErrorKind::kTimeout, "timed out")));
         }},
        {"answers prose",
         [](MockLlm& llm) {
           ON_CALL(llm, parse_resume(_)).WillByDefault(Return("Sorry, I cannot parse this."));
         }},
        {"answers invalid ResumeData",
         [](MockLlm& llm) {
           ON_CALL(llm, parse_resume(_))
               .WillByDefault(Return(R"({"personalInfo": "Ada", "workExperience": 3})"));
         }},
    };
  }
};

TEST_F(Api001, EveryParseFailureIsReportedAndStoredAsFailed) {
  for (const auto& [name, inject] : parse_faults()) {
    SCOPED_TRACE(name);
    inject(*llm);
    auto result = service().upload_resume(pdf_upload());
    ASSERT_TRUE(result.ok()) << result.failure().detail;
    const Json& body = result.value();
    EXPECT_EQ(body.at("processing_status"), "failed");
    EXPECT_FALSE(mentions(body.at("message"), "success")) << body.at("message");
    EXPECT_TRUE(body.at("is_master").is_boolean());
    const Document resume = stored(body.at("resume_id"));
    EXPECT_EQ(resume.at("processing_status"), "failed");
    EXPECT_TRUE(resume.at("processed_data").is_null());
  }
}

TEST_F(Api001, SuccessfulParseIsReadyWithItsData) {
  auto result = service().upload_resume(pdf_upload());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().at("processing_status"), "ready");
  EXPECT_EQ(result.value().at("is_master"), true);
  const Document resume = stored(result.value().at("resume_id"));
  EXPECT_EQ(resume.at("processing_status"), "ready");
  EXPECT_EQ(resume.at("processed_data").at("personalInfo").at("name"), "Ada Lovelace");
}

TEST_F(Api001, NoResumeIsLeftProcessingWhenTheResultCannotBeWritten) {
  ON_CALL(*store, update_resume(_, _)).WillByDefault(Throw(StoreError("disk full")));
  auto result = service().upload_resume(pdf_upload());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 500);
  EXPECT_FALSE(mentions(result.failure().detail, "disk full"));
  for (const Document& resume : memory->list_resumes()) {
    EXPECT_NE(resume.value("processing_status", ""), "processing");
  }
}

TEST_F(Api001, RequestChecksComeBeforeAnyWrite) {
  EXPECT_CALL(*store, create_resume(_, _)).Times(0);
  EXPECT_EQ(service().upload_resume({"a.txt", "text/plain", "x"}).failure().status, 400);
  EXPECT_EQ(service().upload_resume({"a.pdf", "application/pdf", ""}).failure().status, 400);
  EXPECT_EQ(service()
                .upload_resume({"a.pdf", "application/pdf", std::string(kMaxUploadBytes + 1, 'x')})
                .failure()
                .status,
            413);
  ON_CALL(*converter, to_markdown(_, _, _)).WillByDefault(Throw(ConversionError("corrupt")));
  EXPECT_EQ(service().upload_resume(pdf_upload()).failure().status, 422);
  EXPECT_EQ(stats().total_resumes, 0);
}

TEST_F(Api001, DefectClaimsSuccessWhateverHappened) {
  make_service(Issue::kApi001);
  ON_CALL(*llm, parse_resume(_)).WillByDefault(Throw(LlmError(LlmErrorKind::kFailed, "boom")));
  auto result = service().upload_resume(pdf_upload());
  ASSERT_TRUE(result.ok());
  const Json& body = result.value();
  EXPECT_TRUE(mentions(body.at("message"), "successfully processed"));
  EXPECT_FALSE(body.contains("processing_status"));
  EXPECT_FALSE(body.contains("is_master"));
  EXPECT_EQ(stored(body.at("resume_id")).at("processing_status"), "failed");
}

}  // namespace
}  // namespace rm::service_test
