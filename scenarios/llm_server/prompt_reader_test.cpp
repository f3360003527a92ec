// PromptReader on small invented prompts laid out the way real ones are: the
// inputs are found by their labels, output formats and master resumes are not
// taken for the resume, and a job description ends where the next input begins.
#include "mocks/llm_server/prompt_reader.hpp"

#include <gtest/gtest.h>

#include "mocks/llm_server/chat_request.hpp"

namespace rm {
namespace {

const std::string kTailorPrompt = R"(Adapt this resume to the role below. Reply with JSON.

IMPORTANT: Write everything in Spanish.

Job Description:
Platform Engineer at Tailwind Traders

Requirements:
- Terraform and Go
- 5+ years of on-call work

Keywords to emphasize (only those the resume supports):
{"required_skills": ["Terraform", "Go"], "keywords": ["on-call"]}

Original Resume:
# Ana Ruiz
Site Reliability Engineer
ana.ruiz@example.net | +34 600 000 111 | Madrid

## Experience
### SRE | Lamna Cloud | 2019 - Present
- Ran Terraform for 30 services

Output in this JSON format:
{"personalInfo": {"name": "Placeholder Person"}, "workExperience": []}
)";

const std::string kInjectPrompt = R"(Weave these keywords into the resume.

Keywords to inject:
["Kafka", "Go"]

Current tailored resume:
{"personalInfo": {"name": "Ben Osei"}, "summary": "Analyst.", "workExperience": []}

Master resume (source of truth):
{"personalInfo": {"name": "Cleo Marsh"}, "summary": "Engineer using Kafka and Go."}

Job description context:
Data Engineer - Northwind Traders

Output the complete resume JSON. Return ONLY valid JSON.)";

TEST(PromptReader, HeadIsTheFirstParagraph) {
  EXPECT_EQ(PromptReader(kTailorPrompt).head(),
            "Adapt this resume to the role below. Reply with JSON.");
  EXPECT_EQ(PromptReader("\n\n  Hi  ").head(), "Hi");
}

TEST(PromptReader, JobTextEndsWhereTheNextInputBegins) {
  const PromptReader reader(kTailorPrompt);
  const auto job = reader.job_text();
  ASSERT_TRUE(job);
  EXPECT_EQ(job->rfind("Platform Engineer at Tailwind Traders", 0), 0u) << *job;
  EXPECT_NE(job->find("5+ years of on-call work"), std::string::npos);
  EXPECT_EQ(job->find("Keywords"), std::string::npos) << *job;
  const auto title = reader.job_title();
  ASSERT_TRUE(title);
  EXPECT_EQ(title->title, "Platform Engineer");
  EXPECT_EQ(title->company, "Tailwind Traders");
}

TEST(PromptReader, MarkdownResumeStopsBeforeTheOutputFormat) {
  const PromptReader reader(kTailorPrompt);
  const auto resume = reader.resume_markdown();
  ASSERT_TRUE(resume);
  EXPECT_EQ(resume->rfind("# Ana Ruiz", 0), 0u) << *resume;
  EXPECT_NE(resume->find("Ran Terraform for 30 services"), std::string::npos);
  EXPECT_EQ(resume->find("Output in this JSON format"), std::string::npos) << *resume;
  // The output format is an example, never the resume.
  EXPECT_FALSE(reader.resume_json());
}

TEST(PromptReader, JobKeywordsAndLanguage) {
  const PromptReader reader(kTailorPrompt);
  const auto keywords = reader.job_keywords();
  ASSERT_TRUE(keywords);
  EXPECT_EQ((*keywords)["required_skills"], Json::array({"Terraform", "Go"}));
  EXPECT_EQ(reader.language(), "es");
  EXPECT_FALSE(PromptReader("Summarise this.").language());
  EXPECT_EQ(PromptReader("Generate ALL text (bullets, summary) in English.").language(), "en");
}

