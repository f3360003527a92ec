// FaultPlan: the JSON schema, its canonical form, and errors that name the rule
// index and the field for every invalid input (and never anything worse).
#include "mocks/fault/fault_plan.hpp"

#include <gtest/gtest.h>

#include <random>

namespace rm {
namespace {

constexpr const char* kEveryAction = R"({
  "seed": 18446744073709551615,
  "comment": "one rule per action",
  "rules": [
    {"component": "store", "operation": "create_resume", "action": "fail", "message": "disk full"},
    {"component": "store", "operation": ["update_resume", "set_master"], "action": "match_nothing"},
    {"component": "store", "operation": "*", "action": "drop_write", "after": 2, "times": 3},
    {"component": "store", "operation": "get_resume", "action": "stale_read", "probability": 0.25},
    {"component": "store", "operation": "list_resumes", "action": "delay", "ms": 5, "jitter_ms": 3},
    {"component": "store", "operation": "create_resume", "action": "gate", "gate": "upload.1"},
    {"component": "llm", "operation": "parse_resume", "action": "throw", "nth": 2},
    {"component": "llm", "operation": "improve", "action": "timeout",
     "when": {"prompt_id": "^full$"}},
    {"component": "llm", "operation": "refine", "action": "non_json"},
    {"component": "llm", "operation": "cover_letter", "action": "truncated_json"},
    {"component": "llm", "operation": "extract_keywords", "action": "schema_invalid"},
    {"component": "llm", "operation": "improve", "action": "wrong_but_valid"},
    {"component": "llm", "operation": "*", "action": "rate_limited", "retry_after": 7},
    {"component": "llm", "operation": "health", "action": "server_error", "status": 503},
    {"component": "llm", "operation": "outreach", "action": "delay", "ms": 0},
    {"component": "llm", "operation": "outreach", "action": "gate", "gate": "g"},
    {"component": "converter", "operation": "to_markdown", "action": "fail"},
    {"component": "converter", "operation": "*", "action": "delay", "ms": 1},
    {"component": "converter", "operation": "to_markdown", "action": "gate", "gate": "conv",
     "comment": "hold uploads at conversion"}
  ]
})";

TEST(FaultPlan, ParsesEveryActionWithItsFields) {
  FaultPlan plan = FaultPlan::from_json(Json::parse(kEveryAction));
  EXPECT_EQ(plan.seed, 18446744073709551615ULL);
  EXPECT_EQ(plan.comment, "one rule per action");
  ASSERT_EQ(plan.rules.size(), 19u);
  EXPECT_EQ(plan.rules[0].action.kind, FaultActionKind::kFail);
  EXPECT_EQ(plan.rules[0].action.message, "disk full");
  EXPECT_EQ(plan.rules[1].operations, (std::vector<std::string>{"update_resume", "set_master"}));
  EXPECT_TRUE(plan.rules[2].any_operation());
  EXPECT_EQ(plan.rules[2].after, 2);
  EXPECT_EQ(plan.rules[2].times, 3);
  EXPECT_EQ(plan.rules[3].probability, 0.25);
  EXPECT_EQ(plan.rules[4].action.ms, 5);
  EXPECT_EQ(plan.rules[4].action.jitter_ms, 3);
  EXPECT_EQ(plan.rules[5].action.gate, "upload.1");
  EXPECT_EQ(plan.rules[6].component, FaultComponent::kLlm);
  EXPECT_EQ(plan.rules[6].nth, 2);
  EXPECT_EQ(plan.rules[7].when.at("prompt_id"), "^full$");
  EXPECT_EQ(plan.rules[12].action.retry_after, 7);
  EXPECT_EQ(plan.rules[13].action.status, 503);
  EXPECT_EQ(plan.rules[16].component, FaultComponent::kConverter);
  EXPECT_EQ(plan.rules[18].comment, "hold uploads at conversion");
}

TEST(FaultPlan, CanonicalJsonRoundTrips) {
  FaultPlan plan = FaultPlan::from_json(Json::parse(kEveryAction));
  Json canonical = plan.to_json();
  FaultPlan again = FaultPlan::from_json(canonical);
  EXPECT_EQ(again, plan);
  EXPECT_EQ(again.to_json().dump(), canonical.dump());
  // Defaults are filled in, so the printed plan says exactly what ran.
  FaultPlan minimal = FaultPlan::from_json(Json::parse(
      R"({"rules":[{"component":"llm","operation":"improve","action":"rate_limited"},
                   {"component":"llm","operation":"improve","action":"server_error"}]})"));
  Json printed = minimal.to_json();
  EXPECT_EQ(printed["seed"], 0);
  EXPECT_EQ(printed["rules"][0]["retry_after"], 1);
  EXPECT_EQ(printed["rules"][1]["status"], 500);
  EXPECT_EQ(printed["rules"][0]["operation"], "improve");
}

TEST(FaultPlan, EmptyPlanIsValid) {
  FaultPlan plan = FaultPlan::from_json(Json::object());
  EXPECT_EQ(plan.seed, 0u);
  EXPECT_TRUE(plan.rules.empty());
}

