// Pulling the JSON object out of a model's answer.
#include <gtest/gtest.h>

#include "reference/domain/llm_json.hpp"

namespace rm {
namespace {

TEST(LlmJson, BareObject) {
  EXPECT_EQ(extract_json_object(R"({"a": 1})"), Json::parse(R"({"a":1})"));
  EXPECT_EQ(extract_json_object("  \n{\"a\": {\"b\": [1, 2]}}\n  "),
            Json::parse(R"({"a":{"b":[1,2]}})"));
}

TEST(LlmJson, JsonFence) {
  EXPECT_EQ(extract_json_object("```json\n{\"a\": 1}\n```"), Json::parse(R"({"a":1})"));
  EXPECT_EQ(extract_json_object("Here you go:\n```json\n{\"a\": \"x\"}\n```\nDone."),
            Json::parse(R"({"a":"x"})"));
}

TEST(LlmJson, PlainAndUppercaseFences) {
  EXPECT_EQ(extract_json_object("```\n{\"a\": 1}\n```"), Json::parse(R"({"a":1})"));
  EXPECT_EQ(extract_json_object("```JSON\n{\"a\": 1}\n```"), Json::parse(R"({"a":1})"));
}

TEST(LlmJson, SecondFenceWhenTheFirstIsNotJson) {
  EXPECT_EQ(extract_json_object("```bash\nls\n```\nthen\n```json\n{\"ok\": true}\n```"),
            Json::parse(R"({"ok":true})"));
}

TEST(LlmJson, OutermostObjectInProse) {
  EXPECT_EQ(extract_json_object(R"(Sure! The result is {"a": {"b": 1}, "c": "}"} as requested.)"),
            Json::parse(R"({"a":{"b":1},"c":"}"})"));
}

TEST(LlmJson, SkipsBracesInProseThatAreNotJson) {
  EXPECT_EQ(extract_json_object(R"(Use {placeholders} like this: {"name": "Ada"})"),
            Json::parse(R"({"name":"Ada"})"));
}

TEST(LlmJson, QuotesInProseBeforeTheObject) {
  EXPECT_EQ(extract_json_object(R"(He said "hi" and {"a": 1})"), Json::parse(R"({"a":1})"));
}

TEST(LlmJson, TruncatedIsNullopt) {
  EXPECT_EQ(extract_json_object(R"({"personalInfo": {"name": "Ada"}, "summary": "Eng)"),
            std::nullopt);
  EXPECT_EQ(extract_json_object("```json\n{\"personalInfo\": {\"name\": \"Ada\"}, \"sum"),
            std::nullopt);
  EXPECT_EQ(extract_json_object(R"(Result: {"a": {"b": 1}, "c": [1, 2)"), std::nullopt);
}

TEST(LlmJson, NoObjectIsNullopt) {
  EXPECT_EQ(extract_json_object(""), std::nullopt);
  EXPECT_EQ(extract_json_object("I cannot help with that."), std::nullopt);
  EXPECT_EQ(extract_json_object("[1, 2, 3]"), std::nullopt);
  EXPECT_EQ(extract_json_object("\"just a string\""), std::nullopt);
  EXPECT_EQ(extract_json_object("{not json}"), std::nullopt);
  EXPECT_EQ(extract_json_object("}{"), std::nullopt);
}

TEST(LlmJson, InvalidUtf8IsNulloptNotACrash) {
  EXPECT_EQ(extract_json_object("{\"a\": \"\xff\"}"), std::nullopt);
}

TEST(LlmJson, ManyBracesStayCheap) {
  // Thousands of candidate braces: bounded attempts, still finds nothing, quickly.
  std::string text(20000, '{');
  text += std::string(20000, '}');
  EXPECT_EQ(extract_json_object(text), std::nullopt);
  std::string open_only(50000, '{');
  EXPECT_EQ(extract_json_object(open_only), std::nullopt);
}

}  // namespace
}  // namespace rm
