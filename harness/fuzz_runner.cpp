#include "harness/fuzz_runner.hpp"

#include <algorithm>
#include <future>
#include <set>
#include <stdexcept>

#include "harness/flows.hpp"
#include "harness/fuzz_fixtures.hpp"
#include "harness/invariants.hpp"
#include "harness/requests.hpp"
#include "mocks/fault/fault_plan.hpp"

namespace rm::harness::fuzz {
namespace {

const std::string kMissingResume = "00000000-0000-4000-8000-00000000f022";
const std::string kMissingJob = "00000000-0000-4000-8000-00000000f0b1";
const char* const kPrompts[] = {"nudge", "keywords", "full"};

std::string pick(const std::vector<std::string>& ids, int index, const std::string& missing) {
  if (ids.empty()) return missing;
  return ids[static_cast<std::size_t>(std::max(index, 0)) % ids.size()];
}

// 0: no prompt_id (the default), 1 nudge, 2 keywords, 3 full.
std::optional<std::string> prompt_of(int variant) {
  const int which = ((variant % 4) + 4) % 4;
  if (which == 0) return std::nullopt;
  return kPrompts[which - 1];
}

std::string other_prompt(const std::string& prompt) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (prompt == kPrompts[i]) return kPrompts[(i + 1) % 3];
  }
  return "nudge";
}

std::string resume_text(int variant) {
  static const char* const kNames[] = {"Ada Lovelace", "Grace Hopper", "Master Applicant",
                                       "Applicant Number Four"};
  const int which = ((variant % 4) + 4) % 4;
  std::string text = flows::sample_resume_text(kNames[which]);
  if (which >= 2) {
    // Skills the job asks for that a plain resume lacks: as the master, they give the
    // refiner's keyword injection work, so refinement calls the model (API-008).
    const std::string skills = "Python, C++, SQL, Docker";
    text.replace(text.find(skills), skills.size(), skills + ", Kubernetes, PostgreSQL");
  }
  return text;
}

struct FileType {
  const char* content_type;
  const char* extension;
};

