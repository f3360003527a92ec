// Raw LLM answers for each operation, through the service on the embedded
// reference: the Llm port is an implementation that returns the fuzzer's bytes
// for one operation (the others answer as BuiltinLlm does). Oracles:
//   - parse_resume: the upload is 200 with processing_status "ready" or "failed",
//     and the stored resume says the same (API-001);
//   - extract_keywords / improve: the preview is 200, or a 5xx whose detail is
//     the service's stage-specific one (contract section 1: "500 with
//     stage-specific detail when the LLM fails"), never the catch-all;
//   - refine / cover_letter / outreach: the preview is 200 and a failed step is
//     surfaced as a warning (API-008, API-009); never 5xx;
//   - a 200 preview confirms (its own data is accepted);
//   - the contract's section 3 invariants hold afterwards.
// Input: byte 0 = operation, the rest = the model's raw answer.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "fuzz/support/embedded_session.hpp"
#include "fuzz/support/oracle.hpp"
#include "harness/check.hpp"
#include "harness/flows.hpp"
#include "harness/scenario.hpp"
#include "mocks/fault/llm_wrapper.hpp"
#include "mocks/llm/builtin_llm.hpp"

namespace {

constexpr const char* kTarget = "llm_answers";

enum Operation { kParse, kKeywords, kImprove, kRefine, kCoverLetter, kOutreach, kOperationCount };
constexpr std::array<const char*, kOperationCount> kNames = {
    "parse_resume", "extract_keywords", "improve", "refine", "cover_letter", "outreach"};

// BuiltinLlm, except that the armed operation answers with the scripted text.
class ScriptedLlm : public rm::LlmWrapper {
 public:
  ScriptedLlm() : rm::LlmWrapper(std::make_shared<rm::BuiltinLlm>()) {}

  void arm(int operation, std::string answer) {
    std::lock_guard lock(mutex_);
    armed_ = operation;
    answer_ = std::move(answer);
  }
  void disarm() {
    std::lock_guard lock(mutex_);
    armed_.reset();
  }

  std::string parse_resume(const std::string& markdown) override {
    return scripted(kParse).value_or_call([&] { return LlmWrapper::parse_resume(markdown); });
  }
  std::string extract_keywords(const std::string& job) override {
    return scripted(kKeywords).value_or_call([&] { return LlmWrapper::extract_keywords(job); });
  }
  std::string improve(const rm::ImproveInput& input) override {
    return scripted(kImprove).value_or_call([&] { return LlmWrapper::improve(input); });
  }
  std::string refine(const rm::RefineInput& input) override {
    return scripted(kRefine).value_or_call([&] { return LlmWrapper::refine(input); });
  }
  std::string cover_letter(const rm::MessageInput& input) override {
    return scripted(kCoverLetter).value_or_call([&] { return LlmWrapper::cover_letter(input); });
  }
  std::string outreach(const rm::MessageInput& input) override {
    return scripted(kOutreach).value_or_call([&] { return LlmWrapper::outreach(input); });
  }

 private:
  struct Answer {
    std::optional<std::string> text;
    template <class F>
    std::string value_or_call(F call) const {
      return text ? *text : call();
    }
  };
  Answer scripted(int operation) {
    std::lock_guard lock(mutex_);
    if (armed_ == operation) return Answer{answer_};
    return Answer{};
  }

