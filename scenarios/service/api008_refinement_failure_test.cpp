// API-008: a failed refinement pass keeps the unrefined result and says so:
// refinement_attempted true, refinement_successful false, refinement_error and a warning.
#include <functional>

#include "reference/domain/resume_data.hpp"
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;

// The improvement as the service returns it when no refinement applied.
Json unrefined_result() {
  Json data = improved_answer();
  data["personalInfo"] = master_data()["personalInfo"];
  return validate_resume_data(data).data;
}

class Api008 : public ServiceFixture {
 protected:
  Api008() : resume_id(seed_master()), job_id(seed_job()) {}

  static std::vector<std::pair<std::string, std::function<void(MockLlm&)>>> refine_faults() {
    return {
        {"LLM call fails",
         [](MockLlm& llm) {
           ON_CALL(llm, refine(_))
               .WillByDefault(Throw(LlmError(LlmErrorKind::kServerError, "503")));
         }},
        {"answer is prose",
         [](MockLlm& llm) {
           ON_CALL(llm, refine(_)).WillByDefault(Return("I added the keywords."));
         }},
        {"answer is not a resume",
         [](MockLlm& llm) {
           ON_CALL(llm, refine(_)).WillByDefault(Return(R"({"workExperience": "none"})"));
         }},
    };
  }

  static void expect_reported_failure(const Json& data) {
    EXPECT_EQ(data.at("refinement_attempted"), true);
    EXPECT_EQ(data.at("refinement_successful"), false);
    EXPECT_TRUE(data.at("refinement_error").is_string());
    EXPECT_TRUE(has_warning(Json{{"data", data}}, {"refinement", "failed"})) << data.at("warnings");
  }

  std::string resume_id;
  std::string job_id;
};

TEST_F(Api008, SuccessfulRefinementIsReported) {
  EXPECT_CALL(*llm, refine(_)).Times(1);
  auto result = service().improve_preview({resume_id, job_id, std::nullopt});
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  const Json& data = result.value().at("data");
  EXPECT_EQ(data.at("refinement_attempted"), true);
  EXPECT_EQ(data.at("refinement_successful"), true);
  EXPECT_TRUE(data.at("refinement_error").is_null());
  EXPECT_TRUE(data.at("refinement_stats").is_object());
  EXPECT_TRUE(mentions(data.at("resume_preview").dump(), "Operated Kubernetes clusters"));
}

TEST_F(Api008, PreviewReturnsTheUnrefinedResultAndSaysRefinementFailed) {
  for (const auto& [name, inject] : refine_faults()) {
    SCOPED_TRACE(name);
    inject(*llm);
    auto result = service().improve_preview({resume_id, job_id, std::nullopt});
    ASSERT_TRUE(result.ok()) << result.failure().detail;
    const Json& data = result.value().at("data");
    expect_reported_failure(data);
    EXPECT_EQ(data.at("resume_preview"), unrefined_result());
  }
}

TEST_F(Api008, ImprovePersistsTheUnrefinedResultAndSaysRefinementFailed) {
  ON_CALL(*llm, refine(_)).WillByDefault(Throw(LlmError(LlmErrorKind::kTimeout, "timeout")));
  auto result = service().improve({resume_id, job_id, std::nullopt});
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  const Json& data = result.value().at("data");
  expect_reported_failure(data);
  EXPECT_EQ(stored(data.at("resume_id")).at("processed_data"), unrefined_result());
}

TEST_F(Api008, DefectOnlyLogsTheFailure) {
  make_service(Issue::kApi008);
  for (const auto& [name, inject] : refine_faults()) {
    SCOPED_TRACE(name);
    inject(*llm);
    auto result = service().improve_preview({resume_id, job_id, std::nullopt});
    ASSERT_TRUE(result.ok());
    const Json& data = result.value().at("data");
    EXPECT_EQ(data.at("refinement_attempted"), false);
    EXPECT_EQ(data.at("refinement_successful"), false);
    EXPECT_TRUE(data.at("refinement_error").is_null());
    EXPECT_FALSE(has_warning(result.value(), {"refinement"}));
  }
}

}  // namespace
}  // namespace rm::service_test
