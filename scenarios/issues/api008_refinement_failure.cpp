// API-008: a refinement pass fails (its LLM call, or the refiner's own checks on
// what came back). The request answers 200 with the unrefined result,
// refinement_attempted true, refinement_successful false and a warning saying
// refinement failed (SHOULD: refinement_error set). What is stored from it is
// what was returned.
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// "nudge" leaves the job's keywords out of the draft. The keyword-injection pass
// adds the missing ones the master supports, so the master knows job keywords
// that the tailored (second) resume lacks: the pass has work and calls the model.
constexpr const char* kPrompt = "nudge";

std::string master_text() {
  std::string text = sample_resume_text("Master Applicant");
  const std::string skills = "Python, C++, SQL, Docker";
  text.replace(text.find(skills), skills.size(), skills + ", Kubernetes, PostgreSQL");
  return text;
}

void check_reported(ScenarioContext& ctx, const Step& step) {
  ctx.check.must(step.ok(), "the request still answers 200", step.evidence());
  ctx.check.must(step.at("/data/resume_preview").is_object(),
                 "the unrefined result is returned (data.resume_preview)", step.evidence());
  ctx.check.must(step.at("/data/refinement_attempted") == true, "refinement_attempted is true",
                 step.evidence());
  ctx.check.must(step.at("/data/refinement_successful") == false, "refinement_successful is false",
                 step.evidence());
  ctx.check.must(subject::any_says(warnings_of(step.body), subject::says_refinement_failed),
                 "a warning says that refinement failed", warnings_text(step.body));
  const Json error = step.at("/data/refinement_error");
  ctx.check.should(error.is_string() && !error.get<std::string>().empty(),
                   "refinement_error says what failed", step.evidence());
}

// The stored tailored resume holds exactly the returned resume_preview.
void check_stored(ScenarioContext& ctx, const std::string& tailored_id, const Json& returned) {
  const Step stored = get_resume(ctx, tailored_id);
  const Json data = stored.at("/data/processed_resume");
  ctx.check.must(stored.ok() && data.is_object() && data["summary"] == returned["summary"] &&
                     data["additional"] == returned["additional"] &&
                     data["workExperience"] == returned["workExperience"],
                 "the stored tailored resume is the returned (unrefined) result",
                 "returned: " + returned.dump() + "\nstored: " + stored.evidence());
}

void refine_fails(ScenarioContext& ctx, const std::string& action, bool persisted) {
  if (!setup_resume(ctx, master_text(), "master.pdf")) return;
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const std::string rules = R"({"rules": [{"component": "llm", "operation": "refine",
      "action": ")" + action +
                            R"(", "comment": "the keyword-injection pass"}]})";
  if (!install(ctx, plan(ctx, rules))) return;
  const Step step = persisted ? improve(ctx, *resume_id, *job_id, kPrompt)
                              : preview(ctx, *resume_id, *job_id, kPrompt);
  if (!require_fired(ctx, "llm", "refine")) return;
  ctx.target.clear_plan();
  check_reported(ctx, step);
  if (!step.ok()) return;
  const Json returned = step.at("/data/resume_preview");
  if (persisted) {
    check_stored(ctx, step.string_at("/data/resume_id"), returned);
    return;
  }
  // The preview's hash is of what it returned: confirming that data works.
  const Step confirmed = confirm(ctx, confirm_body(step.body, *resume_id, *job_id, kPrompt));
  ctx.check.must(confirmed.ok(), "the returned (unrefined) preview confirms", confirmed.evidence());
  if (confirmed.ok()) check_stored(ctx, confirmed.string_at("/data/resume_id"), returned);
}

[[maybe_unused]] const bool registered = [] {
  auto& registry = ScenarioRegistry::instance();
  struct Variant {
    const char* action;
    const char* what;
  };
  for (const Variant variant :
       {Variant{"throw", "throws"}, Variant{"timeout", "times out"},
        Variant{"non_json", "answers prose (the refiner finds no JSON)"},
        Variant{"schema_invalid", "answers an invalid resume (the refiner's check fails)"}}) {
    const std::string action = variant.action;
    registry.add({
        .issue = "API-008",
        .name = "refine_" + action + "_preview_reports_failure",
        .description = std::string("the refinement call ") + variant.what +
                       ": preview 200 unrefined, attempted true, successful false, a warning; "
                       "the returned preview confirms",
        .needs = {Hook::kLlm},
        .run = [action](ScenarioContext& ctx) { refine_fails(ctx, action, false); },
    });
  }
  registry.add({
      .issue = "API-008",
      .name = "refine_throw_improve_reports_failure",
      .description = "the refinement call throws during POST /improve: 200 unrefined, attempted "
                     "true, successful false, a warning; the stored resume is the returned one",
      .needs = {Hook::kLlm},
      .run = [](ScenarioContext& ctx) { refine_fails(ctx, "throw", true); },
  });
  return true;
}();

}  // namespace
}  // namespace rm::harness
