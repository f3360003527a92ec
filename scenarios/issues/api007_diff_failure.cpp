// API-007: when the changes cannot be calculated (no structured original, or the
// calculation throws), diff_summary and detailed_changes are null AND a warning
// says the changes could not be calculated, with the reason
// (original_data_missing / calculation_error).
#include <cctype>
#include <string>
#include <string_view>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// Whether `text` holds the reason code `code` (e.g. "original_data_missing") in
// any spelling: case, and `_` / `-` / space between its words, are free.
bool names_code(std::string_view text, std::string_view code) {
  const auto fold = [](std::string_view s) {
    std::string out;
    for (const char c : s) {
      out += (c == '_' || c == '-')
                 ? ' '
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  };
  return fold(text).find(fold(code)) != std::string::npos;
}

// `gives_reason`: the contract's reason code in any spelling, or an unambiguous
// statement of that reason (harness/subject_matchers.hpp). The contract names the
// reason by its code, so the code itself MUST be there as well: prose alone
// ("the original is missing") or the other cause's code does not tell a client
// which of the two reasons it is.
void check_diff_reported(ScenarioContext& ctx, const Step& step,
                         bool (*gives_reason)(std::string_view), const std::string& reason_name) {
  ctx.check.must(step.ok(), "the request still answers 200", step.evidence());
  ctx.check.must(
      step.at("/data/diff_summary").is_null() && step.at("/data/detailed_changes").is_null(),
      "diff_summary and detailed_changes are null", step.evidence());
  const auto warnings = warnings_of(step.body);
  ctx.check.must(subject::any_says(warnings, subject::says_changes_not_calculated),
                 "a warning says the changes could not be calculated", warnings_text(step.body));
  ctx.check.must(subject::any_says(warnings,
                                   [&](std::string_view warning) {
                                     return subject::says_changes_not_calculated(warning) &&
                                            gives_reason(warning);
                                   }),
                 "the warning gives the reason (" + reason_name + ")", warnings_text(step.body));
  const std::string other =
      reason_name == "original_data_missing" ? "calculation_error" : "original_data_missing";
  ctx.check.must(subject::any_says(warnings,
                                   [&](std::string_view warning) {
                                     return subject::says_changes_not_calculated(warning) &&
                                            names_code(warning, reason_name) &&
                                            !names_code(warning, other);
                                   }),
                 "the warning names the reason code " + reason_name + " (and not " + other + ")",
                 warnings_text(step.body));
}

// A resume whose upload stored no structured data (the parse call throws).
std::optional<std::string> unparsed_resume(ScenarioContext& ctx) {
  if (!install(ctx, plan(ctx, R"({"rules": [{"component": "llm", "operation": "parse_resume",
      "action": "throw", "comment": "the upload stores no structured data"}]})"))) {
    return std::nullopt;
  }
  const Step upload = upload_resume(ctx);
  if (!require_ok(ctx, upload, "uploading a resume whose parse fails")) return std::nullopt;
  if (!require_fired(ctx, "llm", "parse_resume")) return std::nullopt;
  ctx.target.clear_plan();
  const std::string id = upload.string_at("/resume_id");
  if (!ctx.check.must(!id.empty(), "precondition: the upload names its resume_id",
                      upload.evidence())) {
    return std::nullopt;
  }
  return id;
}

void original_missing(ScenarioContext& ctx, bool persisted) {
  const auto resume_id = unparsed_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const Step step =
      persisted ? improve(ctx, *resume_id, *job_id) : preview(ctx, *resume_id, *job_id);
  check_diff_reported(ctx, step, subject::gives_reason_original_data_missing,
                      "original_data_missing");
  if (!persisted || !step.ok()) return;
  // POST /improve stores what it answered: the tailored resume exists.
  const std::string tailored = step.string_at("/data/resume_id");
  const Step stored = get_resume(ctx, tailored);
  ctx.check.must(!tailored.empty() && stored.ok(), "the tailored resume it names is stored",
                 stored.evidence());
}

void calculation_error(ScenarioContext& ctx) {
  const std::string resume_id = "7a000000-0000-4000-8000-000000000001";
  const std::string job_id = "7a000000-0000-4000-8000-0000000000b1";
  // Structured, but not ResumeData-shaped (a summary stored as a list): a diff
  // against it cannot be calculated, while the tailored result, whose summary the
  // model rewrites, is a valid resume.
  Json data = sample_resume_data("Malformed Record");
  data["summary"] = Json::array({"Systems engineer", "Compilers and Python tooling"});
  const Json tables =
      fixture_tables({fixture_resume(resume_id, data, true)}, {fixture_job(job_id)});
  if (!reset_with_fixture(ctx, tables)) return;
  const Step step = preview(ctx, resume_id, job_id);
  check_diff_reported(ctx, step, subject::gives_reason_calculation_error, "calculation_error");
}

RM_SCENARIO({
    .issue = "API-007",
    .name = "original_missing_preview_warns",
    .description = "no structured original (parse failed at upload): the preview's diff is null "
                   "and a warning says why (original_data_missing)",
    .needs = {Hook::kLlm},
    .run = [](ScenarioContext& ctx) { original_missing(ctx, /*persisted=*/false); },
});

RM_SCENARIO({
    .issue = "API-007",
    .name = "original_missing_improve_warns",
    .description = "no structured original: POST /improve's diff is null, a warning says why, "
                   "and the tailored resume it names is stored",
    .needs = {Hook::kLlm},
    .run = [](ScenarioContext& ctx) { original_missing(ctx, /*persisted=*/true); },
});

RM_SCENARIO({
    .issue = "API-007",
    .name = "calculation_error_warns",
    .description = "an original that is not ResumeData-shaped (fixture): the diff calculation "
                   "fails, the diff is null and a warning says why (calculation_error)",
    .needs = {Hook::kFixtureDb},
    .run = calculation_error,
});

}  // namespace
}  // namespace rm::harness
