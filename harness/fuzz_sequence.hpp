#pragma once
// The stateful fuzzer's input: a sequence of API calls (contract section 1; ids
// drawn from earlier answers by index), interleaved with fault-plan rules,
// concurrent steps held at a gate, restarts, and a start from a fixture
// database. Plain data, serialisable to the JSON of a replay file; how a
// sequence is drawn is fuzz_generator.hpp, how it runs is fuzz_runner.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::harness::fuzz {

// One request (or, for kPatchResume and kDeleteProcessing, a read and a write).
enum class Op {
  kUploadResume,
  kUploadJob,
  kGetResume,
  kListResumes,
  kGetJob,
  kStatus,
  kPreview,
  kImprove,
  kConfirm,
  kConfirmInvalid,
  kPatchResume,
  kDeleteResume,
  kSetMaster,
  kSetMasterMissing,
  kGenerateCoverLetter,
  kGenerateOutreach,
  kJobDescription,
  kPatchCoverLetter,
  kPatchOutreach,
  kSetFeatures,
  kDeleteProcessing,  // list, then delete every resume still "processing"
};

std::string_view op_name(Op op);  // "upload_resume", ...
std::optional<Op> parse_op(std::string_view name);

// Ids are indices into what earlier answers returned (taken modulo their
// count when the step runs), so that removing a step while minimising still
// leaves a runnable sequence.
struct Call {
  Op op = Op::kStatus;
  int resume = 0;   // index into the resume ids seen (uploads, fixtures, tailored)
  int job = 0;      // index into the job ids seen
  int preview = 0;  // index into the previews answered 200
  int variant = 0;  // what else varies: file type, prompt, spoiled field, flags ...

  bool operator==(const Call&) const = default;
};

struct SeqStep {
  enum class Kind { kCall, kAddRule, kClearPlan, kConcurrent, kRestart };
  Kind kind = Kind::kCall;
  Call call{};  // kCall
  // kAddRule: one fault-plan rule (docs/fault-plan.md), added to the plan in
  // force. kConcurrent: the gate rule that holds `held`.
  Json rule{};
  std::vector<Call> held{};    // kConcurrent: sent at once, each held at the gate
  std::vector<Call> during{};  // kConcurrent: sent in order while they are held

  bool operator==(const SeqStep&) const = default;
};

struct Sequence {
  std::string fixture{};  // "" = an empty store; else a name from fuzz_fixtures.hpp
  std::vector<SeqStep> steps{};

  bool operator==(const Sequence&) const = default;
};

// {"fixture": "...", "steps": [{"op": "upload_resume", "resume": 0, ...},
//  {"add_rule": {...}}, {"clear_plan": true}, {"restart": true},
//  {"concurrent": {"gate_rule": {...}, "held": [...], "during": [...]}}]}
Json to_json(const Sequence& sequence);
// Throws std::invalid_argument naming what is wrong.
Sequence sequence_from_json(const Json& json);

// One line, for progress and findings: "preview resume#1 job#0 v2".
std::string describe(const SeqStep& step);
std::string describe(const Call& call);

}  // namespace rm::harness::fuzz