struct InvalidCase {
  std::string json;
  const char* expected;  // the start of the error: the place it names
  friend void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.json; }
};

class InvalidPlan : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidPlan, ErrorNamesRuleIndexAndField) {
  const InvalidCase& c = GetParam();
  FaultPlanParse parsed = parse_fault_plan_text(c.json);
  ASSERT_FALSE(parsed.ok()) << c.json;
  EXPECT_EQ(parsed.error.rfind(std::string(c.expected) + ":", 0), 0u)
      << "error \"" << parsed.error << "\" should start with " << c.expected;
  if (Json::accept(c.json)) {
    EXPECT_THROW(FaultPlan::from_json(Json::parse(c.json)), FaultPlanError);
  }
}

#define RULE(body) R"({"rules":[)" body "]}"
#define STORE(extra) \
  RULE(R"({"component":"store","operation":"get_resume","action":"fail")" extra "}")

INSTANTIATE_TEST_SUITE_P(
    EveryField, InvalidPlan,
    ::testing::Values(
        InvalidCase{"[]", "plan"}, InvalidCase{"42", "plan"},
        InvalidCase{R"({"seed": -1})", "seed"}, InvalidCase{R"({"seed": 1.5})", "seed"},
        InvalidCase{R"({"seed": "7"})", "seed"}, InvalidCase{R"({"rules": {}})", "rules"},
        InvalidCase{R"({"rule": []})", "rule"}, InvalidCase{R"({"comment": 3})", "comment"},
        InvalidCase{RULE("7"), "rules[0]"},
        InvalidCase{RULE(R"({"operation":"get_resume","action":"fail"})"), "rules[0].component"},
        InvalidCase{RULE(R"({"component":"disk","operation":"x","action":"fail"})"),
                    "rules[0].component"},
        InvalidCase{RULE(R"({"component":1,"operation":"x","action":"fail"})"),
                    "rules[0].component"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_resume"})"), "rules[0].action"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_resume","action":"throw"})"),
                    "rules[0].action"},
        InvalidCase{RULE(R"({"component":"converter","operation":"*","action":"stale_read"})"),
                    "rules[0].action"},
        InvalidCase{RULE(R"({"component":"llm","operation":"*","action":"explode"})"),
                    "rules[0].action"},
        InvalidCase{RULE(R"({"component":"store","action":"fail"})"), "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_resumes","action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":"improve","action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":[],"action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":["*","get_job"],"action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":5,"action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":["get_job",5],"action":"fail"})"),
                    "rules[0].operation"},
        InvalidCase{
            RULE(R"({"component":"store","operation":["get_job","get_job"],"action":"fail"})"),
            "rules[0].operation"},
        InvalidCase{
            RULE(R"({"component":"store","operation":"update_resume","action":"stale_read"})"),
            "rules[0].operation"},
        InvalidCase{
            RULE(R"({"component":"store","operation":"create_resume","action":"match_nothing"})"),
            "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"drop_write"})"),
                    "rules[0].operation"},
        InvalidCase{RULE(R"({"component":"llm","operation":"health","action":"non_json"})"),
                    "rules[0].operation"},
        InvalidCase{
            RULE(R"({"component":"llm","operation":"cover_letter","action":"wrong_but_valid"})"),
            "rules[0].operation"},
        InvalidCase{STORE(R"(,"nth":0)"), "rules[0].nth"},
        InvalidCase{STORE(R"(,"nth":1.5)"), "rules[0].nth"},
        InvalidCase{STORE(R"(,"nth":"1")"), "rules[0].nth"},
        InvalidCase{STORE(R"(,"nth":99999999999999999999)"), "rules[0].nth"},
        InvalidCase{STORE(R"(,"times":0)"), "rules[0].times"},
        InvalidCase{STORE(R"(,"after":-1)"), "rules[0].after"},
        InvalidCase{STORE(R"(,"nth":2,"after":1)"), "rules[0].after"},
        InvalidCase{STORE(R"(,"nth":2,"times":1)"), "rules[0].times"},
        InvalidCase{STORE(R"(,"probability":1.5)"), "rules[0].probability"},
        InvalidCase{STORE(R"(,"probability":-0.1)"), "rules[0].probability"},
        InvalidCase{STORE(R"(,"probability":"0.5")"), "rules[0].probability"},
        InvalidCase{STORE(R"(,"when":"resume_id")"), "rules[0].when"},
        InvalidCase{STORE(R"(,"when":{"resume_id":5})"), "rules[0].when.resume_id"},
        InvalidCase{STORE(R"(,"when":{"resume_id":"(unclosed"})"), "rules[0].when.resume_id"},
        InvalidCase{STORE(R"(,"when":{"":"x"})"), "rules[0].when"},
        InvalidCase{STORE(R"(,"when":{"job_id":")" + std::string(600, '(') + R"("})"),
                    "rules[0].when.job_id"},
        InvalidCase{STORE(R"(,"message":5)"), "rules[0].message"},
        InvalidCase{STORE(R"(,"ms":5)"), "rules[0].ms"},
        InvalidCase{STORE(R"(,"gate":"g")"), "rules[0].gate"},
        InvalidCase{STORE(R"(,"colour":"red")"), "rules[0].colour"},
        InvalidCase{STORE(R"(,"comment":1)"), "rules[0].comment"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"delay"})"),
                    "rules[0].ms"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"delay","ms":-1})"),
                    "rules[0].ms"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"delay",)"
                         R"("ms":1,"jitter_ms":"x"})"),
                    "rules[0].jitter_ms"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"gate"})"),
                    "rules[0].gate"},
        InvalidCase{
            RULE(R"({"component":"store","operation":"get_job","action":"gate","gate":"a b"})"),
            "rules[0].gate"},
        InvalidCase{
            RULE(R"({"component":"store","operation":"get_job","action":"gate","gate":""})"),
            "rules[0].gate"},
        InvalidCase{RULE(R"({"component":"llm","operation":"improve","action":"rate_limited",)"
                         R"("retry_after":-1})"),
                    "rules[0].retry_after"},
        InvalidCase{RULE(R"({"component":"llm","operation":"improve","action":"server_error",)"
                         R"("status":404})"),
                    "rules[0].status"},
        InvalidCase{RULE(R"({"component":"llm","operation":"improve","action":"timeout",)"
                         R"("status":500})"),
                    "rules[0].status"},
        InvalidCase{RULE(R"({"component":"store","operation":"get_job","action":"fail"},)"
                         R"({"component":"store","operation":"get_job","action":"fail","nth":0})"),
                    "rules[1].nth"},
        InvalidCase{"{not json", "plan"}));

