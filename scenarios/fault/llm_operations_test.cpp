// The llm operations only mock-llm sees (health chats, the enrichment calls,
// unknown prompts): which actions a plan may aim at them, what the substituted
// answers look like, and the journal fields mock-llm adds (attempt, events).
#include <gtest/gtest.h>

#include "fault_test_support.hpp"
#include "mocks/fault/fault_injector.hpp"
#include "mocks/fault/fault_operations.hpp"
#include "mocks/fault/fault_plan.hpp"
#include "mocks/fault/llm_fault_answers.hpp"

namespace rm {
namespace {

using fault_test::plan_from;

bool applies(const char* operation, FaultActionKind action) {
  return action_applies(FaultComponent::kLlm, operation, action);
}

TEST(LlmOperations, HealthTakesErrorsAndPausesOnly) {
  for (auto action :
       {FaultActionKind::kThrow, FaultActionKind::kTimeout, FaultActionKind::kRateLimited,
        FaultActionKind::kServerError, FaultActionKind::kDelay, FaultActionKind::kGate}) {
    EXPECT_TRUE(applies("health", action)) << action_name(action);
  }
  for (auto action : {FaultActionKind::kNonJson, FaultActionKind::kTruncatedJson,
                      FaultActionKind::kSchemaInvalid, FaultActionKind::kWrongButValid}) {
    EXPECT_FALSE(applies("health", action)) << action_name(action);
  }
}

TEST(LlmOperations, UnknownTakesTheFaultsThatNeedNoSchema) {
  for (auto action :
       {FaultActionKind::kThrow, FaultActionKind::kTimeout, FaultActionKind::kRateLimited,
        FaultActionKind::kServerError, FaultActionKind::kDelay, FaultActionKind::kGate,
        FaultActionKind::kNonJson, FaultActionKind::kTruncatedJson}) {
    EXPECT_TRUE(applies("unknown", action)) << action_name(action);
  }
  EXPECT_FALSE(applies("unknown", FaultActionKind::kSchemaInvalid));
  EXPECT_FALSE(applies("unknown", FaultActionKind::kWrongButValid));
}

TEST(LlmOperations, EnrichmentCallsAreJsonOperations) {
  for (const char* operation : {"enrichment_analyze", "enrichment_enhance",
                                "enrichment_regenerate_item", "enrichment_regenerate_skills"}) {
    EXPECT_TRUE(is_operation(FaultComponent::kLlm, operation)) << operation;
    for (auto action : {FaultActionKind::kNonJson, FaultActionKind::kTruncatedJson,
                        FaultActionKind::kSchemaInvalid, FaultActionKind::kWrongButValid,
                        FaultActionKind::kThrow}) {
      EXPECT_TRUE(applies(operation, action)) << operation << " " << action_name(action);
    }
  }
}

TEST(LlmOperations, PlansAimAtTheNewOperations) {
  const FaultPlanParse ok = parse_fault_plan_text(R"({"rules": [
      {"component": "llm", "operation": "unknown", "action": "non_json"},
      {"component": "llm", "operation": "health", "action": "rate_limited"},
      {"component": "llm", "operation": ["enrichment_analyze", "enrichment_enhance"],
       "action": "schema_invalid"}]})");
  EXPECT_TRUE(ok.ok()) << ok.error;
  const FaultPlanParse bad = parse_fault_plan_text(
      R"({"rules": [{"component": "llm", "operation": "unknown", "action": "wrong_but_valid"}]})");
  EXPECT_EQ(bad.error.rfind("rules[0].operation:", 0), 0u) << bad.error;
}

TEST(LlmOperations, StarDoesNotAimSchemaFaultsAtUnknownPrompts) {
  FaultInjector injector(plan_from(
      R"({"rules": [{"component": "llm", "operation": "*", "action": "schema_invalid"}]})"));
  EXPECT_FALSE(injector.on_call(FaultComponent::kLlm, "unknown"));
  EXPECT_FALSE(injector.on_call(FaultComponent::kLlm, "health"));
  EXPECT_TRUE(injector.on_call(FaultComponent::kLlm, "enrichment_enhance"));
}

TEST(LlmOperations, SchemaInvalidEnrichmentAnswersHaveTheWrongTypes) {
  const Json analyze = Json::parse(schema_invalid_answer("enrichment_analyze"));
  EXPECT_TRUE(analyze["items_to_enrich"].is_string());
  EXPECT_TRUE(analyze["questions"].is_number());
  EXPECT_TRUE(
      Json::parse(schema_invalid_answer("enrichment_enhance"))["additional_bullets"].is_string());
  EXPECT_TRUE(
      Json::parse(schema_invalid_answer("enrichment_regenerate_item"))["new_bullets"].is_string());
  EXPECT_TRUE(
      Json::parse(schema_invalid_answer("enrichment_regenerate_skills"))["new_skills"].is_string());
}

TEST(LlmOperations, WrongButValidEnrichmentAnswersInventContent) {
  const Json skills = Json::parse(wrong_but_valid_answer(
      "enrichment_regenerate_skills", R"({"new_skills": ["Go"], "change_summary": "x"})"));
  EXPECT_EQ(skills["new_skills"][0], "Go");
  EXPECT_EQ(skills["new_skills"][1], kInventedSkill);
  EXPECT_EQ(skills["change_summary"], "x");
  const Json bullets =
      Json::parse(wrong_but_valid_answer("enrichment_enhance", R"({"additional_bullets": []})"));
  ASSERT_EQ(bullets["additional_bullets"].size(), 1u);
  EXPECT_NE(bullets["additional_bullets"][0].get<std::string>().find(kInventedSkill),
            std::string::npos);
  const Json items = Json::parse(wrong_but_valid_answer("enrichment_analyze", "not json"));
  EXPECT_EQ(items["items_to_enrich"][0]["item_id"], "exp_99");
}

TEST(LlmOperations, JournalEntriesCarryTheCallersFields) {
  FaultInjector injector(plan_from(
      R"({"rules": [{"component": "llm", "operation": "parse_resume", "action": "throw"}]})"));
  injector.on_call(FaultComponent::kLlm, "parse_resume", {}, Json{{"attempt", 2}, {"rule", 9}});
  const Json entry = injector.journal().to_json()[0];
  EXPECT_EQ(entry["attempt"], 2);
  EXPECT_EQ(entry["rule"], 0);  // an added field never replaces the injector's own
  EXPECT_EQ(entry["action"], "throw");
}

TEST(LlmOperations, EventsAreJournaledWithOrWithoutAPlan) {
  FaultInjector injector;
  injector.record_event(FaultComponent::kLlm, "unknown", "unrecognised_prompt", 1,
                        Json{{"attempt", 1}, {"prompt_start", "Plan the skills"}});
  const Json journal = injector.journal().to_json();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["event"], "unrecognised_prompt");
  EXPECT_EQ(journal[0]["operation"], "unknown");
  EXPECT_EQ(journal[0]["prompt_start"], "Plan the skills");
  EXPECT_FALSE(journal[0].contains("rule"));
  EXPECT_FALSE(journal[0].contains("action"));
  injector.reset();
  EXPECT_EQ(injector.journal().size(), 0u);
}

}  // namespace
}  // namespace rm
