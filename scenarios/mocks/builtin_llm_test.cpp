// BuiltinLlm: deterministic, answers from its input alone, in the shapes the
// service expects.
#include "mocks/llm/builtin_llm.hpp"

#include <gtest/gtest.h>

#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

constexpr const char* kResume = R"(# Jane Doe
Senior Backend Engineer
jane.doe@example.com | +1 555 010 0100 | Berlin, Germany
https://jane.dev | linkedin.com/in/janedoe | github.com/janedoe

## Summary
Backend engineer with eight years of building payment systems.

## Experience
### Senior Engineer at Acme Corp (2020 - Present)
- Built the billing pipeline in Python
- Cut p99 latency by 40%
Engineer | Beta GmbH | 2016 - 2020
- Maintained PostgreSQL clusters

## Education
B.S. Computer Science at State University (2012 - 2016)
Graduated with honours

## Projects
Tiny Tool | Maintainer | 2021 - Present
- A command-line tool

## Skills
Python, Go, PostgreSQL
Languages: English, German
)";

constexpr const char* kJob = R"(Staff Platform Engineer
We run payments at scale.

Requirements:
- 5+ years with Python, Kubernetes and Terraform
- Experience operating PostgreSQL

Nice to have: Kafka, gRPC

You will own CI/CD and work with AWS.
)";

Json parsed(const std::string& text) { return Json::parse(text); }

TEST(BuiltinLlm, ParseResumeIsDeterministic) {
  BuiltinLlm a;
  BuiltinLlm b;
  EXPECT_EQ(a.parse_resume(kResume), a.parse_resume(kResume));
  EXPECT_EQ(a.parse_resume(kResume), b.parse_resume(kResume));
}

TEST(BuiltinLlm, ParseResumeReadsTheDocumentedLayout) {
  BuiltinLlm llm;
  const Json r = parsed(llm.parse_resume(kResume));
  const Json& info = r["personalInfo"];
  EXPECT_EQ(info["name"], "Jane Doe");
  EXPECT_EQ(info["title"], "Senior Backend Engineer");
  EXPECT_EQ(info["email"], "jane.doe@example.com");
  EXPECT_EQ(info["phone"], "+1 555 010 0100");
  EXPECT_EQ(info["location"], "Berlin, Germany");
  EXPECT_EQ(info["website"], "https://jane.dev");
  EXPECT_EQ(info["linkedin"], "linkedin.com/in/janedoe");
  EXPECT_EQ(info["github"], "github.com/janedoe");
  EXPECT_EQ(r["summary"], "Backend engineer with eight years of building payment systems.");

  ASSERT_EQ(r["workExperience"].size(), 2u);
  const Json& first = r["workExperience"][0];
  EXPECT_EQ(first["id"], 1);
  EXPECT_EQ(first["title"], "Senior Engineer");
  EXPECT_EQ(first["company"], "Acme Corp");
  EXPECT_EQ(first["years"], "2020 - Present");
  EXPECT_EQ(first["description"],
            Json::array({"Built the billing pipeline in Python", "Cut p99 latency by 40%"}));
  EXPECT_EQ(r["workExperience"][1]["company"], "Beta GmbH");
  EXPECT_EQ(r["workExperience"][1]["years"], "2016 - 2020");

  ASSERT_EQ(r["education"].size(), 1u);
  EXPECT_EQ(r["education"][0]["degree"], "B.S. Computer Science");
  EXPECT_EQ(r["education"][0]["institution"], "State University");
  EXPECT_EQ(r["education"][0]["description"], "Graduated with honours");

  ASSERT_EQ(r["personalProjects"].size(), 1u);
  EXPECT_EQ(r["personalProjects"][0]["name"], "Tiny Tool");
  EXPECT_EQ(r["personalProjects"][0]["role"], "Maintainer");

  EXPECT_EQ(r["additional"]["technicalSkills"], Json::array({"Python", "Go", "PostgreSQL"}));
  EXPECT_EQ(r["additional"]["languages"], Json::array({"English", "German"}));
}

TEST(BuiltinLlm, ParsedResumeIsValidResumeData) {
  BuiltinLlm llm;
  for (const char* text : {kResume, "Just a name", "x\n\n## Experience\n- orphan bullet"}) {
    const auto check = validate_resume_data(parsed(llm.parse_resume(text)));
    EXPECT_TRUE(check.ok()) << text << ": " << check.error.value_or("");
  }
}

TEST(BuiltinLlm, InlineSkillsLineAndSummaryFallback) {
  BuiltinLlm llm;
  const Json r = parsed(llm.parse_resume(
      "**John Roe**\nFreelance designer.\nI make things look good.\nSkills: Figma, Sketch\n"));
  EXPECT_EQ(r["personalInfo"]["name"], "John Roe");
  EXPECT_EQ(r["summary"], "Freelance designer. I make things look good.");
  EXPECT_EQ(r["additional"]["technicalSkills"], Json::array({"Figma", "Sketch"}));
}

TEST(BuiltinLlm, ExtractKeywords) {
  BuiltinLlm llm;
  EXPECT_EQ(llm.extract_keywords(kJob), llm.extract_keywords(kJob));
  const Json k = parsed(llm.extract_keywords(kJob));
  for (const char* field :
       {"required_skills", "preferred_skills", "keywords", "experience_requirements",
        "education_requirements", "key_responsibilities"}) {
    ASSERT_TRUE(k.contains(field) && k[field].is_array()) << field;
  }
  EXPECT_EQ(k["required_skills"], Json::array({"Python", "Kubernetes", "Terraform", "PostgreSQL"}));
  EXPECT_EQ(k["preferred_skills"], Json::array({"Kafka", "gRPC"}));
  EXPECT_EQ(k["keywords"], Json::array({"CI/CD", "AWS"}));
}

