// API-012: the endpoints that need a tailored resume's job (generate-cover-letter,
// generate-outreach, job-description) tell apart a tailored resume whose
// improvement record is missing ("job context / improvement record not found, may
// have been deleted") from a master resume ("not a tailored resume"); the two
// details differ. Nothing is stored by either.
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

using Call = Step (*)(ScenarioContext&, const std::string&);
struct Endpoint {
  const char* name;
  Call call;
};
const Endpoint kEndpoints[] = {
    {"generate-cover-letter", generate_cover_letter},
    {"generate-outreach", generate_outreach},
    {"job-description", job_description},
};

// The master case on its own: 400 saying it is not a tailored resume.
Step check_master(ScenarioContext& ctx, const Endpoint& endpoint, const std::string& master_id) {
  const Step step = endpoint.call(ctx, master_id);
  const std::string what = std::string(endpoint.name) + " on a master resume";
  ctx.check.must(step.status == 400, what + ": answers 400", step.evidence());
  ctx.check.must(subject::says_not_tailored(step.detail()),
                 what + ": the detail says it is not a tailored resume", step.evidence());
  return step;
}

void master_not_tailored(ScenarioContext& ctx) {
  const auto master_id = setup_resume(ctx);
  if (!master_id) return;
  for (const Endpoint& endpoint : kEndpoints) check_master(ctx, endpoint, *master_id);
  const Step read = get_resume(ctx, *master_id);
  ctx.check.must(
      read.at("/data/cover_letter").is_null() && read.at("/data/outreach_message").is_null(),
      "nothing was stored on the master", read.evidence());
}

void tailored_without_record(ScenarioContext& ctx) {
  const std::string master_id = "12a00000-0000-4000-8000-000000000001";
  const std::string tailored_id = "12a00000-0000-4000-8000-000000000002";
  const std::string job_id = "12a00000-0000-4000-8000-0000000000b1";
  const Json data = sample_resume_data("Record Lost");
  Json tailored = fixture_resume(tailored_id, data, false, master_id);
  const Json tables =
      fixture_tables({fixture_resume(master_id, data, true), tailored}, {fixture_job(job_id)}, {});
  if (!reset_with_fixture(ctx, tables)) return;

  for (const Endpoint& endpoint : kEndpoints) {
    const std::string what = std::string(endpoint.name) +
                             " on a tailored resume without its "
                             "improvement record";
    const Step step = endpoint.call(ctx, tailored_id);
    ctx.check.must(step.status == 400 || step.status == 404, what + ": answers 400 (or 404)",
                   step.evidence());
    // Rejects the audited generic text: it blames the resume's age, and fits a master too.
    ctx.check.must(subject::says_job_context_missing(step.detail()),
                   what + ": the detail says the job context / improvement record was not found",
                   step.evidence());
    ctx.check.must(!subject::says_not_tailored(step.detail()),
                   what + ": the detail does not call it a master / untailored resume",
                   step.evidence());
    const Step master = check_master(ctx, endpoint, master_id);
    ctx.check.must(step.detail() != master.detail(),
                   std::string(endpoint.name) +
                       ": the tailored and the master case get different "
                       "details",
                   step.evidence() + "\n" + master.evidence());
  }
  const Step read = get_resume(ctx, tailored_id);
  ctx.check.must(read.ok() && read.at("/data/cover_letter").is_null() &&
                     read.at("/data/outreach_message").is_null(),
                 "nothing was stored on the tailored resume", read.evidence());
  // The fixture's orphan is the fault, not the target's doing: remove it so the
  // invariants judge only what the target did.
  require_ok(ctx, delete_resume(ctx, tailored_id), "deleting the fixture's orphan");
}

RM_SCENARIO({
    .issue = "API-012",
    .name = "master_says_not_tailored",
    .description = "generate-cover-letter / generate-outreach / job-description on a master: "
                   "400 saying it is not a tailored resume; nothing stored",
    .needs = {},
    .run = master_not_tailored,
});

RM_SCENARIO({
    .issue = "API-012",
    .name = "tailored_without_record_says_not_found",
    .description = "a tailored resume whose improvement record is missing (fixture): the detail "
                   "says the job context / improvement record was not found, unlike the master's",
    .needs = {Hook::kFixtureDb},
    .run = tailored_without_record,
});

}  // namespace
}  // namespace rm::harness
