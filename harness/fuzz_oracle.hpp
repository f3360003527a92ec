#pragma once
// The stateful fuzzer's oracles: after each step of a sequence, which clauses of
// the thirteen fault contracts (contract section 2) and of the invariants
// (section 3) the step's answers and the stored tables break. Only clauses that
// hold for ANY sequence are checked — what the reference (all fixes in) keeps
// whatever calls, faults and interleavings come before:
//   API-001 an upload's 200 says ready or failed, a failed one claims no success,
//           the store holds what it said; a parse that every call of failed says failed;
//   API-002 concurrent uploads: at most one says is_master (and the invariant);
//   API-003 set master on an id not stored: not a success, the master unchanged;
//   API-004 a keyword-cache / preview-hash write that was faulted is named in a warning;
//   API-005 a record stored without processing_status reads as inferred; a restart
//           writes the inferred status back and changes nothing else;
//   API-006 a tailored result keeps the original's personalInfo, or warns that it
//           may be AI-generated when there is none; the original is not modified;
//   API-007 a null diff comes with a warning that gives the reason;
//   API-008 a failed refinement is reported (flags and a warning);
//   API-009 an enabled cover letter / outreach is returned or named in a warning;
//   API-010 a confirm is accepted exactly when its data is the latest preview of
//           its job and prompt whose hash was stored (the model below); a refused
//           one stores nothing;
//   API-011 a request held while its resume was deleted does not succeed;
//   API-012 job-context endpoints tell a master from a tailored resume without its
//           improvement record;
//   API-013 invalid improved_data is 422 naming the field, nothing stored;
//   section 1: no 5xx unless a fault was injected in that step; errors have a detail;
//   section 3: harness/invariants (store invariants, ids returned by 200s).
// Free text is judged by harness/subject_matchers, as in the scenarios.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/fuzz_sequence.hpp"
#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness::fuzz {

struct FuzzFinding {
  std::string issue;     // "API-010", "section 1", "section 3"
  std::string clause;    // what did not hold, without ids: the finding's identity
  std::string evidence;  // the exchange(s) and tables that show it
  int step = -1;         // index of the step that showed it

  std::string key() const { return issue + ": " + clause; }
};

// One request of a step, resolved against the state and answered.
struct Sent {
  enum class Role { kSequential, kHeld, kDuring };
  Call call{};
  Role role = Role::kSequential;
  std::string resume_id{};  // resolved ids ("" when the call names none)
  std::string job_id{};
  std::string prompt_id{};      // the effective prompt of a preview / improve / confirm
  int preview = -1;             // confirm: index into SequenceState::previews (-1: none)
  Json improved_data{};         // confirm / confirm_invalid: the data sent
  std::string spoiled_field{};  // confirm_invalid: the field made invalid
  ApiRequest request{};
  ApiResponse response{};
  Json body{};  // parsed, null when not JSON
  bool is_json = false;
  bool exception = false;       // the target could not be driven (no answer)
  std::uint64_t sent_tick = 0;  // the run's clock (IdTracker::tick) around the exchange
  std::uint64_t answered_tick = 0;

  bool ok() const { return response.status == 200 && is_json; }
  Json at(const char* pointer) const;
  std::string detail() const;
  std::string evidence() const;
  std::vector<std::string> warnings() const;  // data.warnings
};

// A fault that fired during the step (from the target's journal).
struct FiredFault {
  std::string component;
  std::string operation;
  std::string action;
  bool every_call = false;  // a rule of the plan hits every such call (no nth/times/...)
  bool outcome() const { return action != "gate" && action != "delay" && !action.empty(); }
};

struct PreviewSeen {
  std::string resume_id;
  std::string job_id;
  std::string prompt_id;
  Json resume_preview;
  Json improvements;
};

// What the sequence learned from the answers so far.
struct SequenceState {
  std::vector<std::string> resumes;  // every resume id seen (deleted ones stay: 404 paths)
  std::vector<std::string> jobs;
  std::vector<PreviewSeen> previews;
  // The preview hash each (job, prompt) holds: a hash, or nullopt when it
  // cannot be known (a faulted write, two previews racing on one prompt).
  // No entry: no hash stored, so every confirm of it must be refused.
  std::map<std::pair<std::string, std::string>, std::optional<std::string>> hashes;
  std::optional<bool> cover_letter_enabled;  // from PUT /config/features answers
  std::optional<bool> outreach_enabled;
  // Legacy records (no processing_status in the fixture) not written since:
  // the status every read must show.
  std::map<std::string, std::string> legacy_status;
  std::string default_prompt = "keywords";
};

// Everything about one step the oracles look at.
struct StepObservation {
  int index = 0;
  const SeqStep* step = nullptr;
  std::vector<Sent> sent;
  std::vector<FiredFault> fired;
  std::optional<Json> before;  // stored tables before / after (store hook)
  std::optional<Json> after;
};

// The inferred status of a stored record (API-005): processed_data -> ready,
// content only -> pending, neither -> failed.
std::string inferred_status(const Json& record);

// The preview hash of `data` as the contract defines it; "" when it is not a
// valid ResumeData.
std::string data_hash(const Json& data);

// Contract clauses (sections 1 and 2) the step broke. The section 3 invariants
// are the runner's (harness/invariants.hpp).
std::vector<FuzzFinding> check_step(const StepObservation& step, const SequenceState& state);

// Learns ids, previews, preview hashes, features and legacy statuses from the step.
void learn(const StepObservation& step, SequenceState& state);

}  // namespace rm::harness::fuzz