TEST(PromptReader, TheTailoredResumeIsNotTheMaster) {
  const PromptReader reader(kInjectPrompt);
  ASSERT_TRUE(reader.resume_json());
  EXPECT_EQ((*reader.resume_json())["personalInfo"]["name"], "Ben Osei");
  ASSERT_TRUE(reader.master_resume_json());
  EXPECT_EQ((*reader.master_resume_json())["personalInfo"]["name"], "Cleo Marsh");
  EXPECT_EQ(reader.keyword_list(), (std::vector<std::string>{"Kafka", "Go"}));
  EXPECT_FALSE(reader.resume_markdown());
}

TEST(PromptReader, TrailingInstructionsAreNotPartOfTheJob) {
  const PromptReader reader(kInjectPrompt);
  EXPECT_EQ(reader.job_text(), "Data Engineer - Northwind Traders");
  const auto title = reader.job_title();
  ASSERT_TRUE(title);
  EXPECT_EQ(title->title, "Data Engineer");
  EXPECT_EQ(title->company, "Northwind Traders");
}

TEST(PromptReader, TitleAndCompanyFromLabelsOrTheOpening) {
  const PromptReader labelled(
      "Write a letter.\n\nJob description:\nJob Title: QA Lead\n"
      "Company: Proseware (Remote)\nWe test things.");
  EXPECT_EQ(labelled.job_title()->title, "QA Lead");
  EXPECT_EQ(labelled.job_title()->company, "Proseware");
  const PromptReader prose(
      "Write a letter.\n\nJob description:\nBackend Developer\n\n"
      "Wide World Importers is growing its payments team.");
  EXPECT_EQ(prose.job_title()->title, "Backend Developer");
  EXPECT_EQ(prose.job_title()->company, "Wide World Importers");
}

TEST(PromptReader, FieldsBulletsParagraphsAndAnswers) {
  const PromptReader reader(R"(Add bullets to this item.

ITEM:
Type: project
Title: Ledger Sync

CURRENT DESCRIPTION (keep):
- Synced ledgers nightly
- Wrote the CLI

USER'S FEEDBACK:
Make them punchier.
Keep it short.

Q: How many users?
A: About 200 accountants
)");
  EXPECT_EQ(reader.field("title"), "Ledger Sync");
  EXPECT_EQ(reader.field("Type"), "project");
  EXPECT_FALSE(reader.field("Subtitle"));
  EXPECT_EQ(reader.bullets_after("current description"),
            (std::vector<std::string>{"Synced ledgers nightly", "Wrote the CLI"}));
  EXPECT_EQ(reader.paragraph_after("feedback"), "Make them punchier.\nKeep it short.");
  EXPECT_EQ(reader.answers(), std::vector<std::string>{"About 200 accountants"});
}

TEST(PromptReader, NothingFoundIsNullopt) {
  const PromptReader reader("Tell me a story about a lighthouse.");
  EXPECT_FALSE(reader.resume_markdown());
  EXPECT_FALSE(reader.resume_json());
  EXPECT_FALSE(reader.job_text());
  EXPECT_FALSE(reader.job_title());
  EXPECT_FALSE(reader.job_keywords());
  EXPECT_FALSE(reader.keyword_list());
}

TEST(ChatRequest, RetryHintIsStrippedAndJsonModeRead) {
  std::string error;
  const auto request = parse_chat_request(
      R"({"response_format": {"type": "json_object"}, "messages": [
          {"content": [{"type": "text", "text": "Parse this."}], "role": "user"}]})",
      error);
  ASSERT_TRUE(request) << error;
  EXPECT_TRUE(request->json_mode);
  EXPECT_EQ(request->user_text(), "Parse this.");
  EXPECT_EQ(without_retry_hint("Parse this.\n\n\nIMPORTANT: Output ONLY a valid JSON object. "
                               "Start with { and end with }."),
            "Parse this.");
  EXPECT_EQ(without_retry_hint("IMPORTANT: be kind."), "IMPORTANT: be kind.");
  EXPECT_FALSE(parse_chat_request(R"({"messages": [{"role": "user", "content": 7}]})", error));
  EXPECT_FALSE(parse_chat_request("[]", error));
  EXPECT_EQ(fingerprint("a"), fingerprint("a"));
  EXPECT_NE(fingerprint("a"), fingerprint("b"));
}

}  // namespace
}  // namespace rm
