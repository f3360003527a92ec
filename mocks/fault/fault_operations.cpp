#include "mocks/fault/fault_operations.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace rm {
namespace {

constexpr std::array<std::pair<FaultComponent, std::string_view>, 3> kComponents{{
    {FaultComponent::kStore, "store"},
    {FaultComponent::kLlm, "llm"},
    {FaultComponent::kConverter, "converter"},
}};

constexpr std::array<std::pair<FaultActionKind, std::string_view>, 15> kActions{{
    {FaultActionKind::kDelay, "delay"},
    {FaultActionKind::kGate, "gate"},
    {FaultActionKind::kFail, "fail"},
    {FaultActionKind::kMatchNothing, "match_nothing"},
    {FaultActionKind::kDropWrite, "drop_write"},
    {FaultActionKind::kStaleRead, "stale_read"},
    {FaultActionKind::kLegacyRecord, "legacy_record"},
    {FaultActionKind::kThrow, "throw"},
    {FaultActionKind::kTimeout, "timeout"},
    {FaultActionKind::kNonJson, "non_json"},
    {FaultActionKind::kTruncatedJson, "truncated_json"},
    {FaultActionKind::kSchemaInvalid, "schema_invalid"},
    {FaultActionKind::kWrongButValid, "wrong_but_valid"},
    {FaultActionKind::kRateLimited, "rate_limited"},
    {FaultActionKind::kServerError, "server_error"},
}};

bool contains(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Writes: calls that change the store (drop_write applies to every one of them).
bool is_store_write(std::string_view op) {
  return contains({"create_resume", "update_resume", "delete_resume", "set_master", "create_job",
                   "update_job", "set_preview_hash", "create_improvement", "clear"},
                  op);
}

// Writes whose result says whether a record matched.
bool is_store_matching_write(std::string_view op) {
  return contains(
      {"update_resume", "delete_resume", "set_master", "update_job", "set_preview_hash"}, op);
}

// Reads that answer with records, so an older version of a record can be served.
bool is_store_record_read(std::string_view op) {
  return contains({"get_resume", "list_resumes", "get_master_resume", "get_job",
                   "get_improvement_by_tailored_resume"},
                  op);
}

// Reads that answer with resume records (a legacy record lacks a resume's field).
bool is_store_resume_read(std::string_view op) {
  return contains({"get_resume", "list_resumes", "get_master_resume"}, op);
}

// LLM operations whose answer is a JSON document of a known schema (the
// enrichment calls exist only over HTTP, in mock-llm).
bool is_llm_json_op(std::string_view op) {
  return contains(
      {"parse_resume", "extract_keywords", "improve", "refine", "enrichment_analyze",
       "enrichment_enhance", "enrichment_regenerate_item", "enrichment_regenerate_skills"},
      op);
}

// LLM operations whose answer is text (every one but health).
bool is_llm_text_op(std::string_view op) { return op != "health"; }

// mock-llm's unrecognised prompts: their schema is unknown, so only the faults
// that need none apply (prose instead of the generic JSON, a cut answer, errors).
bool is_llm_unknown_op(std::string_view op) { return op == "unknown"; }

}  // namespace

std::string_view component_name(FaultComponent component) {
  for (const auto& [value, name] : kComponents) {
    if (value == component) return name;
  }
  return "unknown";
}

std::optional<FaultComponent> parse_component(std::string_view name) {
  for (const auto& [value, text] : kComponents) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view action_name(FaultActionKind action) {
  for (const auto& [value, name] : kActions) {
    if (value == action) return name;
  }
  return "unknown";
}

std::optional<FaultActionKind> parse_action(std::string_view name) {
  for (const auto& [value, text] : kActions) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool is_pause_action(FaultActionKind action) {
  return action == FaultActionKind::kDelay || action == FaultActionKind::kGate;
}

const std::vector<std::string_view>& operations_of(FaultComponent component) {
  static const std::vector<std::string_view> store{"create_resume",
                                                   "get_resume",
                                                   "list_resumes",
                                                   "update_resume",
                                                   "delete_resume",
                                                   "get_master_resume",
                                                   "set_master",
                                                   "create_job",
                                                   "get_job",
                                                   "update_job",
                                                   "set_preview_hash",
                                                   "create_improvement",
                                                   "get_improvement_by_tailored_resume",
                                                   "stats",
                                                   "export_tables",
                                                   "clear"};
  // The six port operations and health, then the calls only mock-llm sees: the
  // Python backend's four enrichment prompts and the prompts nothing recognises.
  static const std::vector<std::string_view> llm{"parse_resume",
                                                 "extract_keywords",
                                                 "improve",
                                                 "refine",
                                                 "cover_letter",
                                                 "outreach",
                                                 "health",
                                                 "enrichment_analyze",
                                                 "enrichment_enhance",
                                                 "enrichment_regenerate_item",
                                                 "enrichment_regenerate_skills",
                                                 "unknown"};
  static const std::vector<std::string_view> converter{"to_markdown"};
  switch (component) {
    case FaultComponent::kStore:
      return store;
    case FaultComponent::kLlm:
      return llm;
    case FaultComponent::kConverter:
      return converter;
  }
  return converter;
}

bool is_operation(FaultComponent component, std::string_view operation) {
  const auto& ops = operations_of(component);
  return std::find(ops.begin(), ops.end(), operation) != ops.end();
}

bool action_allowed(FaultComponent component, FaultActionKind action) {
  if (is_pause_action(action)) return true;
  switch (component) {
    case FaultComponent::kStore:
      return action == FaultActionKind::kFail || action == FaultActionKind::kMatchNothing ||
             action == FaultActionKind::kDropWrite || action == FaultActionKind::kStaleRead ||
             action == FaultActionKind::kLegacyRecord;
    case FaultComponent::kConverter:
      return action == FaultActionKind::kFail;
    case FaultComponent::kLlm:
      return action == FaultActionKind::kThrow || action == FaultActionKind::kTimeout ||
             action == FaultActionKind::kNonJson || action == FaultActionKind::kTruncatedJson ||
             action == FaultActionKind::kSchemaInvalid ||
             action == FaultActionKind::kWrongButValid || action == FaultActionKind::kRateLimited ||
             action == FaultActionKind::kServerError;
  }
  return false;
}

bool action_applies(FaultComponent component, std::string_view operation, FaultActionKind action) {
  if (!is_operation(component, operation) || !action_allowed(component, action)) return false;
  switch (action) {
    case FaultActionKind::kMatchNothing:
      return is_store_matching_write(operation);
    case FaultActionKind::kDropWrite:
      return is_store_write(operation);
    case FaultActionKind::kStaleRead:
      return is_store_record_read(operation);
    case FaultActionKind::kLegacyRecord:
      return is_store_resume_read(operation);
    case FaultActionKind::kNonJson:
      return is_llm_json_op(operation) || is_llm_unknown_op(operation);
    case FaultActionKind::kSchemaInvalid:
    case FaultActionKind::kWrongButValid:
      return is_llm_json_op(operation);
    case FaultActionKind::kTruncatedJson:
      return is_llm_text_op(operation);
    default:
      return true;
  }
}

}  // namespace rm
