// API-001: an upload whose LLM parse fails must say so (processing_status
// "failed", a message that does not claim success) and store "failed"; a parse
// that works says and stores "ready".
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// The stored record: GET /resumes and the list both show `expected`.
void check_stored_status(ScenarioContext& ctx, const std::string& resume_id,
                         const std::string& expected) {
  const Step read = get_resume(ctx, resume_id);
  ctx.check.must(read.ok(), "the uploaded resume is stored (GET /resumes answers 200)",
                 read.evidence());
  ctx.check.must(read.at("/data/raw_resume/processing_status") == expected,
                 "GET /resumes shows processing_status \"" + expected + "\"", read.evidence());
  const auto entry = list_entry(list_entries(ctx), resume_id);
  ctx.check.must(entry && (*entry)["processing_status"] == expected,
                 "GET /resumes/list shows processing_status \"" + expected + "\"",
                 entry ? entry->dump() : "resume " + resume_id + " is not listed");
}

void parse_failure(ScenarioContext& ctx, const std::string& action) {
  const std::string rules = R"({"rules": [{"component": "llm", "operation": "parse_resume",
      "action": ")" + action +
                            R"(", "comment": "the upload's parse call"}]})";
  if (!install(ctx, plan(ctx, rules))) return;
  const Step upload = upload_resume(ctx);
  ctx.check.must(upload.status == 200, "the upload still answers 200 (the file is stored)",
                 upload.evidence());
  ctx.check.must(upload.at("/processing_status") == "failed",
                 "the response says processing_status \"failed\"", upload.evidence());
  const std::string message = upload.string_at("/message");
  ctx.check.must(!message.empty() && !subject::claims_success(message),
                 "the message does not claim success", upload.evidence());
  if (!require_fired(ctx, "llm", "parse_resume")) return;
  const std::string resume_id = upload.string_at("/resume_id");
  if (!ctx.check.must(!resume_id.empty(), "the response names the stored resume_id",
                      upload.evidence())) {
    return;
  }
  ctx.target.clear_plan();
  check_stored_status(ctx, resume_id, "failed");
  const Step read = get_resume(ctx, resume_id);
  ctx.check.must(read.at("/data/processed_resume").is_null(),
                 "no structured data is stored for a failed parse", read.evidence());
}

void parse_success(ScenarioContext& ctx) {
  const Step upload = upload_resume(ctx);
  if (!require_ok(ctx, upload, "uploading a resume")) return;
  ctx.check.must(upload.at("/processing_status") == "ready",
                 "the response says processing_status \"ready\"", upload.evidence());
  ctx.check.must(upload.at("/is_master").is_boolean(), "the response says is_master (a boolean)",
                 upload.evidence());
  const std::string resume_id = upload.string_at("/resume_id");
  if (!ctx.check.must(!resume_id.empty(), "the response names the stored resume_id",
                      upload.evidence())) {
    return;
  }
  check_stored_status(ctx, resume_id, "ready");
  const Step read = get_resume(ctx, resume_id);
  ctx.check.must(read.at("/data/processed_resume").is_object(),
                 "the parsed resume is stored (processed_resume is an object)", read.evidence());
}

// The parse worked but recording its result fails (store update_resume fails).
// The contract leaves the answer open (an error, or 200 saying "failed"), but
// whatever the client is told must be what is stored, and no record may be left
// "processing" once the request has answered (section 3). A second upload then
// works and says "ready" (the failed write left nothing behind that blocks it).
void result_write_fails(ScenarioContext& ctx) {
  if (!delete_all_resumes(ctx)) return;
  if (!install(ctx, plan(ctx, R"({"rules": [{"component": "store", "operation": "update_resume",
      "action": "fail", "times": 1, "comment": "recording the parse result fails"}]})"))) {
    return;
  }
  const Step upload = upload_resume(ctx);
  if (!require_fired(ctx, "store", "update_resume")) return;
  ctx.target.clear_plan();
  const auto entries = list_entries(ctx);
  std::string listed;
  bool processing = false;
  for (const Json& entry : entries) {
    listed += entry.dump() + "\n";
    processing = processing || entry.value("processing_status", "") == "processing";
  }
  ctx.check.must(!processing, "no resume is left \"processing\" after the upload answered",
                 upload.evidence() + "\n" + listed);
  if (upload.ok()) {
    ctx.check.must(upload.at("/processing_status") != "ready",
                   "a 200 does not say \"ready\" for a result that was not stored",
                   upload.evidence());
    const std::string resume_id = upload.string_at("/resume_id");
    const auto entry = list_entry(entries, resume_id);
    ctx.check.must(entry && (*entry)["processing_status"] == upload.at("/processing_status"),
                   "the stored status is the one the response gave", listed);
  }
  const Step again = upload_resume(ctx);
  if (!require_ok(ctx, again, "uploading again once the store works")) return;
  ctx.check.must(again.at("/processing_status") == "ready",
                 "the next upload says processing_status \"ready\"", again.evidence());
}

[[maybe_unused]] const bool registered = [] {
  auto& registry = ScenarioRegistry::instance();
  struct Variant {
    const char* action;
    const char* what;
  };
  for (const Variant variant :
       {Variant{"throw", "throws"}, Variant{"timeout", "times out"},
        Variant{"non_json", "answers prose, not JSON"},
        Variant{"truncated_json", "answers truncated JSON"},
        Variant{"schema_invalid", "answers JSON that is not a ResumeData"}}) {
    const std::string action = variant.action;
    registry.add({
        .issue = "API-001",
        .name = "parse_" + action + "_reports_failed",
        .description = std::string("the upload's parse call ") + variant.what +
                       ": 200 with processing_status failed, no success claimed, stored failed",
        .needs = {Hook::kLlm},
        .run = [action](ScenarioContext& ctx) { parse_failure(ctx, action); },
    });
  }
  registry.add({
      .issue = "API-001",
      .name = "parse_success_reports_ready",
      .description = "a parse that works: 200 with processing_status ready, stored ready",
      .needs = {},
      .run = parse_success,
  });
  registry.add({
      .issue = "API-001",
      .name = "parse_result_write_fails_nothing_processing",
      .description = "the parse works but storing its result fails: what the client is told is "
                     "what is stored, no record left processing; the next upload says ready",
      .needs = {Hook::kStore},
      .run = result_write_fails,
  });
  return true;
}();

}  // namespace
}  // namespace rm::harness