FileType file_type(int variant) {
  static const FileType kTypes[] = {
      {"application/pdf", "pdf"},
      {"application/pdf", "pdf"},
      {"application/pdf", "pdf"},
      {"application/pdf", "pdf"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
      {"application/msword", "doc"},
      {"text/plain", "txt"},  // not an allowed type: 400
  };
  return kTypes[((variant >> 2) % 8 + 8) % 8];
}

Json confirm_improvements(const Json& improvements) {
  Json list = Json::array();
  if (!improvements.is_array()) return list;
  for (const Json& item : improvements) {
    if (!item.is_object()) continue;
    const Json suggestion = item.value("suggestion", Json(""));
    Json entry{{"suggestion", suggestion.is_string() ? suggestion : Json(suggestion.dump())}};
    if (item.contains("lineNumber") && item["lineNumber"].is_number_integer()) {
      entry["lineNumber"] = item["lineNumber"];
    }
    list.push_back(std::move(entry));
  }
  return list;
}

bool operation_matches(const Json& rule_operation, const std::string& operation) {
  if (rule_operation.is_string()) {
    return rule_operation == "*" || rule_operation.get<std::string>() == operation;
  }
  if (rule_operation.is_array()) {
    for (const Json& item : rule_operation) {
      if (item.is_string() && item.get<std::string>() == operation) return true;
    }
  }
  return false;
}

// One sequence's run: the state learned, the plan in force, the ids tracked.
class Execution {
 public:
  Execution(Target& target, const RunnerOptions& options) : target_(target), options_(options) {}

  SequenceResult run(const Sequence& sequence, const std::string* wanted) {
    start(sequence.fixture);
    for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
      const SeqStep& step = sequence.steps[i];
      StepObservation observation;
      observation.index = static_cast<int>(i);
      observation.step = &step;
      observation.before = tables_;
      if (!execute(step, observation)) continue;
      ++result_.steps;
      if (options_.capabilities.store) tables_ = target_.store_tables();
      observation.after = tables_;
      std::vector<FuzzFinding> findings = check_step(observation, state_);
      append_invariants(observation, findings);
      learn(observation, state_);
      for (FuzzFinding& finding : findings) {
        if (wanted == nullptr || finding.key() == *wanted) {
          result_.finding = std::move(finding);
          break;
        }
      }
      if (result_.finding) break;
    }
    if (!rules_.empty() || concurrent_installed_) target_.clear_plan();
    if (!result_.finding && !options_.capabilities.store) check_ids_through_api(sequence, wanted);
    return std::move(result_);
  }

 private:
  void start(const std::string& fixture) {
    std::optional<Json> tables;
    if (!fixture.empty()) {
      if (!options_.capabilities.fixture_db) {
        result_.skipped.push_back("fixture " + fixture + " (no fixture_db hook): started empty");
      } else {
        tables = fixture_database(fixture);
        if (!tables) throw std::invalid_argument("unknown fixture '" + fixture + "'");
      }
    }
    target_.reset(tables);
    if (tables) {
      for (const auto& [key, record] : (*tables)["resumes"].items()) {
        const std::string id = record.value("resume_id", "");
        state_.resumes.push_back(id);
        if (!record.contains("processing_status")) {
          state_.legacy_status[id] = inferred_status(record);
        }
      }
      for (const auto& [key, record] : (*tables)["jobs"].items()) {
        state_.jobs.push_back(record.value("job_id", ""));
      }
      for (const FixturePreview& preview : fixture_previews(fixture)) {
        state_.previews.push_back(PreviewSeen{preview.resume_id, preview.job_id, preview.prompt_id,
                                              preview.resume_preview, Json::array()});
      }
    }
    if (options_.capabilities.store) tables_ = target_.store_tables();
    invariants_before_ =
        tables_ ? store_invariant_violations(*tables_) : std::vector<std::string>{};
  }

  // Runs one step; false when it was skipped.
  bool execute(const SeqStep& step, StepObservation& observation) {
    switch (step.kind) {
      case SeqStep::Kind::kCall:
        observation.sent = perform(step.call, Sent::Role::kSequential);
        read_journal(observation);
        return true;
      case SeqStep::Kind::kAddRule:
        return add_rule(step.rule);
      case SeqStep::Kind::kClearPlan:
        rules_ = Json::array();
        target_.clear_plan();
        return true;
      case SeqStep::Kind::kRestart:
        if (!options_.capabilities.fixture_db) {
          result_.skipped.push_back("restart (no fixture_db hook)");
          return false;
        }
        target_.restart();
        if (!rules_.empty()) install(rules_);  // a restarted target starts without a plan
        return true;
      case SeqStep::Kind::kConcurrent:
        return concurrent(step, observation);
    }
    return false;
  }

  bool install(const Json& rules) {
    const FaultPlan plan = FaultPlan::from_json(Json{{"seed", 0}, {"rules", rules}});
    target_.install_plan(plan);
    journal_seen_ = 0;
    return true;
  }

  bool add_rule(const Json& rule) {
    Json rules = rules_;
    rules.push_back(rule);
    try {
      install(rules);
    } catch (const std::exception& error) {
      result_.skipped.push_back("add_rule " + rule.dump() + ": " + error.what());
      if (!rules_.empty()) install(rules_);
      return false;
    }
    rules_ = std::move(rules);
    return true;
  }

  void read_journal(StepObservation& observation) {
    if (rules_.empty() && !concurrent_installed_) return;
    const Json journal = target_.journal();
    if (!journal.is_array()) return;
    for (std::size_t i = journal_seen_; i < journal.size(); ++i) {
      const Json& entry = journal[i];
      if (!entry.is_object() || !entry.contains("action")) continue;  // events
      FiredFault fault{entry.value("component", ""), entry.value("operation", ""),
                       entry.value("action", ""), false};
      for (const Json& rule : rules_) {
        if (rule.value("component", "") == fault.component &&
            rule.value("action", "") == fault.action &&
            operation_matches(rule.value("operation", Json()), fault.operation) &&
            !rule.contains("nth") && !rule.contains("times") && !rule.contains("after") &&
            !rule.contains("probability")) {
          fault.every_call = true;
        }
      }
      observation.fired.push_back(std::move(fault));
    }
    journal_seen_ = journal.size();
  }

  bool concurrent(const SeqStep& step, StepObservation& observation) {
    const std::string component = step.rule.value("component", "");
    const bool llm_gate = component == "llm";
    if (llm_gate ? !options_.capabilities.llm : !options_.capabilities.store_gate) {
      result_.skipped.push_back(std::string("concurrent step at a ") + component + " gate (no " +
                                (llm_gate ? "llm" : "store_gate") + " hook)");
      return false;
    }
    const std::string gate = step.rule.value("gate", "fuzz-held");
    Json rules = rules_;
    rules.push_back(step.rule);
    try {
      install(rules);
    } catch (const std::exception& error) {
      result_.skipped.push_back("concurrent step: " + std::string(error.what()));
      if (!rules_.empty()) install(rules_);
      return false;
    }
    concurrent_installed_ = true;
    // Resolved here, in order, so that the ids do not depend on the threads.
    std::vector<Resolved> held;
    for (const Call& call : step.held) held.push_back(resolve(call));
    std::vector<std::future<std::vector<Sent>>> answers;
    answers.reserve(held.size());
    for (const Resolved& r : held) {
      answers.push_back(std::async(std::launch::async,
                                   [this, r] { return send_resolved(r, Sent::Role::kHeld); }));
    }
    const int expected = static_cast<int>(held.size());
    const auto deadline = std::chrono::steady_clock::now() + options_.gate_deadline;
    int arrived = 0;
    while (true) {
      arrived =
          target_.wait_for_arrivals(gate, expected, static_cast<int>(options_.gate_slice.count()));
      if (arrived >= expected) break;
      int finished = 0;
      for (auto& answer : answers) {
        if (answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready) ++finished;
      }
      // Every request still running is held: the others finished without the gate.
      if (expected - finished <= arrived || std::chrono::steady_clock::now() > deadline) break;
    }
    if (arrived < expected) {
      // Fewer held than planned: nothing may block the calls that run meanwhile.
      read_journal(observation);
      if (rules_.empty()) {
        target_.release(gate, true);
        target_.clear_plan();
      } else {
        install(rules_);
      }
    }
    for (const Call& call : step.during) {
      Resolved r = resolve(call);
      std::vector<Sent> sent = send_resolved(r, Sent::Role::kDuring);
      for (Sent& s : sent) observation.sent.push_back(std::move(s));
    }
    target_.release(gate, true);
    for (auto& answer : answers) {
      for (Sent& s : answer.get()) observation.sent.push_back(std::move(s));
    }
    read_journal(observation);
    if (rules_.empty()) {
      target_.clear_plan();
    } else {
      install(rules_);
    }
    return true;
  }

  // A call with its ids resolved against what the sequence has seen.
  struct Resolved {
    Call call;
    std::string resume_id;
    std::string job_id;
    std::optional<std::string> prompt;  // as sent (nullopt: none)
    std::string effective_prompt;
    int preview = -1;
    Json improved_data;
    Json improvements;
    std::string spoiled_field;
  };

  Resolved resolve(const Call& call) const {
    Resolved r;
    r.call = call;
    r.resume_id = pick(state_.resumes, call.resume, kMissingResume);
    r.job_id = pick(state_.jobs, call.job, kMissingJob);
    if (call.op == Op::kSetMasterMissing) r.resume_id = kMissingResume;
    if (call.op == Op::kPreview || call.op == Op::kImprove) {
      r.prompt = prompt_of(call.variant);
      r.effective_prompt = r.prompt.value_or(state_.default_prompt);
    }
    if (call.op == Op::kConfirm || call.op == Op::kConfirmInvalid) {
      if (!state_.previews.empty()) {
        r.preview = static_cast<int>(static_cast<std::size_t>(std::max(call.preview, 0)) %
                                     state_.previews.size());
        const PreviewSeen& p = state_.previews[static_cast<std::size_t>(r.preview)];
        r.resume_id = p.resume_id;
        r.job_id = p.job_id;
        r.effective_prompt = call.variant % 3 == 2 ? other_prompt(p.prompt_id) : p.prompt_id;
        r.improved_data = p.resume_preview;
        r.improvements = confirm_improvements(p.improvements);
      } else {
        r.effective_prompt = "keywords";
        r.improved_data = flows::sample_resume_data("Never Previewed");
        r.improvements = Json::array();
      }
      r.prompt = r.effective_prompt;
      if (call.op == Op::kConfirmInvalid) {
        switch (((call.variant % 3) + 3) % 3) {
          case 0:
            r.improved_data["workExperience"] = 7;
            r.spoiled_field = "workExperience";
            break;
          case 1:
            r.improved_data["summary"] = Json{{"text", "x"}};
            r.spoiled_field = "summary";
            break;
          default:
            r.improved_data["sectionMeta"] = Json::array({{{"id", "extra"},
                                                           {"key", "extra"},
                                                           {"displayName", "Extra"},
                                                           {"sectionType", "carousel"},
                                                           {"isDefault", false},
                                                           {"isVisible", true},
                                                           {"order", 9}}});
            r.spoiled_field = "sectionType";
            break;
        }
      }
    }
    return r;
  }

  std::vector<Sent> perform(const Call& call, Sent::Role role) {
    return send_resolved(resolve(call), role);
  }

  Sent exchange(const Resolved& r, Sent::Role role, const ApiRequest& request,
                std::optional<Op> as_op = std::nullopt) {
    Sent s;
    s.call = r.call;
    if (as_op) s.call.op = *as_op;
    s.role = role;
    s.resume_id = r.resume_id;
    s.job_id = r.job_id;
    s.prompt_id = r.effective_prompt;
    s.preview = r.preview;
    s.improved_data = r.improved_data;
    s.spoiled_field = r.spoiled_field;
    s.request = request;
    const std::uint64_t sent = ids_.tick();
    try {
      s.response = target_.send(request);
    } catch (const std::exception& error) {
      s.exception = true;
      s.response.body = error.what();
    }
    const std::uint64_t answered = ids_.tick();
    s.sent_tick = sent;
    s.answered_tick = answered;
    if (!s.exception) {
      ids_.observe(request, s.response, sent, answered);
      if (auto body = json_body(s.response)) {
        s.body = std::move(*body);
        s.is_json = true;
      }
    }
    {
      const std::lock_guard lock(counts_mutex_);
      (s.exception ? result_.unanswered : result_.requests) += 1;
    }
    return s;
  }

  std::vector<Sent> send_resolved(const Resolved& r, Sent::Role role) {
    const std::string resume_path = "/resumes/" + r.resume_id;
    const int v = r.call.variant;
    switch (r.call.op) {
      case Op::kUploadResume: {
        const FileType type = file_type(v);
        return {
            exchange(r, role,
                     upload(std::string("resume-") + std::to_string(v % 97) + "." + type.extension,
                            type.content_type, resume_text(v)))};
      }
      case Op::kUploadJob: {
        const int which = ((v % 4) + 4) % 4;
        const std::string text = which == 3   ? std::string(" ")
                                 : which == 2 ? flows::sample_job_text() + " Also Go and Rust."
                                              : flows::sample_job_text();
        return {exchange(
            r, role,
            post_json(api("/jobs/upload"), Json{{"job_descriptions", Json::array({text})}}))};
      }
      case Op::kGetResume:
        return {exchange(r, role, get(api("/resumes"), {{"resume_id", r.resume_id}}))};
      case Op::kListResumes:
        return {exchange(r, role, get(api("/resumes/list"), {{"include_master", "true"}}))};
      case Op::kGetJob:
        return {exchange(r, role, get(api("/jobs/" + r.job_id)))};
      case Op::kStatus:
        return {exchange(r, role, get(api("/status")))};
      case Op::kPreview:
      case Op::kImprove: {
        Json body{{"resume_id", r.resume_id}, {"job_id", r.job_id}};
        if (r.prompt) body["prompt_id"] = *r.prompt;
        const char* path =
            r.call.op == Op::kPreview ? "/resumes/improve/preview" : "/resumes/improve";
        return {exchange(r, role, post_json(api(path), body))};
      }
      case Op::kConfirm:
      case Op::kConfirmInvalid: {
        const Json body{{"resume_id", r.resume_id},
                        {"job_id", r.job_id},
                        {"prompt_id", r.effective_prompt},
                        {"improved_data", r.improved_data},
                        {"improvements", r.improvements}};
        return {exchange(r, role, post_json(api("/resumes/improve/confirm"), body))};
      }
      case Op::kPatchResume: {
        std::vector<Sent> sent;
        sent.push_back(
            exchange(r, role, get(api("/resumes"), {{"resume_id", r.resume_id}}), Op::kGetResume));
        Json data = sent.back().at("/data/processed_resume");
        if (!data.is_object()) data = flows::sample_resume_data("Patched Applicant");
        data["summary"] = "Edited summary number " + std::to_string(v) + ".";
        sent.push_back(exchange(r, role, patch_json(api(resume_path), data)));
        return sent;
      }
      case Op::kDeleteResume:
        return {exchange(r, role, del(api(resume_path)))};
      case Op::kSetMaster:
      case Op::kSetMasterMissing:
        return {exchange(r, role, post(api(resume_path + "/master")))};
      case Op::kGenerateCoverLetter:
        return {exchange(r, role, post(api(resume_path + "/generate-cover-letter")))};
      case Op::kGenerateOutreach:
        return {exchange(r, role, post(api(resume_path + "/generate-outreach")))};
      case Op::kJobDescription:
        return {exchange(r, role, get(api(resume_path + "/job-description")))};
      case Op::kPatchCoverLetter:
        return {exchange(r, role,
                         patch_json(api(resume_path + "/cover-letter"),
                                    Json{{"content", "Dear team, version " + std::to_string(v)}}))};
      case Op::kPatchOutreach:
        return {exchange(r, role,
                         patch_json(api(resume_path + "/outreach-message"),
                                    Json{{"content", "Hello, version " + std::to_string(v)}}))};
      case Op::kSetFeatures:
        return {exchange(
            r, role,
            put_json(api("/config/features"), Json{{"enable_cover_letter", (v & 1) != 0},
                                                   {"enable_outreach_message", (v & 2) != 0}}))};
      case Op::kDeleteProcessing: {
        std::vector<Sent> sent;
        sent.push_back(exchange(r, role, get(api("/resumes/list"), {{"include_master", "true"}}),
                                Op::kListResumes));
        const Json entries = sent.back().at("/data");
        for (const Json& entry : entries.is_array() ? entries : Json::array()) {
          if (entry.value("processing_status", "") != "processing") continue;
          Resolved target = r;
          target.resume_id = entry.value("resume_id", "");
          sent.push_back(exchange(target, role, del(api("/resumes/" + target.resume_id))));
        }
        return sent;
      }
    }
    return {};
  }

  // Without the store hook the ids that 200s returned are looked up through the
  // API once the sequence is over (only a 404 counts as gone), as the runner does.
  void check_ids_through_api(const Sequence& sequence, const std::string* wanted) {
    if (ids_.empty()) return;
    const auto exists = [this](IdTracker::Kind kind, const std::string& id) {
      try {
        const ApiResponse response = target_.send(kind == IdTracker::Kind::kResume
                                                      ? get(api("/resumes"), {{"resume_id", id}})
                                                      : get(api("/jobs/" + id)));
        return response.status != 404;
      } catch (const std::exception&) {
        return true;  // no answer proves nothing
      }
    };
    for (const std::string& violation : ids_.violations(exists)) {
      FuzzFinding finding{"section 3",
                          "every id a 200 response returned exists or was deleted later", violation,
                          static_cast<int>(sequence.steps.size()) - 1};
      if (wanted == nullptr || finding.key() == *wanted) {
        result_.finding = std::move(finding);
        return;
      }
    }
  }

  void append_invariants(const StepObservation& observation, std::vector<FuzzFinding>& findings) {
    if (!observation.after) return;
    // A compensation that the store refused (a faulted delete_resume) may leave
    // what it was undoing behind: no implementation can do better. A write that
    // "matched nothing" fakes a concurrent delete of a record that still exists:
    // the record it leaves behind (e.g. still "processing") is the fault's.
    bool delete_faulted = false;
    bool match_nothing = false;
    for (const FiredFault& fault : observation.fired) {
      if (fault.component == "store" && fault.operation == "delete_resume" && fault.outcome()) {
        delete_faulted = true;
      }
      if (fault.action == "match_nothing") match_nothing = true;
    }
    const std::vector<std::string> now = store_invariant_violations(*observation.after);
    const std::string digest = tables_digest(*observation.after);
    for (const std::string& violation : now) {
      if (std::find(invariants_before_.begin(), invariants_before_.end(), violation) !=
          invariants_before_.end()) {
        continue;
      }
      if (delete_faulted) continue;
      if (match_nothing && violation.rfind("no resume left in processing", 0) == 0) continue;
      findings.push_back(FuzzFinding{"section 3", violation.substr(0, violation.find(':')),
                                     violation + "\ntables: " + digest, observation.index});
    }
    invariants_before_ = now;
    for (const std::string& violation : ids_.violations(*observation.after)) {
      if (!reported_ids_.insert(violation).second) continue;
      findings.push_back(FuzzFinding{"section 3",
                                     "every id a 200 response returned exists or was deleted later",
                                     violation + "\ntables: " + digest, observation.index});
    }
  }

  Target& target_;
  const RunnerOptions& options_;
  SequenceState state_;
  SequenceResult result_;
  IdTracker ids_;
  std::mutex counts_mutex_;
  Json rules_ = Json::array();
  bool concurrent_installed_ = false;
  std::size_t journal_seen_ = 0;
  std::optional<Json> tables_;
  std::vector<std::string> invariants_before_;
  std::set<std::string> reported_ids_;
};

}  // namespace

Capabilities capabilities_of(Target& target) {
  Capabilities c;
  const auto has = [&](Hook hook) {
    const HookStatus status = target.hook(hook);
    return status.available || status.by_traffic;
  };
  c.llm = has(Hook::kLlm);
  c.store = has(Hook::kStore);
  c.store_gate = has(Hook::kStoreGate);
  c.fixture_db = has(Hook::kFixtureDb);
  return c;
}

SequenceRunner::SequenceRunner(Target& target, RunnerOptions options)
    : target_(target), options_(options) {}

SequenceResult SequenceRunner::run(const Sequence& sequence, const std::string* wanted) {
  Execution execution(target_, options_);
  return execution.run(sequence, wanted);
}

}  // namespace rm::harness::fuzz