TEST(FaultPlan, ErrorCarriesIndexAndField) {
  try {
    FaultPlan::from_json(Json::parse(
        R"({"rules":[{"component":"store","operation":"get_job","action":"fail"},
                     {"component":"store","operation":"get_job","action":"fail","times":0}]})"));
    FAIL() << "expected FaultPlanError";
  } catch (const FaultPlanError& e) {
    EXPECT_EQ(e.rule_index(), 1u);
    EXPECT_EQ(e.field(), "times");
  }
}

// Arbitrary JSON built from the schema's own vocabulary (so that it gets deep
// into the validator): parse must answer with a plan or an error, never crash.
Json random_json(std::mt19937_64& rng, int depth) {
  static const std::vector<std::string> words{
      "seed",  "rules",       "component",   "operation",  "action",  "nth",
      "times", "after",       "probability", "when",       "ms",      "jitter_ms",
      "gate",  "retry_after", "status",      "message",    "comment", "store",
      "llm",   "converter",   "*",           "get_resume", "improve", "fail",
      "delay", "gate",        "stale_read",  "resume_id",  "(",       "x"};
  switch (rng() % (depth > 3 ? 5 : 8)) {
    case 0:
      return nullptr;
    case 1:
      return static_cast<std::int64_t>(rng() % 2001) - 1000;
    case 2:
      return static_cast<double>(rng() % 1000) / 500.0 - 0.5;
    case 3:
      return (rng() % 2) == 0;
    case 4:
      return words[rng() % words.size()];
    case 5:
    case 6: {
      Json object = Json::object();
      for (int i = 0, n = static_cast<int>(rng() % 6); i < n; ++i) {
        object[words[rng() % words.size()]] = random_json(rng, depth + 1);
      }
      return object;
    }
    default: {
      Json array = Json::array();
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) {
        array.push_back(random_json(rng, depth + 1));
      }
      return array;
    }
  }
}

TEST(FaultPlan, ArbitraryJsonNeverCrashesTheParser) {
  std::mt19937_64 rng(20240601);
  int valid = 0;
  for (int i = 0; i < 20000; ++i) {
    Json input = Json::object();
    if (rng() % 4 != 0) input["seed"] = random_json(rng, 2);
    Json rules = Json::array();
    for (int r = 0, n = static_cast<int>(rng() % 3); r < n; ++r) {
      Json rule = random_json(rng, 1);
      if (rule.is_object() && rng() % 2 == 0) {
        rule["component"] = "store";
        rule["operation"] = "get_resume";
        rule["action"] = "fail";
      }
      rules.push_back(rule);
    }
    input["rules"] = rng() % 8 == 0 ? random_json(rng, 1) : rules;
    FaultPlanParse parsed;
    ASSERT_NO_THROW(parsed = parse_fault_plan(input)) << input.dump();
    if (parsed.ok()) {
      ++valid;
      EXPECT_EQ(FaultPlan::from_json(parsed.plan->to_json()), *parsed.plan) << input.dump();
    } else {
      EXPECT_FALSE(parsed.error.empty());
    }
  }
  EXPECT_GT(valid, 0);
}

}  // namespace
}  // namespace rm

namespace rm {
namespace {

// Found by fuzz_smoke_fault_plan: a NUL in a field name cut the message (read
// through what()) to the bytes before it, losing the place and the reason.
TEST(FaultPlan, ControlBytesInAFieldNameAreEscapedInTheError) {
  const FaultPlanParse parsed = parse_fault_plan_text(std::string("{\"ru\\u0000les\": []}"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error, "ru\\u0000les: unknown field (expected seed, rules, comment)");
}

}  // namespace
}  // namespace rm
