#include "mocks/fault/fault_plan.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <regex>
#include <set>

namespace rm {
namespace {

constexpr std::int64_t kMaxDelayMs = 600'000;  // ten minutes: a plan is a test tool
constexpr std::int64_t kMaxRetryAfter = 86'400;
constexpr std::size_t kMaxRegexLength = 512;
constexpr std::int64_t kMaxCount = std::numeric_limits<std::int32_t>::max();

// A field name as the error shows it: control bytes escaped (\u0000), since the
// message is also read through what(), where a NUL would end it.
std::string printable(const std::string& field) {
  std::string out;
  for (const char c : field) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::string place(std::optional<std::size_t> rule_index, const std::string& field) {
  if (!rule_index) return printable(field);
  return "rules[" + std::to_string(*rule_index) + "]" +
         (field.empty() ? "" : "." + printable(field));
}

bool valid_gate_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

// Reads one rule; every error names the rule and the field.
class RuleReader {
 public:
  RuleReader(std::size_t index, const Json& json) : index_(index), json_(json) {}

  FaultRule read() {
    if (!json_.is_object()) fail("", "must be an object");
    FaultRule rule;
    rule.component = read_component();
    rule.action.kind = read_action_kind(rule.component);
    rule.operations = read_operations(rule.component, rule.action.kind);
    read_hits(rule);
    read_when(rule);
    read_action_fields(rule.action);
    if (json_.contains("comment")) rule.comment = string_field("comment");
    check_unknown_fields(rule.action.kind);
    return rule;
  }

 private:
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw FaultPlanError(index_, field, problem);
  }

  std::string string_field(const std::string& field) const {
    const Json& value = json_.at(field);
    if (!value.is_string()) fail(field, "must be a string");
    return value.get<std::string>();
  }

  std::int64_t integer_field(const std::string& field, std::int64_t min, std::int64_t max) const {
    const Json& value = json_.at(field);
    std::string range =
        "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    if (!value.is_number_integer()) fail(field, range);
    // Non-negative literals parse as unsigned; beyond int64 they cannot be in range.
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      fail(field, range);
    }
    auto v = value.get<std::int64_t>();
    if (v < min || v > max) fail(field, range);
    return v;
  }

  FaultComponent read_component() const {
    if (!json_.contains("component")) fail("component", "is required (store | llm | converter)");
    auto parsed = parse_component(string_field("component"));
    if (!parsed) fail("component", "must be one of store, llm, converter");
    return *parsed;
  }

  FaultActionKind read_action_kind(FaultComponent component) const {
    if (!json_.contains("action")) fail("action", "is required");
    std::string name = string_field("action");
    auto parsed = parse_action(name);
    if (!parsed || !action_allowed(component, *parsed)) {
      std::string known;
      for (auto candidate :
           {FaultActionKind::kFail, FaultActionKind::kMatchNothing, FaultActionKind::kDropWrite,
            FaultActionKind::kStaleRead, FaultActionKind::kLegacyRecord, FaultActionKind::kThrow,
            FaultActionKind::kTimeout, FaultActionKind::kNonJson, FaultActionKind::kTruncatedJson,
            FaultActionKind::kSchemaInvalid, FaultActionKind::kWrongButValid,
            FaultActionKind::kRateLimited, FaultActionKind::kServerError, FaultActionKind::kDelay,
            FaultActionKind::kGate}) {
        if (!action_allowed(component, candidate)) continue;
        if (!known.empty()) known += ", ";
        known += action_name(candidate);
      }
      fail("action", "\"" + name + "\" is not a " + std::string(component_name(component)) +
                         " action (one of " + known + ")");
    }
    return *parsed;
  }

