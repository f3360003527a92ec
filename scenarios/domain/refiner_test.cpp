// The refinement passes, driven by a hand-written fake LLM.
#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "reference/domain/refiner.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

// Answers refine() with a scripted function and records what it was asked.
class FakeLlm : public Llm {
 public:
  std::function<std::string(const RefineInput&)> on_refine = [](const RefineInput& in) {
    return in.resume.dump();
  };
  std::vector<RefineInput> refine_calls;

  std::string refine(const RefineInput& input) override {
    refine_calls.push_back(input);
    return on_refine(input);
  }
  std::string parse_resume(const std::string&) override { return unused(); }
  std::string extract_keywords(const std::string&) override { return unused(); }
  std::string improve(const ImproveInput&) override { return unused(); }
  std::string cover_letter(const MessageInput&) override { return unused(); }
  std::string outreach(const MessageInput&) override { return unused(); }
  LlmHealth health() override { return {true, "fake", "fake", ""}; }

 private:
  static std::string unused() { throw LlmError(LlmErrorKind::kFailed, "not used by the refiner"); }
};

Json dump(const char* json_text) {
  const ResumeDataCheck check = validate_resume_data(Json::parse(json_text));
  if (!check.ok()) throw std::runtime_error(*check.error);
  return check.data;
}

const Json kMaster = dump(R"({
  "personalInfo": {"name": "Ada", "email": "ada@example.com"},
  "summary": "Backend developer. Ran Kubernetes clusters.",
  "workExperience": [{"title": "Dev", "company": "Acme", "description": ["Ran Kubernetes"]}],
  "additional": {"technicalSkills": ["Python", "Kubernetes"], "certificationsTraining": ["CKA"]}})");

const Json kImproved = dump(R"({
  "personalInfo": {"name": "Ada", "email": "ada@example.com"},
  "summary": "Backend developer.",
  "workExperience": [{"title": "Dev", "company": "Acme", "description": ["Built APIs in Python"]}],
  "additional": {"technicalSkills": ["Python"], "certificationsTraining": ["CKA"]}})");

TEST(Refiner, InjectsSupportedKeywordsThroughTheLlm) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput& in) {
    Json r = in.resume;
    r["workExperience"][0]["description"].push_back("Operated Kubernetes clusters");
    r["personalInfo"]["email"] = "invented@example.com";  // must not survive
    return "Here is the resume:\n```json\n" + r.dump(2) + "\n```";
  };
  const RefinementResult result =
      refine_resume(llm, kImproved, kMaster, {"Python", "Kubernetes", "Go"}, "We need Kubernetes");
  ASSERT_EQ(llm.refine_calls.size(), 1u);
  // Only keywords the master supports are asked for: Go is not in the master.
  EXPECT_EQ(llm.refine_calls[0].missing_keywords, std::vector<std::string>{"Kubernetes"});
  EXPECT_EQ(llm.refine_calls[0].job_description, "We need Kubernetes");
  EXPECT_EQ(llm.refine_calls[0].resume, kImproved);
  EXPECT_EQ(result.resume_data["workExperience"][0]["description"][1],
            "Operated Kubernetes clusters");
  EXPECT_EQ(result.resume_data["personalInfo"], kImproved["personalInfo"]);
  EXPECT_EQ(result.stats["keywords_injected"], 1);
  EXPECT_EQ(result.stats["passes_completed"], 1);
  EXPECT_NEAR(result.stats["initial_match_percentage"].get<double>(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(result.stats["final_match_percentage"].get<double>(), 200.0 / 3, 1e-9);
  EXPECT_TRUE(validate_resume_data(result.resume_data).ok());
}

TEST(Refiner, NoLlmCallWhenNothingIsInjectable) {
  FakeLlm llm;
  const RefinementResult result = refine_resume(llm, kImproved, kMaster, {"Python", "Go"}, "jd");
  EXPECT_TRUE(llm.refine_calls.empty());
  EXPECT_EQ(result.resume_data, kImproved);
  EXPECT_EQ(result.stats, Json::parse(R"({"passes_completed":0,"keywords_injected":0,
    "ai_phrases_removed":[],"alignment_violations_fixed":0,
    "initial_match_percentage":50.0,"final_match_percentage":50.0})"));
}

TEST(Refiner, ThrowingLlmIsARefinementError) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput&) -> std::string {
    throw LlmError(LlmErrorKind::kTimeout, "timed out");
  };
  try {
    refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd");
    FAIL() << "expected RefinementError";
  } catch (const RefinementError& e) {
    EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
  }
}

TEST(Refiner, AnyExceptionFromTheLlmIsARefinementError) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput&) -> std::string { throw 42; };
  EXPECT_THROW(refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd"), RefinementError);
}

