// mock-llm's --rules: the example file names the first words of each Python
// backend prompt; a rules file is validated field by field.
#include "mocks/llm_server/operation_rules.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace rm {
namespace {

std::optional<Classified> classify_user(const std::string& text) {
  return OperationRules::from_json(OperationRules::example_json())
      .classify({{"system", "You are helpful."}, {"user", text}});
}

TEST(OperationRules, ExampleRecognisesThePythonPrompts) {
  const std::vector<std::pair<std::string, std::string>> prompts{
      {"Parse this resume into JSON. Output ONLY the JSON object", "parse_resume"},
      {"Extract job requirements as JSON. Output ONLY the JSON object", "extract_keywords"},
      {"Lightly nudge this resume toward the job description.", "improve"},
      {"Enhance this resume with relevant keywords from the job description.", "improve"},
      {"Tailor this resume for the job. Output ONLY the JSON object", "improve"},
      {"Inject the following keywords into this resume where they can be", "refine"},
      {"Write a brief cover letter for this job application.", "cover_letter"},
      {"Generate a cold outreach message for LinkedIn or email", "outreach"}};
  for (const auto& [text, operation] : prompts) {
    const auto found = classify_user(text);
    ASSERT_TRUE(found) << text;
    EXPECT_EQ(found->operation, operation) << text;
  }
  EXPECT_EQ(
      classify_user("Lightly nudge this resume toward the job description.")->args.at("prompt_id"),
      "nudge");
  EXPECT_EQ(classify_user("Tailor this resume for the job.")->args.at("prompt_id"), "full");
  EXPECT_FALSE(classify_user("Tell me a joke"));
}

TEST(OperationRules, RoleRestrictsTheMessagesSearched) {
  const OperationRules rules = OperationRules::from_json(
      Json::parse(R"([{"operation": "outreach", "pattern": "hello", "role": "system"}])"));
  EXPECT_FALSE(rules.classify({{"user", "hello"}}));
  EXPECT_TRUE(rules.classify({{"system", "hello"}}));
}

TEST(OperationRules, BadDocumentsNameTheField) {
  const auto error_of = [](const char* text) -> std::string {
    try {
      OperationRules::from_json(Json::parse(text));
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(error_of(R"({})"), "rules: must be a JSON array");
  EXPECT_EQ(error_of(R"([{"operation": "dance", "pattern": "x"}])"),
            "rules[0].operation: unknown llm operation 'dance'");
  EXPECT_NE(error_of(R"([{"operation": "improve", "pattern": "("}])").find("rules[0].pattern"),
            std::string::npos);
  EXPECT_EQ(error_of(R"([{"operation": "improve", "pattern": "x", "role": "bot"}])"),
            "rules[0].role: must be user, system or any");
  EXPECT_EQ(error_of(R"([{"operation": "improve", "pattern": "x", "extra": 1}])"),
            "rules[0].extra: unknown field");
  // `unknown` is what no rule matched; a rule cannot name it.
  EXPECT_EQ(error_of(R"([{"operation": "unknown", "pattern": "x"}])"),
            "rules[0].operation: unknown llm operation 'unknown'");
}

TEST(OperationRules, RulesMayNameTheOperationsOnlyMockLlmSees) {
  const OperationRules rules = OperationRules::from_json(Json::parse(
      R"([{"operation": "enrichment_analyze", "pattern": "^Review"},
          {"operation": "health", "pattern": "^Are you there"}])"));
  EXPECT_EQ(rules.classify({{"user", "Review this"}})->operation, "enrichment_analyze");
  EXPECT_EQ(rules.classify({{"user", "Are you there?"}})->operation, "health");
}

TEST(OperationRules, ExampleJsonIsAValidRulesFile) {
  EXPECT_EQ(OperationRules::from_json(OperationRules::example_json()).size(),
            OperationRules::example_json().size());
}

}  // namespace
}  // namespace rm
