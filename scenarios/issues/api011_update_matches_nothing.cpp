// API-011: the resume is deleted while a request that will update it is in
// flight (an upload's parse, a cover letter / outreach generation, a PATCH). The
// request is held at a gate, the resume deleted, the gate opened: the client must
// get 404 (or 409) saying the resume no longer exists, never a success, and the
// record must not come back.
#include <functional>
#include <string>

#include "harness/flows.hpp"
#include "harness/requests.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// After the gate opened: the held request failed as the contract says and the
// deleted record stays deleted.
void check_gone(ScenarioContext& ctx, const Step& held, const std::string& resume_id) {
  ctx.check.must(held.status == 404 || held.status == 409,
                 "the held request answers 404 or 409, not a success", held.evidence());
  ctx.check.must(subject::says_resume_gone(held.detail()),
                 "the detail says the resume no longer exists", held.evidence());
  const Step read = get_resume(ctx, resume_id);
  ctx.check.must(read.status == 404, "the deleted resume is not re-created (GET answers 404)",
                 read.evidence());
  const auto entries = list_entries(ctx);
  ctx.check.must(!list_entry(entries, resume_id), "the deleted resume is not listed",
                 read.evidence());
}

// Holds `request` at `gate` (installed by `rules`), deletes `resume_id` (found by
// `find_id` once the request is held, when empty), releases, checks.
void delete_while_held(ScenarioContext& ctx, const std::string& rules, const std::string& gate,
                       std::function<Step()> request, std::string resume_id = {}) {
  if (!install(ctx, plan(ctx, rules))) return;
  Step held;
  {
    Background background(ctx, {gate});
    background.start([&held, request] { held = request(); });
    if (!await_arrivals(ctx, gate, 1)) return;
    if (resume_id.empty()) {
      // The upload's record exists while its parse is held.
      const auto entries = list_entries(ctx);
      std::string listed;
      for (const Json& entry : entries) listed += entry.dump() + "\n";
      if (!ctx.check.must(entries.size() == 1,
                          "while its parse is held the uploaded resume is listed", listed)) {
        return;
      }
      resume_id = entries.front().value("resume_id", "");
      const std::string status = entries.front().value("processing_status", "");
      ctx.check.should(status == "processing" || status == "pending",
                       "while its parse is held the resume is processing or pending", listed);
    }
    const Step deleted = delete_resume(ctx, resume_id);
    if (!require_ok(ctx, deleted, "deleting the resume while the request is held")) return;
    background.finish();
  }
  ctx.target.clear_plan();
  check_gone(ctx, held, resume_id);
}

void upload_parse(ScenarioContext& ctx) {
  if (!delete_all_resumes(ctx)) return;
  delete_while_held(
      ctx, R"({"rules": [{"component": "llm", "operation": "parse_resume", "action": "gate",
          "gate": "upload-parse", "times": 1, "comment": "hold the upload's parse"}]})",
      "upload-parse", [&ctx] { return upload_resume(ctx); });
}

void generation(ScenarioContext& ctx, bool cover_letter) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const auto tailored = setup_tailored(ctx, *resume_id, *job_id);
  if (!tailored) return;
  const std::string operation = cover_letter ? "cover_letter" : "outreach";
  const std::string gate = cover_letter ? "cover-letter-call" : "outreach-call";
  const std::string rules = R"({"rules": [{"component": "llm", "operation": ")" + operation +
                            R"(", "action": "gate", "gate": ")" + gate +
                            R"(", "times": 1, "comment": "hold the generation"}]})";
  const std::string id = *tailored;
  delete_while_held(
      ctx, rules, gate,
      [&ctx, id, cover_letter] {
        return cover_letter ? generate_cover_letter(ctx, id) : generate_outreach(ctx, id);
      },
      id);
}

void patch(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto original = setup_get_resume(ctx, *resume_id);
  if (!original) return;
  Json edited = (*original)["processed_resume"];
  edited["summary"] = "Edited while someone else deleted the resume.";
  const std::string id = *resume_id;
  delete_while_held(
      ctx, R"({"rules": [{"component": "store", "operation": "update_resume", "action": "gate",
          "gate": "patch-write", "times": 1, "comment": "hold the PATCH before its write"}]})",
      "patch-write", [&ctx, id, edited] { return patch_resume(ctx, id, edited); }, id);
}

// The contract says "a PATCH": the cover-letter and outreach-message PATCHes
// write the resume too, and each has its own "matched nothing" path.
void patch_message(ScenarioContext& ctx, const std::string& field) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const std::string id = *resume_id;
  const std::string path = "/resumes/" + id + "/" + field;
  delete_while_held(
      ctx, R"({"rules": [{"component": "store", "operation": "update_resume", "action": "gate",
          "gate": "message-write", "times": 1, "comment": "hold the PATCH before its write"}]})",
      "message-write",
      [&ctx, path] {
        return send(ctx, patch_json(api(path), {{"content", "Dear team, ..."}}));
      },
      id);
}

RM_SCENARIO({
    .issue = "API-011",
    .name = "patch_cover_letter_deleted_before_write",
    .description = "PATCH /resumes/{id}/cover-letter held before its store write, the resume "
                   "deleted: 404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kStoreGate},
    .run = [](ScenarioContext& ctx) { patch_message(ctx, "cover-letter"); },
});

RM_SCENARIO({
    .issue = "API-011",
    .name = "patch_outreach_deleted_before_write",
    .description = "PATCH /resumes/{id}/outreach-message held before its store write, the "
                   "resume deleted: 404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kStoreGate},
    .run = [](ScenarioContext& ctx) { patch_message(ctx, "outreach-message"); },
});

RM_SCENARIO({
    .issue = "API-011",
    .name = "upload_deleted_during_parse",
    .description = "the upload's parse is held (llm gate), the new resume deleted, the gate "
                   "opened: 404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kLlm},
    .run = upload_parse,
});

RM_SCENARIO({
    .issue = "API-011",
    .name = "cover_letter_deleted_during_generation",
    .description = "generate-cover-letter held at the llm call, the tailored resume deleted: "
                   "404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kLlm},
    .run = [](ScenarioContext& ctx) { generation(ctx, /*cover_letter=*/true); },
});

RM_SCENARIO({
    .issue = "API-011",
    .name = "outreach_deleted_during_generation",
    .description = "generate-outreach held at the llm call, the tailored resume deleted: "
                   "404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kLlm},
    .run = [](ScenarioContext& ctx) { generation(ctx, /*cover_letter=*/false); },
});

RM_SCENARIO({
    .issue = "API-011",
    .name = "patch_deleted_before_write",
    .description = "a PATCH held before its store write (store gate on update_resume), the "
                   "resume deleted: 404/409 saying it no longer exists; not re-created",
    .needs = {Hook::kStoreGate},
    .run = patch,
});

}  // namespace
}  // namespace rm::harness