  std::vector<std::string> read_operations(FaultComponent component, FaultActionKind action) const {
    if (!json_.contains("operation")) fail("operation", "is required (a name, a list, or \"*\")");
    const Json& value = json_.at("operation");
    std::vector<std::string> names;
    if (value.is_string()) {
      names.push_back(value.get<std::string>());
    } else if (value.is_array()) {
      if (value.empty()) fail("operation", "must not be an empty list");
      for (const Json& item : value) {
        if (!item.is_string()) fail("operation", "must be a string or a list of strings");
        names.push_back(item.get<std::string>());
      }
    } else {
      fail("operation", "must be a string or a list of strings");
    }
    if (std::find(names.begin(), names.end(), "*") != names.end()) {
      if (names.size() != 1) fail("operation", "\"*\" cannot be combined with names");
      return names;
    }
    std::set<std::string> seen;
    for (const auto& name : names) {
      if (!is_operation(component, name)) {
        fail("operation",
             "\"" + name + "\" is not a " + std::string(component_name(component)) + " operation");
      }
      if (!seen.insert(name).second) fail("operation", "\"" + name + "\" is listed twice");
      if (!action_applies(component, name, action)) {
        fail("operation", std::string(action_name(action)) + " does not apply to " +
                              std::string(component_name(component)) + " operation " + name);
      }
    }
    return names;
  }

  void read_hits(FaultRule& rule) const {
    if (json_.contains("nth")) rule.nth = integer_field("nth", 1, kMaxCount);
    if (json_.contains("times")) rule.times = integer_field("times", 1, kMaxCount);
    if (json_.contains("after")) rule.after = integer_field("after", 0, kMaxCount);
    if (rule.nth && json_.contains("after")) fail("after", "cannot be combined with nth");
    if (rule.nth && rule.times) fail("times", "cannot be combined with nth (nth hits once)");
    if (json_.contains("probability")) {
      const Json& value = json_.at("probability");
      if (!value.is_number()) fail("probability", "must be a number in [0, 1]");
      double p = value.get<double>();
      if (!(p >= 0.0 && p <= 1.0)) fail("probability", "must be a number in [0, 1]");
      rule.probability = p;
    }
  }

