// API-006: the LLM invents contact details; the result's personalInfo must equal
// the original's exactly. When the original has no structured data or no
// personalInfo, data.warnings must say the personal info may be AI-generated.
// The original stored record is never modified.
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// GET /resumes data of `resume_id` now equals `before` (the original is untouched).
void check_unchanged(ScenarioContext& ctx, const std::string& resume_id, const Json& before) {
  const Step after = get_resume(ctx, resume_id);
  Json now = after.at("/data");
  ctx.check.must(now.is_object() && now["processed_resume"] == before["processed_resume"] &&
                     now["raw_resume"] == before["raw_resume"],
                 "the original stored resume is not modified",
                 "before: " + before.dump() + "\nafter: " + after.evidence());
}

// A resume whose upload stored no structured data (the parse call throws).
std::optional<std::string> unparsed_resume(ScenarioContext& ctx) {
  if (!install(ctx, plan(ctx, R"({"rules": [{"component": "llm", "operation": "parse_resume",
      "action": "throw", "comment": "the upload stores no structured data"}]})"))) {
    return std::nullopt;
  }
  const Step upload = upload_resume(ctx, sample_resume_text("Unparsed Applicant"), "raw.pdf");
  if (!require_ok(ctx, upload, "uploading a resume whose parse fails")) return std::nullopt;
  if (!require_fired(ctx, "llm", "parse_resume")) return std::nullopt;
  ctx.target.clear_plan();
  const std::string resume_id = upload.string_at("/resume_id");
  const auto read = setup_get_resume(ctx, resume_id);
  if (!read) return std::nullopt;
  if (!ctx.check.must(read->value("processed_resume", Json()).is_null(),
                      "precondition: the resume has no structured data", read->dump())) {
    return std::nullopt;
  }
  return resume_id;
}

// The preview of a resume with nothing to preserve must warn; the record stays as it was.
void check_warns(ScenarioContext& ctx, const std::string& resume_id, const std::string& job_id) {
  const auto before = setup_get_resume(ctx, resume_id);
  if (!before) return;
  const Step previewed = preview(ctx, resume_id, job_id);
  ctx.check.must(previewed.ok(), "the preview answers 200", previewed.evidence());
  ctx.check.must(subject::any_says(warnings_of(previewed.body),
                                   subject::says_personal_info_missing_or_ai_generated),
                 "data.warnings says the personal info may be AI-generated",
                 warnings_text(previewed.body));
  check_unchanged(ctx, resume_id, *before);
}

// The model invents contact details for every tailoring. A resume with
// personalInfo keeps exactly its own; one without structured data cannot, and
// the preview must say its personal info may be AI-generated.
void invented_contact(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto unparsed_id = unparsed_resume(ctx);
  if (!unparsed_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const auto original = setup_get_resume(ctx, *resume_id);
  if (!original) return;
  const Json info = personal_info_of(*original);
  if (!ctx.check.must(info.is_object(), "precondition: the uploaded resume has personalInfo",
                      original->dump())) {
    return;
  }
  if (!install(ctx, plan(ctx, R"({"rules": [
      {"component": "llm", "operation": ["improve", "refine"], "action": "wrong_but_valid",
       "comment": "the model invents a name, email and phone"}]})"))) {
    return;
  }
  const Step previewed = preview(ctx, *resume_id, *job_id, "full");
  if (!require_ok(ctx, previewed, "the preview")) return;
  if (!require_fired(ctx, "llm", "improve")) return;
  const Json result_info = previewed.at("/data/resume_preview/personalInfo");
  ctx.check.must(same_personal_info(result_info, info),
                 "the preview's personalInfo equals the original's exactly",
                 "original: " + info.dump() + "\npreview: " + result_info.dump());
  ctx.check.must(!mentions(result_info.dump(), {"Fabricated", "invented.example", "555-0199",
                                                "portfolio.example.invalid"}),
                 "none of the invented contact details reach the result", result_info.dump());
  check_unchanged(ctx, *resume_id, *original);
  check_warns(ctx, *unparsed_id, *job_id);
  ctx.target.clear_plan();

  // What is stored from it keeps the original's contact details too.
  const Step confirmed = confirm(ctx, confirm_body(previewed.body, *resume_id, *job_id, "full"));
  ctx.check.must(confirmed.ok(), "the preview with the original's personalInfo confirms",
                 confirmed.evidence());
  const std::string tailored = confirmed.string_at("/data/resume_id");
  if (tailored.empty()) return;
  const Step stored = get_resume(ctx, tailored);
  ctx.check.must(same_personal_info(personal_info_of(stored.at("/data")), info),
                 "the stored tailored resume has the original's personalInfo", stored.evidence());
}

void no_personal_info(ScenarioContext& ctx) {
  const std::string resume_id = "6a000000-0000-4000-8000-000000000001";
  const std::string job_id = "6a000000-0000-4000-8000-0000000000b1";
  Json data = sample_resume_data("Nobody Inparticular");
  data.erase("personalInfo");
  const Json tables =
      fixture_tables({fixture_resume(resume_id, data, true)}, {fixture_job(job_id)});
  if (!reset_with_fixture(ctx, tables)) return;
  check_warns(ctx, resume_id, job_id);
}

RM_SCENARIO({
    .issue = "API-006",
    .name = "invented_contact_kept_or_warned",
    .description = "the model invents contact details: a resume with personalInfo keeps exactly "
                   "its own (preview and stored result); one without processed_data gets the "
                   "AI-generated warning; originals unchanged",
    .needs = {Hook::kLlm},
    .run = invented_contact,
});

RM_SCENARIO({
    .issue = "API-006",
    .name = "no_personal_info_warns_ai_generated",
    .description = "the original's processed_data has no personalInfo (fixture): the preview "
                   "warns that personal info may be AI-generated; the original is unchanged",
    .needs = {Hook::kFixtureDb},
    .run = no_personal_info,
});

}  // namespace
}  // namespace rm::harness