ImproveInput improve_input(const std::string& prompt) {
  BuiltinLlm llm;
  ImproveInput in;
  in.prompt_id = prompt;
  in.original_resume = parsed(llm.parse_resume(kResume));
  in.job_description = kJob;
  in.job_keywords = parsed(llm.extract_keywords(kJob));
  return in;
}

TEST(BuiltinLlm, ImproveFullInventsPersonalInfo) {
  BuiltinLlm llm;
  const ImproveInput in = improve_input("full");
  const std::string text = llm.improve(in);
  EXPECT_EQ(text, llm.improve(in));
  const Json out = parsed(text);
  EXPECT_NE(out["personalInfo"], in.original_resume.at("personalInfo"));
  EXPECT_EQ(out["personalInfo"]["website"], BuiltinLlm::kInventedWebsite);
  EXPECT_NE(out["personalInfo"]["phone"], in.original_resume.at("personalInfo")["phone"]);
  EXPECT_EQ(out["personalInfo"]["name"], "Jane Doe");
  const Json& skills = out["additional"]["technicalSkills"];
  EXPECT_NE(std::find(skills.begin(), skills.end(), "Kubernetes"), skills.end());
  EXPECT_NE(out["workExperience"][0]["description"],
            in.original_resume.at("workExperience")[0]["description"]);
  EXPECT_TRUE(validate_resume_data(out).ok());
}

TEST(BuiltinLlm, ImproveFullWithoutPersonalInfoStillInventsIt) {
  BuiltinLlm llm;
  ImproveInput in = improve_input("full");
  in.original_resume.erase("personalInfo");
  const Json out = parsed(llm.improve(in));
  EXPECT_EQ(out["personalInfo"]["website"], BuiltinLlm::kInventedWebsite);
}

TEST(BuiltinLlm, ImproveKeywordsKeepsPersonalInfoAndAddsSkills) {
  BuiltinLlm llm;
  const ImproveInput in = improve_input("keywords");
  const Json out = parsed(llm.improve(in));
  EXPECT_EQ(out["personalInfo"], in.original_resume.at("personalInfo"));
  EXPECT_NE(out["summary"], in.original_resume.at("summary"));
  EXPECT_NE(out["summary"].get<std::string>().find("Kubernetes"), std::string::npos);
  const Json& skills = out["additional"]["technicalSkills"];
  EXPECT_EQ(skills, Json::array({"Python", "Go", "PostgreSQL", "Kubernetes", "Terraform", "Kafka",
                                 "gRPC", "CI/CD", "AWS"}));
  EXPECT_EQ(out["workExperience"], in.original_resume.at("workExperience"));
}

TEST(BuiltinLlm, ImproveNudgeOnlyRewordsTheSummary) {
  BuiltinLlm llm;
  const ImproveInput in = improve_input("nudge");
  Json out = parsed(llm.improve(in));
  EXPECT_NE(out["summary"], in.original_resume.at("summary"));
  out["summary"] = in.original_resume.at("summary");
  EXPECT_EQ(out, in.original_resume);
}

TEST(BuiltinLlm, RefineInjectsMissingKeywordsIntoTheSummary) {
  BuiltinLlm llm;
  RefineInput in;
  in.resume = parsed(llm.parse_resume(kResume));
  in.missing_keywords = {"Kubernetes", "Terraform"};
  in.job_description = kJob;
  Json out = parsed(llm.refine(in));
  const std::string summary = out["summary"];
  EXPECT_NE(summary.find("Kubernetes"), std::string::npos);
  EXPECT_NE(summary.find("Terraform"), std::string::npos);
  out["summary"] = in.resume["summary"];
  EXPECT_EQ(out, in.resume);
  in.missing_keywords.clear();
  EXPECT_EQ(parsed(llm.refine(in)), in.resume);
}

TEST(BuiltinLlm, CoverLetterAndOutreachNamePersonRoleAndKeywords) {
  BuiltinLlm llm;
  MessageInput in;
  in.resume = parsed(llm.parse_resume(kResume));
  in.job_description = kJob;
  for (const std::string& text : {llm.cover_letter(in), llm.outreach(in)}) {
    EXPECT_NE(text.find("Jane Doe"), std::string::npos) << text;
    EXPECT_NE(text.find("Staff Platform Engineer"), std::string::npos) << text;
    EXPECT_NE(text.find("Python"), std::string::npos) << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
  }
  EXPECT_EQ(llm.cover_letter(in), llm.cover_letter(in));
  in.language = "es";
  EXPECT_NE(llm.cover_letter(in).find("Estimado"), std::string::npos);
  EXPECT_NE(llm.outreach(in).find("Hola"), std::string::npos);
  in.language = "ja";
  EXPECT_NE(llm.outreach(in).find("こんにちは"), std::string::npos);
}

TEST(BuiltinLlm, Health) {
  BuiltinLlm llm;
  const LlmHealth h = llm.health();
  EXPECT_TRUE(h.healthy);
  EXPECT_EQ(h.provider, "builtin");
  EXPECT_EQ(h.model, "builtin-deterministic");
  EXPECT_TRUE(h.error.empty());
}

}  // namespace
}  // namespace rm