  void read_when(FaultRule& rule) const {
    if (!json_.contains("when")) return;
    const Json& value = json_.at("when");
    if (!value.is_object()) fail("when", "must be an object {argument: regex}");
    for (const auto& [key, pattern] : value.items()) {
      std::string field = "when." + key;
      if (key.empty()) fail("when", "argument names must not be empty");
      if (!pattern.is_string()) fail(field, "must be a string (a regex)");
      // std::regex compiles recursively: a bound keeps a hostile pattern from
      // exhausting the stack.
      if (pattern.get<std::string>().size() > kMaxRegexLength) {
        fail(field, "regex longer than " + std::to_string(kMaxRegexLength) + " characters");
      }
      try {
        std::regex compiled(pattern.get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        fail(field, std::string("is not a valid regex: ") + e.what());
      }
      rule.when[key] = pattern.get<std::string>();
    }
  }

  void read_action_fields(FaultAction& action) const {
    switch (action.kind) {
      case FaultActionKind::kDelay:
        if (!json_.contains("ms")) fail("ms", "is required for action delay");
        action.ms = integer_field("ms", 0, kMaxDelayMs);
        if (json_.contains("jitter_ms"))
          action.jitter_ms = integer_field("jitter_ms", 0, kMaxDelayMs);
        break;
      case FaultActionKind::kGate:
        if (!json_.contains("gate")) fail("gate", "is required for action gate");
        action.gate = string_field("gate");
        if (!valid_gate_name(action.gate)) {
          fail("gate", "must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        break;
      case FaultActionKind::kRateLimited:
        if (json_.contains("retry_after")) {
          action.retry_after = integer_field("retry_after", 0, kMaxRetryAfter);
        }
        break;
      case FaultActionKind::kServerError:
        if (json_.contains("status"))
          action.status = static_cast<int>(integer_field("status", 500, 599));
        break;
      case FaultActionKind::kFail:
      case FaultActionKind::kThrow:
        if (json_.contains("message")) action.message = string_field("message");
        break;
      default:
        break;
    }
  }

  void check_unknown_fields(FaultActionKind kind) const {
    static const std::set<std::string> common{"component",   "operation", "action",
                                              "nth",         "times",     "after",
                                              "probability", "when",      "comment"};
    static const std::map<std::string, std::vector<FaultActionKind>> specific{
        {"ms", {FaultActionKind::kDelay}},
        {"jitter_ms", {FaultActionKind::kDelay}},
        {"gate", {FaultActionKind::kGate}},
        {"retry_after", {FaultActionKind::kRateLimited}},
        {"status", {FaultActionKind::kServerError}},
        {"message", {FaultActionKind::kFail, FaultActionKind::kThrow}},
    };
    for (const auto& [key, value] : json_.items()) {
      if (common.count(key)) continue;
      auto it = specific.find(key);
      if (it == specific.end()) fail(key, "unknown field");
      const auto& kinds = it->second;
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        std::string owners;
        for (auto k : kinds) owners += (owners.empty() ? "" : " or ") + std::string(action_name(k));
        fail(key, "only applies to action " + owners);
      }
    }
  }

  std::size_t index_;
  const Json& json_;
};

Json rule_to_json(const FaultRule& rule) {
  Json out = Json::object();
  out["component"] = std::string(component_name(rule.component));
  if (rule.operations.size() == 1) {
    out["operation"] = rule.operations.front();
  } else {
    out["operation"] = rule.operations;
  }
  out["action"] = std::string(action_name(rule.action.kind));
  if (rule.nth) out["nth"] = *rule.nth;
  if (rule.times) out["times"] = *rule.times;
  if (rule.after > 0) out["after"] = rule.after;
  if (rule.probability) out["probability"] = *rule.probability;
  if (!rule.when.empty()) out["when"] = rule.when;
  if (!rule.comment.empty()) out["comment"] = rule.comment;
  const FaultAction& a = rule.action;
  switch (a.kind) {
    case FaultActionKind::kDelay:
      out["ms"] = a.ms;
      if (a.jitter_ms > 0) out["jitter_ms"] = a.jitter_ms;
      break;
    case FaultActionKind::kGate:
      out["gate"] = a.gate;
      break;
    case FaultActionKind::kRateLimited:
      out["retry_after"] = a.retry_after;
      break;
    case FaultActionKind::kServerError:
      out["status"] = a.status;
      break;
    case FaultActionKind::kFail:
    case FaultActionKind::kThrow:
      if (!a.message.empty()) out["message"] = a.message;
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

FaultPlanError::FaultPlanError(std::optional<std::size_t> rule_index, std::string field,
                               const std::string& problem)
    : std::invalid_argument(place(rule_index, field) + ": " + problem),
      rule_index_(rule_index),
      field_(std::move(field)) {}

Json FaultPlan::to_json() const {
  Json rules_json = Json::array();
  for (const auto& rule : rules) rules_json.push_back(rule_to_json(rule));
  Json out{{"seed", seed}, {"rules", std::move(rules_json)}};
  if (!comment.empty()) out["comment"] = comment;
  return out;
}

FaultPlan FaultPlan::from_json(const Json& json) {
  if (!json.is_object()) throw FaultPlanError(std::nullopt, "plan", "must be a JSON object");
  for (const auto& [key, value] : json.items()) {
    if (key != "seed" && key != "rules" && key != "comment") {
      throw FaultPlanError(std::nullopt, key, "unknown field (expected seed, rules, comment)");
    }
  }
  FaultPlan plan;
  if (json.contains("seed")) {
    const Json& seed = json.at("seed");
    if (seed.is_number_unsigned()) {
      plan.seed = seed.get<std::uint64_t>();
    } else if (seed.is_number_integer() && seed.get<std::int64_t>() >= 0) {
      plan.seed = static_cast<std::uint64_t>(seed.get<std::int64_t>());
    } else {
      throw FaultPlanError(std::nullopt, "seed", "must be an integer in [0, 2^64-1]");
    }
  }
  if (json.contains("comment")) {
    if (!json.at("comment").is_string()) {
      throw FaultPlanError(std::nullopt, "comment", "must be a string");
    }
    plan.comment = json.at("comment").get<std::string>();
  }
  if (json.contains("rules")) {
    const Json& rules = json.at("rules");
    if (!rules.is_array()) throw FaultPlanError(std::nullopt, "rules", "must be an array");
    for (std::size_t i = 0; i < rules.size(); ++i) {
      plan.rules.push_back(RuleReader(i, rules[i]).read());
    }
  }
  return plan;
}

FaultPlanParse parse_fault_plan(const Json& json) {
  FaultPlanParse result;
  try {
    result.plan = FaultPlan::from_json(json);
  } catch (const FaultPlanError& e) {
    result.error = e.what();
  }
  return result;
}

FaultPlanParse parse_fault_plan_text(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    FaultPlanParse result;
    result.error = "plan: not valid JSON";
    return result;
  }
  return parse_fault_plan(json);
}

}  // namespace rm
