#include "harness/fuzz_oracle.hpp"

#include <algorithm>
#include <set>

#include "harness/check.hpp"
#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm::harness::fuzz {
namespace {

using subject::any_says;

Json field(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? Json(nullptr) : *it;
}

std::string text(const Json& value) { return value.is_string() ? value.get<std::string>() : ""; }

// The records of `table` (TinyDB layout) as a list.
std::vector<Json> rows(const Json& tables, const char* table) {
  std::vector<Json> result;
  const Json t = field(tables, table);
  if (!t.is_object()) return result;
  for (const auto& [key, record] : t.items()) {
    if (record.is_object()) result.push_back(record);
  }
  return result;
}

std::optional<Json> resume_record(const std::optional<Json>& tables, const std::string& id) {
  if (!tables || id.empty()) return std::nullopt;
  for (const Json& record : rows(*tables, "resumes")) {
    if (text(field(record, "resume_id")) == id) return record;
  }
  return std::nullopt;
}

bool job_exists(const Json& tables, const std::string& id) {
  for (const Json& record : rows(tables, "jobs")) {
    if (text(field(record, "job_id")) == id) return true;
  }
  return false;
}

bool has_improvement_record(const Json& tables, const std::string& tailored_id) {
  for (const Json& record : rows(tables, "improvements")) {
    if (text(field(record, "tailored_resume_id")) == tailored_id) return true;
  }
  return false;
}

std::set<std::string> masters(const Json& tables) {
  std::set<std::string> ids;
  for (const Json& record : rows(tables, "resumes")) {
    if (field(record, "is_master") == true) ids.insert(text(field(record, "resume_id")));
  }
  return ids;
}

std::string join(const std::set<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return "{" + out + "}";
}

bool fired(const StepObservation& step, std::string_view component, std::string_view operation,
           std::initializer_list<std::string_view> actions = {}, bool every_call_only = false) {
  for (const FiredFault& fault : step.fired) {
    if (fault.component != component || fault.operation != operation || !fault.outcome()) continue;
    if (every_call_only && !fault.every_call) continue;
    if (actions.size() == 0) return true;
    for (std::string_view action : actions) {
      if (fault.action == action) return true;
    }
  }
  return false;
}

bool any_outcome(const StepObservation& step) {
  for (const FiredFault& fault : step.fired) {
    if (fault.outcome()) return true;
  }
  return false;
}

// The backend's personal-info comparison: strings trimmed, null and missing as "".
std::string personal_value(const Json& value) {
  if (value.is_null()) return "";
  if (!value.is_string()) return value.dump();
  std::string s = value.get<std::string>();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool same_personal(const Json& a, const Json& b) {
  if (!a.is_object() || !b.is_object()) return false;
  std::set<std::string> keys;
  for (const auto& [key, value] : a.items()) keys.insert(key);
  for (const auto& [key, value] : b.items()) keys.insert(key);
  for (const std::string& key : keys) {
    if (personal_value(field(a, key.c_str())) != personal_value(field(b, key.c_str()))) {
      return false;
    }
  }
  return true;
}

std::size_t count(const std::optional<Json>& tables, const char* table) {
  return tables ? rows(*tables, table).size() : 0;
}

bool is_generation(Op op) {
  return op == Op::kGenerateCoverLetter || op == Op::kGenerateOutreach || op == Op::kJobDescription;
}

class Findings {
 public:
  explicit Findings(int step) : step_(step) {}
  void must(bool holds, const char* issue, const std::string& clause, const std::string& evidence) {
    if (!holds) found_.push_back(FuzzFinding{issue, clause, evidence, step_});
  }
  std::vector<FuzzFinding> take() { return std::move(found_); }

 private:
  int step_;
  std::vector<FuzzFinding> found_;
};

void check_upload(const StepObservation& step, const Sent& s, Findings& f) {
  if (s.response.status == 404 || s.response.status == 409) return;  // API-011, below
  if (!s.ok()) return;
  const Json status = s.at("/processing_status");
  f.must((status == "ready" || status == "failed") && s.at("/is_master").is_boolean(), "API-001",
         "an upload's 200 says processing_status (ready or failed) and is_master", s.evidence());
  if (status == "failed") {
    f.must(!subject::claims_success(text(s.at("/message"))), "API-001",
           "an upload whose parse failed does not claim success", s.evidence());
  }
  const bool sequential = s.role == Sent::Role::kSequential;
  if (sequential && fired(step, "llm", "parse_resume",
                          {"throw", "timeout", "non_json", "schema_invalid"}, true)) {
    f.must(status == "failed", "API-001",
           "an upload whose every parse call failed says processing_status failed", s.evidence());
  }
  if (!sequential) return;
  if (const auto record = resume_record(step.after, text(s.at("/resume_id")))) {
    f.must(field(*record, "processing_status") == status, "API-001",
           "the stored processing_status is the one the upload answered",
           s.evidence() + "\nstored: " + record->dump().substr(0, 400));
    if (status == "ready") {
      f.must(field(*record, "processed_data").is_object(), "API-001",
             "an upload that says ready has its parsed data stored", record->dump().substr(0, 400));
    }
  }
}

// API-005: the status a read must show for `id`, if the oracle knows it.
std::optional<std::string> expected_status(const StepObservation& step, const SequenceState& state,
                                           const std::string& id) {
  const auto legacy = state.legacy_status.find(id);
  if (legacy != state.legacy_status.end()) return legacy->second;
  if (const auto record = resume_record(step.before, id)) {
    if (!record->contains("processing_status")) return inferred_status(*record);
  }
  return std::nullopt;
}

void check_reads(const StepObservation& step, const SequenceState& state, const Sent& s,
                 Findings& f) {
  if (!s.ok()) return;
  if (s.call.op == Op::kGetResume) {
    if (const auto want = expected_status(step, state, s.resume_id)) {
      f.must(s.at("/data/raw_resume/processing_status") == *want, "API-005",
             "GET /resumes shows the inferred processing_status of a legacy record",
             "expected " + *want + ": " + s.evidence());
    }
  } else if (s.call.op == Op::kListResumes) {
    for (const Json& entry : s.at("/data").is_array() ? s.at("/data") : Json::array()) {
      const std::string id = text(field(entry, "resume_id"));
      if (const auto want = expected_status(step, state, id)) {
        f.must(field(entry, "processing_status") == *want, "API-005",
               "GET /resumes/list shows the inferred processing_status of a legacy record",
               "expected " + *want + " for " + id + ": " + entry.dump());
      }
    }
  } else if (s.call.op == Op::kStatus && s.role == Sent::Role::kSequential && step.before) {
    f.must(s.at("/database_stats/total_resumes") == count(step.before, "resumes") &&
               s.at("/has_master_resume") == !masters(*step.before).empty(),
           "section 1", "GET /status reports the stored totals and whether there is a master",
           s.evidence() + "\nstored masters: " + join(masters(*step.before)));
  }
}

// API-004, 006, 007, 008, 009 on a tailoring answer (preview, improve, confirm).
void check_tailoring(const StepObservation& step, const SequenceState& state, const Sent& s,
                     Findings& f) {
  if (!s.ok()) return;
  const std::vector<std::string> warnings = s.warnings();
  const std::string evidence = s.evidence();
  const bool sequential = s.role == Sent::Role::kSequential;
  const Op op = s.call.op;

  if (s.at("/data/diff_summary").is_null() || s.at("/data/detailed_changes").is_null()) {
    f.must(any_says(warnings,
                    [](std::string_view w) {
                      return subject::says_changes_not_calculated(w) &&
                             (subject::gives_reason_original_data_missing(w) ||
                              subject::gives_reason_calculation_error(w));
                    }),
           "API-007",
           "a null diff comes with a warning that the changes could not be calculated "
           "and why",
           evidence);
  }
  if (op != Op::kConfirm) {
    if (s.at("/data/refinement_attempted") == true &&
        s.at("/data/refinement_successful") == false) {
      f.must(any_says(warnings, subject::says_refinement_failed), "API-008",
             "a failed refinement is named in a warning", evidence);
    }
    if (sequential &&
        fired(step, "llm", "refine", {"throw", "timeout", "non_json", "schema_invalid"})) {
      f.must(s.at("/data/refinement_attempted") == true &&
                 s.at("/data/refinement_successful") == false &&
                 any_says(warnings, subject::says_refinement_failed),
             "API-008",
             "a refinement call that failed: attempted true, successful false, and a warning",
             evidence);
    }
  }
  if (op == Op::kPreview && sequential) {
    if (fired(step, "store", "update_job", {"fail", "match_nothing"})) {
      f.must(any_says(warnings, subject::says_keyword_cache_not_saved) ||
                 any_says(warnings, subject::says_preview_hash_not_saved),
             "API-004", "a faulted job write (keyword cache) is named in a warning", evidence);
    }
    if (fired(step, "store", "set_preview_hash", {"fail", "match_nothing"})) {
      f.must(any_says(warnings, subject::says_preview_hash_not_saved) &&
                 any_says(warnings, subject::says_confirm_will_be_refused),
             "API-004",
             "a faulted preview-hash write is named in a warning that says its confirm will be "
             "refused",
             evidence);
    }
  }
  if (op == Op::kImprove || op == Op::kConfirm) {
    struct Message {
      const std::optional<bool>& enabled;
      const char* field;
      const char* operation;
      bool (*names)(std::string_view);
      const char* label;
    };
    const Message messages[] = {
        {state.cover_letter_enabled, "/data/cover_letter", "cover_letter",
         subject::names_cover_letter, "cover letter"},
        {state.outreach_enabled, "/data/outreach_message", "outreach", subject::names_outreach,
         "outreach message"},
    };
    for (const Message& m : messages) {
      if (m.enabled != true) continue;
      const Json content = s.at(m.field);
      const bool returned = content.is_string() && !content.get<std::string>().empty();
      f.must(returned || any_says(warnings, m.names), "API-009",
             std::string("an enabled ") + m.label + " is returned or named in a warning", evidence);
      if (sequential && fired(step, "llm", m.operation, {"throw"}, true)) {
        f.must(any_says(warnings, m.names), "API-009",
               std::string("a failed ") + m.label + " generation is named in a warning", evidence);
      }
    }
  }
  if (op == Op::kConfirm || !sequential) return;
  const auto before = resume_record(step.before, s.resume_id);
  if (!before) return;
  const Json original = field(*before, "processed_data");
  const Json info = field(original, "personalInfo");
  const Json result_info = s.at("/data/resume_preview/personalInfo");
  if (original.is_null()) {
    f.must(any_says(warnings, subject::says_personal_info_missing_or_ai_generated), "API-006",
           "no structured original: a warning says personal info may be AI-generated", evidence);
    f.must(s.at("/data/diff_summary").is_null() &&
               any_says(warnings, subject::gives_reason_original_data_missing),
           "API-007", "no structured original: the diff is null, with reason original_data_missing",
           evidence);
  } else if (info.is_object()) {
    f.must(flows::same_personal_info(result_info, info), "API-006",
           "the result's personalInfo equals the original's exactly",
           "original: " + info.dump() + "\n" + evidence);
  } else {
    f.must(any_says(warnings, subject::says_personal_info_missing_or_ai_generated), "API-006",
           "an original without personalInfo: a warning says personal info may be AI-generated",
           evidence);
  }
  const auto after = resume_record(step.after, s.resume_id);
  f.must(after && *after == *before, "API-006", "the original stored record is not modified",
         "before: " + before->dump().substr(0, 300) +
             "\nafter: " + (after ? after->dump().substr(0, 300) : std::string("(gone)")));
}

void check_confirm(const StepObservation& step, const SequenceState& state, const Sent& s,
                   Findings& f) {
  const std::string hash = data_hash(s.improved_data);
  if (hash.empty() || s.role != Sent::Role::kSequential) return;
  const auto stored = state.hashes.find({s.job_id, s.prompt_id});
  const bool unknown = stored != state.hashes.end() && !stored->second;
  if (unknown) return;
  const bool latest = stored != state.hashes.end() && *stored->second == hash;
  const std::string model =
      "job " + s.job_id + " prompt " + s.prompt_id + ": " +
      (stored == state.hashes.end() ? std::string("no preview hash stored")
                                    : "latest stored preview hash " + *stored->second) +
      "; confirmed data hash " + hash + "\n";
  if (!latest) {
    f.must(s.response.status != 200, "API-010",
           "a confirm of data that is not the latest stored preview of its job and prompt is "
           "refused",
           model + s.evidence());
    if (s.response.status != 200 && step.before && step.after) {
      f.must(count(step.before, "resumes") == count(step.after, "resumes") &&
                 count(step.before, "improvements") == count(step.after, "improvements"),
             "API-010", "a refused confirm stores nothing", s.evidence());
    }
    return;
  }
  // The latest preview: it must confirm unless something else stands in the way.
  if (any_outcome(step) || !step.before || !job_exists(*step.before, s.job_id)) return;
  const auto resume = resume_record(step.before, s.resume_id);
  if (!resume) return;
  const Json original = field(*resume, "processed_data");
  if (!original.is_null()) {
    if (!validate_resume_data(original).ok()) return;
    const Json info = field(original, "personalInfo");
    if (info.is_object() && !same_personal(info, field(s.improved_data, "personalInfo"))) return;
  }
  f.must(s.response.status == 200, "API-010",
         "the latest stored preview of a job and prompt confirms", model + s.evidence());
}

void check_set_master(const StepObservation& step, const Sent& s, Findings& f) {
  if (s.role != Sent::Role::kSequential || !step.before || !step.after) return;
  if (!resume_record(step.before, s.resume_id)) {
    f.must(s.response.status < 200 || s.response.status >= 300, "API-003",
           "set master on an id that does not exist is not a success", s.evidence());
    f.must(masters(*step.after) == masters(*step.before), "API-003",
           "set master on an id that does not exist leaves the master unchanged",
           "masters before " + join(masters(*step.before)) + ", after " +
               join(masters(*step.after)) + "\n" + s.evidence());
  } else if (s.ok() && !any_outcome(step)) {
    const auto record = resume_record(step.after, s.resume_id);
    f.must(record && field(*record, "is_master") == true, "API-003",
           "a 200 to set master leaves that resume the master", s.evidence());
  }
}

void check_generation(const StepObservation& step, const Sent& s, Findings& f) {
  if (s.role != Sent::Role::kSequential || any_outcome(step) || !step.before) return;
  const auto record = resume_record(step.before, s.resume_id);
  if (!record) return;
  const std::string detail = s.detail();
  if (text(field(*record, "parent_id")).empty()) {
    f.must(s.response.status == 400 && subject::says_not_tailored(detail), "API-012",
           "a job-context endpoint on an untailored resume: 400 saying it is not tailored",
           s.evidence());
  } else if (!has_improvement_record(*step.before, s.resume_id)) {
    f.must((s.response.status == 400 || s.response.status == 404) &&
               subject::says_job_context_missing(detail) && !subject::says_not_tailored(detail),
           "API-012",
           "a tailored resume without its improvement record: the detail says the job context "
           "was not found (not that it is untailored)",
           s.evidence());
  }
}

void check_invalid_confirm(const StepObservation& step, const Sent& s, Findings& f) {
  if (s.role != Sent::Role::kSequential) return;
  f.must(s.response.status == 422 && subject::names_field(s.detail(), s.spoiled_field), "API-013",
         "a confirm with invalid improved_data: 422 naming the field", s.evidence());
  if (step.before && step.after) {
    f.must(count(step.before, "resumes") == count(step.after, "resumes") &&
               count(step.before, "improvements") == count(step.after, "improvements"),
           "API-013", "a confirm with invalid improved_data stores nothing", s.evidence());
  }
}

// API-002 and API-011: what only a concurrent step shows.
void check_concurrent(const StepObservation& step, Findings& f) {
  std::vector<const Sent*> uploads;
  for (const Sent& s : step.sent) {
    if (s.role == Sent::Role::kHeld && s.call.op == Op::kUploadResume) uploads.push_back(&s);
  }
  if (uploads.size() > 1) {
    int says_master = 0;
    std::string evidence;
    for (const Sent* s : uploads) {
      if (s->ok() && s->at("/is_master") == true) ++says_master;
      evidence += s->evidence() + "\n";
    }
    f.must(says_master <= 1, "API-002", "at most one of concurrent uploads says is_master: true",
           evidence);
    // Into a store without a master, all of them answered: exactly one became it.
    const bool all_ok = std::all_of(uploads.begin(), uploads.end(), [](const Sent* s) {
      return s->ok() && s->at("/processing_status").is_string();
    });
    if (all_ok && !any_outcome(step) && step.before && step.after &&
        masters(*step.before).empty()) {
      f.must(says_master == 1 && masters(*step.after).size() == 1, "API-002",
             "concurrent first uploads into a store without a master: exactly one says "
             "is_master and exactly one is stored as master",
             evidence + "stored masters after: " + join(masters(*step.after)));
    }
  }
  if (any_outcome(step)) return;
  // A resume deleted (200) while a held request on it was in flight.
  for (const Sent& deleted : step.sent) {
    if (deleted.role != Sent::Role::kDuring || deleted.request.method != "DELETE" ||
        deleted.response.status != 200) {
      continue;
    }
    const std::string id = deleted.request.path.substr(deleted.request.path.rfind('/') + 1);
    for (const Sent& held : step.sent) {
      // Only a request still in flight when the delete was sent (one that
      // answered before, e.g. refused without reaching the gate, is not concerned).
      if (held.role != Sent::Role::kHeld || held.exception ||
          held.answered_tick < deleted.sent_tick) {
        continue;
      }
      const bool same =
          held.call.op == Op::kUploadResume
              ? (held.ok() ? text(held.at("/resume_id")) == id
                           : held.response.status == 404 || held.response.status == 409)
              : held.resume_id == id;
      if (!same) continue;
      f.must(held.response.status == 404 || held.response.status == 409, "API-011",
             "a request whose resume was deleted while it was in flight answers 404/409, not a "
             "success",
             held.evidence() + "\ndeleted meanwhile: " + deleted.evidence());
      if (held.response.status == 404 || held.response.status == 409) {
        f.must(subject::says_resume_gone(held.detail()), "API-011",
               "the detail says the resume no longer exists", held.evidence());
      }
    }
  }
}

// API-005: a restart writes inferred statuses back, once, and changes nothing else.
void check_restart(const StepObservation& step, Findings& f) {
  if (!step.before || !step.after) return;
  const std::vector<Json> before = rows(*step.before, "resumes");
  f.must(before.size() == rows(*step.after, "resumes").size(), "API-005",
         "a restart keeps every resume record", "");
  for (const Json& record : before) {
    const std::string id = text(field(record, "resume_id"));
    Json expected = record;
    if (!record.contains("processing_status"))
      expected["processing_status"] = inferred_status(record);
    const auto now = resume_record(step.after, id);
    f.must(now && *now == expected, "API-005",
           "after a restart a record holds its inferred processing_status and nothing else "
           "changed",
           "expected " + expected.dump().substr(0, 400) + "\nstored " +
               (now ? now->dump().substr(0, 400) : std::string("(gone)")));
  }
}

}  // namespace

Json Sent::at(const char* pointer) const {
  const Json::json_pointer where(pointer);
  if (!is_json || !body.contains(where)) return nullptr;
  return body.at(where);
}

std::string Sent::detail() const {
  const Json d = field(body, "detail");
  return d.is_string() ? d.get<std::string>() : (d.is_null() ? "" : d.dump());
}

std::string Sent::evidence() const {
  if (exception) return rm::harness::describe(request, 300) + " -> (no answer)";
  return rm::harness::describe(Exchange{request, response}, 400);
}

std::vector<std::string> Sent::warnings() const { return flows::warnings_of(body); }

std::string inferred_status(const Json& record) {
  const Json data = field(record, "processed_data");
  if (!data.is_null()) return "ready";
  const Json content = field(record, "content");
  if (content.is_string() && !content.get<std::string>().empty()) return "pending";
  return "failed";
}

std::string data_hash(const Json& data) {
  if (!data.is_object()) return "";
  auto check = validate_resume_data(data);
  if (!check.ok()) return "";
  return preview_hash(check.data);
}

std::vector<FuzzFinding> check_step(const StepObservation& step, const SequenceState& state) {
  Findings f(step.index);
  if (step.step != nullptr && step.step->kind == SeqStep::Kind::kRestart) {
    check_restart(step, f);
    return f.take();
  }
  for (const Sent& s : step.sent) {
    if (s.exception) continue;
    const int status = s.response.status;
    f.must(status < 500 || any_outcome(step), "section 1",
           "no 5xx unless a fault was injected in that step", s.evidence());
    if (status >= 400) {
      f.must(s.is_json && s.body.is_object() && s.body.contains("detail"), "section 1",
             "an error answers JSON with a detail", s.evidence());
    }
    switch (s.call.op) {
      case Op::kUploadResume:
        check_upload(step, s, f);
        break;
      case Op::kGetResume:
      case Op::kListResumes:
      case Op::kStatus:
        check_reads(step, state, s, f);
        break;
      case Op::kPreview:
      case Op::kImprove:
        check_tailoring(step, state, s, f);
        break;
      case Op::kConfirm:
        check_confirm(step, state, s, f);
        check_tailoring(step, state, s, f);
        break;
      case Op::kConfirmInvalid:
        check_invalid_confirm(step, s, f);
        break;
      case Op::kSetMaster:
      case Op::kSetMasterMissing:
        check_set_master(step, s, f);
        break;
      default:
        if (is_generation(s.call.op)) check_generation(step, s, f);
        break;
    }
  }
  if (step.step != nullptr && step.step->kind == SeqStep::Kind::kConcurrent) {
    check_concurrent(step, f);
  }
  return f.take();
}

void learn(const StepObservation& step, SequenceState& state) {
  const auto remember = [](std::vector<std::string>& ids, const std::string& id) {
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  if (step.step != nullptr && step.step->kind == SeqStep::Kind::kRestart) {
    state.cover_letter_enabled.reset();
    state.outreach_enabled.reset();
  }
  const bool job_write_faulted =
      fired(step, "store", "set_preview_hash") || fired(step, "store", "update_job");
  std::map<std::pair<std::string, std::string>, int> previews_per_key;
  for (const Sent& s : step.sent) {
    if (s.call.op == Op::kPreview && s.ok()) ++previews_per_key[{s.job_id, s.prompt_id}];
  }
  for (const Sent& s : step.sent) {
    if (s.exception) continue;
    const Op op = s.call.op;
    if (s.ok()) {
      switch (op) {
        case Op::kUploadResume:
          remember(state.resumes, text(s.at("/resume_id")));
          break;
        case Op::kUploadJob:
          for (const Json& id : s.at("/job_id").is_array() ? s.at("/job_id") : Json::array()) {
            remember(state.jobs, text(id));
          }
          break;
        case Op::kImprove:
        case Op::kConfirm:
          remember(state.resumes, text(s.at("/data/resume_id")));
          break;
        case Op::kPreview: {
          state.previews.push_back(PreviewSeen{s.resume_id, s.job_id, s.prompt_id,
                                               s.at("/data/resume_preview"),
                                               s.at("/data/improvements")});
          const std::pair<std::string, std::string> key{s.job_id, s.prompt_id};
          const std::string hash = data_hash(s.at("/data/resume_preview"));
          if (job_write_faulted || previews_per_key[key] > 1 || hash.empty()) {
            state.hashes[key] = std::nullopt;
          } else if (!any_says(s.warnings(), subject::says_preview_hash_not_saved)) {
            state.hashes[key] = hash;
          }
          break;
        }
        case Op::kSetFeatures:
          state.cover_letter_enabled = s.at("/enable_cover_letter") == true;
          state.outreach_enabled = s.at("/enable_outreach_message") == true;
          break;
        default:
          break;
      }
    }
    // A resume written or deleted is no longer the legacy record the fixture held.
    const bool writes = op == Op::kPatchResume || op == Op::kPatchCoverLetter ||
                        op == Op::kPatchOutreach || op == Op::kGenerateCoverLetter ||
                        op == Op::kGenerateOutreach || op == Op::kDeleteResume ||
                        op == Op::kDeleteProcessing;
    if (writes && s.request.method != "GET") state.legacy_status.erase(s.resume_id);
  }
}

}  // namespace rm::harness::fuzz
