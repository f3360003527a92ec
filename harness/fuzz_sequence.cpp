#include "harness/fuzz_sequence.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace rm::harness::fuzz {
namespace {

constexpr std::array<std::pair<Op, std::string_view>, 21> kOpNames = {{
    {Op::kUploadResume, "upload_resume"},
    {Op::kUploadJob, "upload_job"},
    {Op::kGetResume, "get_resume"},
    {Op::kListResumes, "list_resumes"},
    {Op::kGetJob, "get_job"},
    {Op::kStatus, "status"},
    {Op::kPreview, "preview"},
    {Op::kImprove, "improve"},
    {Op::kConfirm, "confirm"},
    {Op::kConfirmInvalid, "confirm_invalid"},
    {Op::kPatchResume, "patch_resume"},
    {Op::kDeleteResume, "delete_resume"},
    {Op::kSetMaster, "set_master"},
    {Op::kSetMasterMissing, "set_master_missing"},
    {Op::kGenerateCoverLetter, "generate_cover_letter"},
    {Op::kGenerateOutreach, "generate_outreach"},
    {Op::kJobDescription, "job_description"},
    {Op::kPatchCoverLetter, "patch_cover_letter"},
    {Op::kPatchOutreach, "patch_outreach"},
    {Op::kSetFeatures, "set_features"},
    {Op::kDeleteProcessing, "delete_processing"},
}};

Json call_json(const Call& call) {
  return Json{{"op", std::string(op_name(call.op))},
              {"resume", call.resume},
              {"job", call.job},
              {"preview", call.preview},
              {"variant", call.variant}};
}

int int_field(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return 0;
  if (!it->is_number_integer()) {
    throw std::invalid_argument(std::string("step field '") + key + "' is not an integer");
  }
  return it->get<int>();
}

Call call_from_json(const Json& json) {
  if (!json.is_object() || !json.contains("op") || !json["op"].is_string()) {
    throw std::invalid_argument("a call needs an \"op\" string: " + json.dump());
  }
  const auto op = parse_op(json["op"].get<std::string>());
  if (!op) throw std::invalid_argument("unknown op '" + json["op"].get<std::string>() + "'");
  return Call{*op, int_field(json, "resume"), int_field(json, "job"), int_field(json, "preview"),
              int_field(json, "variant")};
}

std::vector<Call> calls_from_json(const Json& json, const char* what) {
  if (!json.is_array()) throw std::invalid_argument(std::string(what) + " must be an array");
  std::vector<Call> calls;
  for (const Json& item : json) calls.push_back(call_from_json(item));
  return calls;
}

}  // namespace

std::string_view op_name(Op op) {
  for (const auto& [candidate, name] : kOpNames) {
    if (candidate == op) return name;
  }
  return "unknown";
}

std::optional<Op> parse_op(std::string_view name) {
  for (const auto& [op, candidate] : kOpNames) {
    if (candidate == name) return op;
  }
  return std::nullopt;
}

Json to_json(const Sequence& sequence) {
  Json steps = Json::array();
  for (const SeqStep& step : sequence.steps) {
    switch (step.kind) {
      case SeqStep::Kind::kCall:
        steps.push_back(call_json(step.call));
        break;
      case SeqStep::Kind::kAddRule:
        steps.push_back({{"add_rule", step.rule}});
        break;
      case SeqStep::Kind::kClearPlan:
        steps.push_back({{"clear_plan", true}});
        break;
      case SeqStep::Kind::kRestart:
        steps.push_back({{"restart", true}});
        break;
      case SeqStep::Kind::kConcurrent: {
        Json held = Json::array();
        Json during = Json::array();
        for (const Call& call : step.held) held.push_back(call_json(call));
        for (const Call& call : step.during) during.push_back(call_json(call));
        steps.push_back(
            {{"concurrent", {{"gate_rule", step.rule}, {"held", held}, {"during", during}}}});
        break;
      }
    }
  }
  return Json{{"fixture", sequence.fixture}, {"steps", steps}};
}

Sequence sequence_from_json(const Json& json) {
  if (!json.is_object()) throw std::invalid_argument("a sequence is a JSON object");
  Sequence sequence;
  if (json.contains("fixture")) {
    if (!json["fixture"].is_string()) throw std::invalid_argument("fixture must be a string");
    sequence.fixture = json["fixture"].get<std::string>();
  }
  if (!json.contains("steps") || !json["steps"].is_array()) {
    throw std::invalid_argument("a sequence needs a \"steps\" array");
  }
  for (const Json& item : json["steps"]) {
    SeqStep step;
    if (!item.is_object()) throw std::invalid_argument("a step is a JSON object: " + item.dump());
    if (item.contains("op")) {
      step.call = call_from_json(item);
    } else if (item.contains("add_rule")) {
      step.kind = SeqStep::Kind::kAddRule;
      step.rule = item["add_rule"];
    } else if (item.contains("clear_plan")) {
      step.kind = SeqStep::Kind::kClearPlan;
    } else if (item.contains("restart")) {
      step.kind = SeqStep::Kind::kRestart;
    } else if (item.contains("concurrent")) {
      const Json& concurrent = item["concurrent"];
      if (!concurrent.is_object() || !concurrent.contains("gate_rule")) {
        throw std::invalid_argument("concurrent needs a gate_rule: " + item.dump());
      }
      step.kind = SeqStep::Kind::kConcurrent;
      step.rule = concurrent["gate_rule"];
      step.held = calls_from_json(concurrent.value("held", Json::array()), "held");
      step.during = calls_from_json(concurrent.value("during", Json::array()), "during");
      if (step.held.empty()) throw std::invalid_argument("concurrent needs a held call");
    } else {
      throw std::invalid_argument("unknown step: " + item.dump());
    }
    sequence.steps.push_back(std::move(step));
  }
  return sequence;
}

std::string describe(const Call& call) {
  return std::string(op_name(call.op)) + " r" + std::to_string(call.resume) + " j" +
         std::to_string(call.job) + " p" + std::to_string(call.preview) + " v" +
         std::to_string(call.variant);
}

std::string describe(const SeqStep& step) {
  switch (step.kind) {
    case SeqStep::Kind::kCall:
      return describe(step.call);
    case SeqStep::Kind::kAddRule:
      return "add_rule " + step.rule.dump();
    case SeqStep::Kind::kClearPlan:
      return "clear_plan";
    case SeqStep::Kind::kRestart:
      return "restart";
    case SeqStep::Kind::kConcurrent: {
      std::string text =
          "concurrent gate " + step.rule.value("operation", Json()).dump() + " held [";
      for (std::size_t i = 0; i < step.held.size(); ++i) {
        text += (i ? ", " : "") + describe(step.held[i]);
      }
      text += "] during [";
      for (std::size_t i = 0; i < step.during.size(); ++i) {
        text += (i ? ", " : "") + describe(step.during[i]);
      }
      return text + "]";
    }
  }
  return "?";
}

}  // namespace rm::harness::fuzz
