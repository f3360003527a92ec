// FaultyLlm over the BuiltinLlm, and FaultyConverter over the text converter:
// each action answers exactly as documented in docs/fault-plan.md.
#include "mocks/fault/faulty_llm.hpp"

#include <gtest/gtest.h>

#include <future>

#include "fault_test_support.hpp"
#include "mocks/converter/text_document_converter.hpp"
#include "mocks/fault/faulty_converter.hpp"
#include "mocks/fault/llm_fault_answers.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "reference/domain/llm_json.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;
using fault_test::plan_from;

constexpr const char* kResume = R"(# Jane Doe
Senior Backend Engineer
jane.doe@example.com | +1 555 010 0100 | Berlin, Germany

## Summary
Backend engineer with eight years of building payment systems.

## Experience
### Senior Engineer at Acme Corp (2020 - Present)
- Built the billing pipeline in Python

## Skills
Python, Go, PostgreSQL
)";

constexpr const char* kJob = R"(Staff Platform Engineer
Required: Kubernetes, Go, PostgreSQL. Nice to have: Terraform.
)";

class FaultyLlmTest : public ::testing::Test {
 protected:
  void install(const std::string& operation, const std::string& action,
               const std::string& extra = "") {
    injector_->install(plan_from(R"({"rules":[{"component":"llm","operation":")" + operation +
                                 R"(","action":")" + action + "\"" + extra + "}]}"));
  }
  LlmErrorKind error_kind(const std::function<void()>& call) {
    try {
      call();
    } catch (const LlmError& e) {
      last_message_ = e.what();
      return e.kind();
    }
    ADD_FAILURE() << "expected LlmError";
    return LlmErrorKind::kTransport;
  }
  Json real_resume() { return Json::parse(real_->parse_resume(kResume)); }
  ImproveInput improve_input(const std::string& prompt_id) {
    ImproveInput input;
    input.prompt_id = prompt_id;
    input.original_resume = real_resume();
    input.job_description = kJob;
    input.job_keywords = Json::parse(real_->extract_keywords(kJob));
    return input;
  }

  std::shared_ptr<BuiltinLlm> real_ = std::make_shared<BuiltinLlm>();
  std::shared_ptr<FaultInjector> injector_ = std::make_shared<FaultInjector>();
  FaultyLlm llm_{real_, injector_};
  std::string last_message_;
};

TEST_F(FaultyLlmTest, WithoutAPlanAnswersAreTheModelsOwn) {
  EXPECT_EQ(llm_.parse_resume(kResume), real_->parse_resume(kResume));
  EXPECT_EQ(llm_.extract_keywords(kJob), real_->extract_keywords(kJob));
  EXPECT_EQ(llm_.improve(improve_input("keywords")), real_->improve(improve_input("keywords")));
  MessageInput message{real_resume(), kJob, "en"};
  EXPECT_EQ(llm_.cover_letter(message), real_->cover_letter(message));
  EXPECT_EQ(llm_.outreach(message), real_->outreach(message));
  EXPECT_TRUE(llm_.health().healthy);
}

TEST_F(FaultyLlmTest, ThrowIsAFailedError) {
  install("parse_resume", "throw");
  EXPECT_EQ(error_kind([&] { llm_.parse_resume(kResume); }), LlmErrorKind::kFailed);
  install("parse_resume", "throw", R"(,"message":"model exploded")");
  EXPECT_EQ(error_kind([&] { llm_.parse_resume(kResume); }), LlmErrorKind::kFailed);
  EXPECT_EQ(last_message_, "model exploded");
}

TEST_F(FaultyLlmTest, TimeoutThrowsAtOnce) {
  install("*", "timeout");
  EXPECT_EQ(error_kind([&] { llm_.extract_keywords(kJob); }), LlmErrorKind::kTimeout);
  EXPECT_EQ(error_kind([&] {
              llm_.refine(RefineInput{real_resume(), {"Go"}, kJob});
            }),
            LlmErrorKind::kTimeout);
}

TEST_F(FaultyLlmTest, RateLimitedCarriesRetryAfter) {
  install("improve", "rate_limited", R"(,"retry_after":7)");
  EXPECT_EQ(error_kind([&] { llm_.improve(improve_input("keywords")); }),
            LlmErrorKind::kRateLimited);
  EXPECT_NE(last_message_.find("429"), std::string::npos);
  EXPECT_NE(last_message_.find("retry_after=7"), std::string::npos);
}

TEST_F(FaultyLlmTest, ServerErrorCarriesItsStatus) {
  install("cover_letter", "server_error", R"(,"status":503)");
  MessageInput message{real_resume(), kJob, "en"};
  EXPECT_EQ(error_kind([&] { llm_.cover_letter(message); }), LlmErrorKind::kServerError);
  EXPECT_NE(last_message_.find("503"), std::string::npos);
  EXPECT_NO_THROW(llm_.outreach(message));
}

TEST_F(FaultyLlmTest, NonJsonIsProseWithoutAnObject) {
  install("parse_resume", "non_json");
  std::string answer = llm_.parse_resume(kResume);
  EXPECT_FALSE(answer.empty());
  EXPECT_FALSE(extract_json_object(answer).has_value());
}

TEST_F(FaultyLlmTest, TruncatedJsonIsTheRealAnswerCutInHalf) {
  std::string real = real_->parse_resume(kResume);
  install("parse_resume", "truncated_json");
  std::string answer = llm_.parse_resume(kResume);
  EXPECT_EQ(answer, real.substr(0, real.size() / 2));
  EXPECT_FALSE(extract_json_object(answer).has_value());
  // Text answers are cut too.
  install("outreach", "truncated_json");
  MessageInput message{real_resume(), kJob, "en"};
  std::string letter = real_->outreach(message);
  EXPECT_EQ(llm_.outreach(message), letter.substr(0, letter.size() / 2));
}