  std::mutex mutex_;
  std::optional<int> armed_;
  std::string answer_;
};

struct State {
  std::shared_ptr<ScriptedLlm> llm = std::make_shared<ScriptedLlm>();
  rm::fuzz::EmbeddedSession session{llm};
};

State& state() {
  static State* instance = new State;  // lives for the process
  return *instance;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool some_warning_mentions(const rm::Json& preview_body, const std::string& what) {
  for (const std::string& warning : rm::harness::flows::warnings_of(preview_body)) {
    if (lower(warning).find(what) != std::string::npos) return true;
  }
  return false;
}

void check_answer(const rm::harness::flows::Step& step, bool allow_5xx, const char* what) {
  const std::string problem = rm::fuzz::response_problem(step.response, allow_5xx);
  if (!problem.empty()) {
    rm::fuzz::oracle_failed(kTarget, std::string(what) + ": " + problem, step.evidence());
  }
}

void run_parse(State& s, rm::harness::ScenarioContext& context, const std::string& answer) {
  s.llm->arm(kParse, answer);
  const auto upload = rm::harness::flows::upload_resume(context);
  s.llm->disarm();
  check_answer(upload, false, "upload");
  const std::string status = upload.string_at("/processing_status");
  rm::fuzz::require(upload.status == 200 && (status == "ready" || status == "failed"), kTarget,
                    "upload: not 200 with processing_status ready or failed (API-001)",
                    upload.evidence());
  const auto read = rm::harness::flows::get_resume(context, upload.string_at("/resume_id"));
  rm::fuzz::require(
      read.status == 200 && read.string_at("/data/raw_resume/processing_status") == status, kTarget,
      "the stored processing_status differs from the upload's answer", read.evidence());
}

void run_preview(State& s, rm::harness::ScenarioContext& context, int operation,
                 const std::string& answer) {
  const auto ids = s.session.restore_standard_state(kTarget, false);
  if (operation == kCoverLetter || operation == kOutreach) {
    const auto features = rm::harness::flows::set_features(context, true, true);
    rm::fuzz::require(features.ok() && features.at("/enable_cover_letter") == true &&
                          features.at("/enable_outreach_message") == true,
                      kTarget, "the features could not be enabled", features.evidence());
  }
  // Armed for the whole preview + confirm: confirm generates the cover letter
  // and the outreach message (the preview does not).
  s.llm->arm(operation, answer);
  const auto preview = rm::harness::flows::preview(context, ids.master, ids.job);
  const bool stage_may_fail = operation == kKeywords || operation == kImprove;
  check_answer(preview, stage_may_fail, "preview");
  if (preview.status != 200) {
    s.llm->disarm();
    rm::fuzz::require(stage_may_fail, kTarget, "preview: not 200", preview.evidence());
    return;
  }
  const rm::Json data = preview.at("/data");
  if (operation == kRefine && data.value("refinement_successful", true) == false) {
    rm::fuzz::require(some_warning_mentions(preview.body, "refine"), kTarget,
                      "a failed refinement without a warning (API-008)", preview.evidence());
  }
  const auto confirm = rm::harness::flows::confirm(
      context, rm::harness::flows::confirm_body(preview.body, ids.master, ids.job));
  s.llm->disarm();
  check_answer(confirm, false, "confirm of a 200 preview");
  rm::fuzz::require(confirm.status == 200, kTarget, "a 200 preview did not confirm",
                    confirm.evidence());
  const rm::Json confirmed = confirm.at("/data");
  const auto generated = [&](const char* field, const char* what) {
    const std::string status = confirmed.value(field, "");
    rm::fuzz::require(
        status == "success" || (status == "failed" && some_warning_mentions(confirm.body, what)),
        kTarget, std::string(what) + " neither generated nor reported failed (API-009)",
        confirm.evidence());
  };
  if (operation == kCoverLetter) generated("cover_letter_status", "cover letter");
  if (operation == kOutreach) generated("outreach_status", "outreach");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  State& s = state();
  const int operation = data[0] % kOperationCount;
  const std::string answer(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (operation == kParse) s.session.reset();  // a preview restores the standard state
  rm::harness::Check check;
  rm::harness::ScenarioContext context{s.session.target(), check, 1};
  if (operation == kParse) {
    run_parse(s, context, answer);
  } else {
    run_preview(s, context, operation, answer);
  }
  const auto violations = s.session.invariant_violations();
  if (!violations.empty()) {
    rm::fuzz::oracle_failed(kTarget, std::string("after ") + kNames[operation] +
                                         ": contract section 3 invariant: " + violations.front());
  }
  return 0;
}
