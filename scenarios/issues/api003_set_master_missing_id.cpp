// API-003: POST /resumes/{id}/master with an id that does not exist must answer
// 404 and leave the current master alone (the audited code unset it first and
// reported success).
#include <string>

#include "harness/flows.hpp"

namespace rm::harness {
namespace {

using namespace flows;

constexpr const char* kMissingId = "00000000-0000-4000-8000-0000000000a3";

void set_master_missing_id(ScenarioContext& ctx) {
  const auto first = setup_resume(ctx, sample_resume_text("First Applicant"), "first.pdf");
  if (!first) return;
  const auto second = setup_resume(ctx, sample_resume_text("Second Applicant"), "second.pdf");
  if (!second) return;

  // The endpoint is an extension of the Python API: a target without it is not testable.
  const Step moved = set_master(ctx, *second);
  if (moved.status == 404 || moved.status == 405) {
    ctx.check.not_testable("POST /resumes/{id}/master is not offered (answered " +
                           std::to_string(moved.status) + " for an existing resume)");
    return;
  }
  ctx.check.must(moved.ok() && moved.at("/is_master") == true,
                 "setting an existing resume as master answers 200 {is_master: true}",
                 moved.evidence());

  const Step missing = set_master(ctx, kMissingId);
  ctx.check.must(missing.status == 404, "a missing id answers 404", missing.evidence());
  ctx.check.must(missing.at("/is_master") != true,
                 "the response to a missing id does not claim is_master: true", missing.evidence());

  const auto entries = list_entries(ctx);
  std::string listed;
  for (const Json& entry : entries) listed += entry.dump() + "\n";
  const auto master = list_entry(entries, *second);
  ctx.check.must(count_masters(entries) == 1, "exactly one master remains", listed);
  ctx.check.must(master && (*master)["is_master"] == true,
                 "the master is still the resume it was before the failed call", listed);
  ctx.check.must(!list_entry(entries, kMissingId), "no record was created for the missing id",
                 listed);
  const Json stats = database_stats(ctx);
  ctx.check.must(stats.value("has_master_resume", false) == true,
                 "GET /status still says has_master_resume", stats_text(stats));
}

RM_SCENARIO({
    .issue = "API-003",
    .name = "set_master_missing_id_404_master_kept",
    .description = "set master on an id that does not exist: 404, the current master is unchanged",
    .needs = {},
    .run = set_master_missing_id,
});

}  // namespace
}  // namespace rm::harness