TEST(Refiner, AnswerWithoutJsonIsARefinementError) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput&) { return std::string("Sorry, I can't do that."); };
  EXPECT_THROW(refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd"), RefinementError);
}

TEST(Refiner, TruncatedAnswerIsARefinementError) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput& in) { return in.resume.dump().substr(0, 40); };
  EXPECT_THROW(refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd"), RefinementError);
}

TEST(Refiner, InvalidResumeDataAnswerIsARefinementError) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput&) {
    return std::string(R"({"workExperience": [{"description": "not a list"}]})");
  };
  try {
    refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd");
    FAIL() << "expected RefinementError";
  } catch (const RefinementError& e) {
    EXPECT_NE(std::string(e.what()).find("workExperience[0].description"), std::string::npos)
        << e.what();
  }
}

TEST(Refiner, InvalidInputsAreARefinementError) {
  FakeLlm llm;
  EXPECT_THROW(refine_resume(llm, Json::array(), kMaster, {}, "jd"), RefinementError);
  EXPECT_THROW(refine_resume(llm, kImproved, Json::parse(R"({"summary": 1})"), {}, "jd"),
               RefinementError);
}

TEST(Refiner, RemovesAiPhrasesFromProseOnly) {
  Json improved = kImproved;
  improved["summary"] = "Spearheaded a robust platform — in order to ship faster.";
  improved["workExperience"][0]["description"] = {"Leveraged Python -- and utilized tests",
                                                  "Kept robustness high",
                                                  "At the end of the day, shipped"};
  improved["personalInfo"]["email"] = "robust@example.com";
  improved["workExperience"][0]["company"] = "Robust Inc";
  FakeLlm llm;
  const RefinementResult result = refine_resume(llm, improved, kMaster, {}, "jd");
  const Json& r = result.resume_data;
  EXPECT_EQ(r["summary"], "Led a strong platform, to ship faster.");
  EXPECT_EQ(r["workExperience"][0]["description"],
            Json({"Used Python, and used tests", "Kept robustness high", "shipped"}));
  EXPECT_EQ(r["personalInfo"]["email"], "robust@example.com");
  EXPECT_EQ(r["workExperience"][0]["company"], "Robust Inc");
  EXPECT_EQ(result.stats["ai_phrases_removed"],
            Json({"spearheaded", "leveraged", "utilized", "robust", "in order to",
                  "at the end of the day", "\xE2\x80\x94", "--"}));
  EXPECT_EQ(result.stats["passes_completed"], 1);
}

TEST(Refiner, AlignsSkillsAndCertificationsWithTheMaster) {
  Json improved = kImproved;
  improved["additional"]["technicalSkills"] = {"python", "Rust", "Kubernetes", "rust"};
  improved["additional"]["certificationsTraining"] = {"CKA", "PMP"};
  FakeLlm llm;
  const RefinementResult result = refine_resume(llm, improved, kMaster, {}, "jd");
  EXPECT_EQ(result.resume_data["additional"]["technicalSkills"], Json({"python", "Kubernetes"}));
  EXPECT_EQ(result.resume_data["additional"]["certificationsTraining"], Json({"CKA"}));
  EXPECT_EQ(result.stats["alignment_violations_fixed"], 2);
  EXPECT_EQ(result.stats["passes_completed"], 1);
}

TEST(Refiner, InjectionCannotSmuggleInSkillsTheMasterLacks) {
  FakeLlm llm;
  llm.on_refine = [](const RefineInput& in) {
    Json r = in.resume;
    r["summary"] = "Backend developer with Kubernetes.";
    r["additional"]["technicalSkills"].push_back("Haskell");
    return r.dump();
  };
  const RefinementResult result = refine_resume(llm, kImproved, kMaster, {"Kubernetes"}, "jd");
  EXPECT_EQ(result.resume_data["additional"]["technicalSkills"], Json({"Python"}));
  EXPECT_EQ(result.stats["alignment_violations_fixed"], 1);
  EXPECT_EQ(result.stats["passes_completed"], 2);
  EXPECT_EQ(result.stats["final_match_percentage"], 100.0);
}

TEST(Refiner, IsDeterministic) {
  FakeLlm llm;
  Json improved = kImproved;
  improved["summary"] = "Orchestrated synergy — robust.";
  const RefinementResult a = refine_resume(llm, improved, kMaster, {"Kubernetes"}, "jd");
  const RefinementResult b = refine_resume(llm, improved, kMaster, {"Kubernetes"}, "jd");
  EXPECT_EQ(a.resume_data, b.resume_data);
  EXPECT_EQ(a.stats, b.stats);
}

}  // namespace
}  // namespace rm