TEST_F(FaultyLlmTest, TruncationKeepsUtf8Whole) {
  std::string text = "ab\xC3\xA9\xC3\xA9";  // "abéé": the middle falls inside an é
  std::string cut = truncated_answer(text);
  EXPECT_EQ(cut, "ab");
}

TEST_F(FaultyLlmTest, SchemaInvalidIsJsonOfTheWrongTypes) {
  install("improve", "schema_invalid");
  std::string answer = llm_.improve(improve_input("keywords"));
  auto json = extract_json_object(answer);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json, Json::parse(R"({"personalInfo": "x", "workExperience": 7})"));
  EXPECT_FALSE(validate_resume_data(*json).ok());
  install("extract_keywords", "schema_invalid");
  auto keywords = extract_json_object(llm_.extract_keywords(kJob));
  ASSERT_TRUE(keywords.has_value());
  EXPECT_FALSE((*keywords)["required_skills"].is_array());
}

TEST_F(FaultyLlmTest, WrongButValidInventsContactDetailsAndSkills) {
  install("parse_resume", "wrong_but_valid");
  auto json = extract_json_object(llm_.parse_resume(kResume));
  ASSERT_TRUE(json.has_value());
  ResumeDataCheck check = validate_resume_data(*json);
  ASSERT_TRUE(check.ok()) << *check.error;
  Json real = real_resume();
  EXPECT_EQ((*json)["personalInfo"]["name"], kInventedName);
  EXPECT_NE((*json)["personalInfo"]["name"], real["personalInfo"]["name"]);
  EXPECT_EQ((*json)["personalInfo"]["email"], kInventedEmail);
  EXPECT_EQ((*json)["personalInfo"]["phone"], kInventedPhone);
  EXPECT_EQ((*json)["workExperience"], real["workExperience"]);  // the rest is the real answer
  const Json& skills = (*json)["additional"]["technicalSkills"];
  EXPECT_NE(std::find(skills.begin(), skills.end(), Json(kInventedSkill)), skills.end());

  install("extract_keywords", "wrong_but_valid");
  auto keywords = extract_json_object(llm_.extract_keywords(kJob));
  ASSERT_TRUE(keywords.has_value());
  const Json& required = (*keywords)["required_skills"];
  EXPECT_NE(std::find(required.begin(), required.end(), Json(kInventedSkill)), required.end());
}

TEST_F(FaultyLlmTest, WrongButValidFromAnAnswerWithoutJsonIsStillValid) {
  Json built = Json::parse(wrong_but_valid_answer("improve", "no json here"));
  EXPECT_TRUE(validate_resume_data(built).ok());
  EXPECT_EQ(built["personalInfo"]["name"], kInventedName);
}

TEST_F(FaultyLlmTest, WhenMatchesThePromptId) {
  injector_->install(plan_from(R"({"rules":[{"component":"llm","operation":"improve",
      "action":"throw","when":{"prompt_id":"^full$"}}]})"));
  EXPECT_NO_THROW(llm_.improve(improve_input("keywords")));
  EXPECT_THROW(llm_.improve(improve_input("full")), LlmError);
}

TEST_F(FaultyLlmTest, HealthReportsTheFaultInsteadOfThrowing) {
  install("health", "server_error", R"(,"status":502)");
  LlmHealth health = llm_.health();
  EXPECT_FALSE(health.healthy);
  EXPECT_NE(health.error.find("502"), std::string::npos);
  EXPECT_EQ(health.provider, BuiltinLlm::kProvider);
}

TEST_F(FaultyLlmTest, GateHoldsAnLlmCall) {
  install("parse_resume", "gate", R"(,"gate":"parse")");
  auto call = std::async(std::launch::async, [&] { return llm_.parse_resume(kResume); });
  ASSERT_EQ(injector_->gates().wait_for_arrivals("parse", 1, 30s), 1);
  EXPECT_EQ(call.wait_for(0s), std::future_status::timeout);
  injector_->gates().release_one("parse");
  EXPECT_EQ(call.get(), real_->parse_resume(kResume));
}

TEST(FaultyConverter, FailThrowsConversionError) {
  auto injector = std::make_shared<FaultInjector>();
  FaultyConverter converter(std::make_shared<TextDocumentConverter>(), injector);
  EXPECT_EQ(converter.to_markdown("# Hi\n", "a.md", "text/markdown"), "# Hi\n");
  injector->install(plan_from(R"({"rules":[{"component":"converter","operation":"to_markdown",
      "action":"fail","when":{"filename":"\\.pdf$"}}]})"));
  EXPECT_EQ(converter.to_markdown("# Hi\n", "a.md", "text/markdown"), "# Hi\n");
  EXPECT_THROW(converter.to_markdown("# Hi\n", "a.pdf", "application/pdf"), ConversionError);
  Json journal = injector->journal().to_json();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["component"], "converter");
  EXPECT_EQ(journal[0]["call"], 2);
}

TEST(FaultyConverter, GateHoldsAConversion) {
  auto injector = std::make_shared<FaultInjector>();
  FaultyConverter converter(std::make_shared<TextDocumentConverter>(), injector);
  injector->install(plan_from(R"({"rules":[{"component":"converter","operation":"*",
      "action":"gate","gate":"convert"}]})"));
  auto call = std::async(std::launch::async,
                         [&] { return converter.to_markdown("text\n", "a.txt", "text/plain"); });
  ASSERT_EQ(injector->gates().wait_for_arrivals("convert", 1, 30s), 1);
  injector->gates().release_all("convert");
  EXPECT_EQ(call.get(), "text\n");
}

}  // namespace
}  // namespace rm
