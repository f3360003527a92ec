// API-013: a confirm's improved_data with fields of the wrong type or an invalid
// sectionType gets 422 with a detail naming the field, and nothing is stored. A
// store failure between writing the tailored resume and its improvement record
// leaves both or neither (no orphan) and the client gets an error.
#include <functional>
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

// Nothing new is stored: the counts are as before and no tailored resume of
// `resume_id` is listed.
void check_nothing_stored(ScenarioContext& ctx, const Json& before, const std::string& resume_id,
                          const std::string& what) {
  const Json after = database_stats(ctx);
  ctx.check.must(
      after.value("total_resumes", -1) == before.value("total_resumes", -2) &&
          after.value("total_improvements", -1) == before.value("total_improvements", -2),
      what + ": nothing is stored",
      "before: " + stats_text(before) + "; after: " + stats_text(after));
  std::string listed;
  bool orphan = false;
  for (const Json& entry : list_entries(ctx)) {
    listed += entry.dump() + "\n";
    if (entry.value("parent_id", Json()) == resume_id) orphan = true;
  }
  ctx.check.must(!orphan, what + ": no tailored resume of " + resume_id + " is left behind",
                 listed);
}

struct Prepared {
  std::string resume_id;
  std::string job_id;
  Json preview;
};

std::optional<Prepared> prepare(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return std::nullopt;
  const auto job_id = setup_job(ctx);
  if (!job_id) return std::nullopt;
  const auto previewed = setup_preview(ctx, *resume_id, *job_id);
  if (!previewed) return std::nullopt;
  return Prepared{*resume_id, *job_id, *previewed};
}

void invalid_data(ScenarioContext& ctx, const std::string& field,
                  const std::function<void(Json&)>& spoil) {
  const auto prepared = prepare(ctx);
  if (!prepared) return;
  Json body = confirm_body(prepared->preview, prepared->resume_id, prepared->job_id);
  spoil(body["improved_data"]);
  const Json before = database_stats(ctx);
  const Step step = confirm(ctx, body);
  ctx.check.must(step.status == 422, "invalid improved_data (" + field + "): answers 422",
                 step.evidence());
  ctx.check.must(subject::names_field(step.detail(), field), "the detail names the field " + field,
                 step.evidence());
  check_nothing_stored(ctx, before, prepared->resume_id, "a confirm with invalid data");
}

// The improvement record's write fails after the tailored resume was written.
void improvement_write_fails(ScenarioContext& ctx, bool via_confirm) {
  const std::string operation = "create_improvement";
  const auto prepared = prepare(ctx);
  if (!prepared) return;
  const std::string rules = R"({"rules": [{"component": "store",
      "operation": "create_improvement", "action": "fail",
      "comment": "the write after the tailored resume"}]})";
  const Json before = database_stats(ctx);
  if (!install(ctx, plan(ctx, rules))) return;
  const Step step =
      via_confirm
          ? confirm(ctx, confirm_body(prepared->preview, prepared->resume_id, prepared->job_id))
          : improve(ctx, prepared->resume_id, prepared->job_id);
  if (!require_fired(ctx, "store", operation)) return;
  ctx.target.clear_plan();
  ctx.check.must(step.status >= 400, "the client gets an error, not a success", step.evidence());
  check_nothing_stored(ctx, before, prepared->resume_id,
                       "after the failed " + operation + " write");
}

RM_SCENARIO({
    .issue = "API-013",
    .name = "wrong_type_work_experience_422",
    .description = "confirm with improved_data.workExperience a number: 422 naming "
                   "workExperience, nothing stored",
    .needs = {},
    .run =
        [](ScenarioContext& ctx) {
          invalid_data(ctx, "workExperience", [](Json& data) { data["workExperience"] = 7; });
        },
});

RM_SCENARIO({
    .issue = "API-013",
    .name = "wrong_type_summary_422",
    .description = "confirm with improved_data.summary an object: 422 naming summary, nothing "
                   "stored",
    .needs = {},
    .run =
        [](ScenarioContext& ctx) {
          invalid_data(ctx, "summary", [](Json& data) { data["summary"] = {{"text", "x"}}; });
        },
});

RM_SCENARIO({
    .issue = "API-013",
    .name = "invalid_section_type_422",
    .description = "confirm with a sectionMeta entry of sectionType \"carousel\": 422 naming "
                   "sectionType, nothing stored",
    .needs = {},
    .run =
        [](ScenarioContext& ctx) {
          invalid_data(ctx, "sectionType", [](Json& data) {
            data["sectionMeta"] = Json::array({{{"id", "extra"},
                                                {"key", "extra"},
                                                {"displayName", "Extra"},
                                                {"sectionType", "carousel"},
                                                {"isDefault", false},
                                                {"isVisible", true},
                                                {"order", 9}}});
          });
        },
});

RM_SCENARIO({
    .issue = "API-013",
    .name = "improvement_write_fails_confirm_no_orphan",
    .description = "the improvement record write fails during confirm: an error, and no "
                   "tailored resume is left without its record",
    .needs = {Hook::kStore},
    .run = [](ScenarioContext& ctx) { improvement_write_fails(ctx, /*via_confirm=*/true); },
});

RM_SCENARIO({
    .issue = "API-013",
    .name = "improvement_write_fails_improve_no_orphan",
    .description = "the improvement record write fails during POST /improve: an error, and no "
                   "tailored resume is left without its record",
    .needs = {Hook::kStore},
    .run = [](ScenarioContext& ctx) { improvement_write_fails(ctx, /*via_confirm=*/false); },
});

}  // namespace
}  // namespace rm::harness
