// API-002: concurrent first uploads into an empty store. Each upload checks for
// a master and then inserts; held between the two (a store gate on create_resume)
// the audited check-then-insert makes every one of them a master. Exactly one
// stored resume and exactly one response may say is_master: true.
#include <string>
#include <vector>

#include "harness/flows.hpp"

namespace rm::harness {
namespace {

using namespace flows;

constexpr const char* kGate = "first-uploads";
constexpr int kGatedUploads = 3;
constexpr int kStatisticalUploads = 4;
constexpr int kExploredUploads = 2;

std::string resume_text(int index) {
  return sample_resume_text("Applicant Number" + std::to_string(index + 1));
}

// What must hold once all uploads have answered. The race MUSTs (race_must) are
// those only an interleaving can break; a response without is_master is a shape
// finding that one upload alone shows (API-001's response), not a race.
void check_one_master(ScenarioContext& ctx, const std::vector<Step>& uploads) {
  int master_responses = 0;
  bool all_say = true;
  std::string evidence;
  for (const Step& upload : uploads) {
    ctx.check.race_must(upload.ok(), "every concurrent upload answers 200", upload.evidence());
    if (upload.at("/is_master") == true) ++master_responses;
    all_say = all_say && upload.at("/is_master").is_boolean();
    evidence += upload.evidence() + "\n";
  }
  if (ctx.check.must(all_say, "every upload response says is_master (a boolean)", evidence)) {
    ctx.check.race_must(master_responses == 1,
                        "exactly one upload response says is_master: true (saw " +
                            std::to_string(master_responses) + ")",
                        evidence);
  }

  const std::vector<Json> entries = list_entries(ctx);
  std::string listed;
  for (const Json& entry : entries) listed += entry.dump() + "\n";
  ctx.check.race_must(
      entries.size() == uploads.size(),
      "every upload is stored (" + std::to_string(uploads.size()) + " resumes listed)", listed);
  const int masters = count_masters(entries);
  ctx.check.race_must(
      masters == 1,
      "exactly one stored resume has is_master: true (saw " + std::to_string(masters) + ")",
      listed);
  const Json stats = database_stats(ctx);
  if (ctx.check.must(stats.contains("has_master_resume"),
                     "GET /status reports database_stats.has_master_resume", stats_text(stats))) {
    ctx.check.race_must(stats.value("has_master_resume", false) == true,
                        "GET /status says has_master_resume", stats_text(stats));
  }
}

void gated(ScenarioContext& ctx) {
  if (!delete_all_resumes(ctx)) return;
  const FaultPlan faults = plan(ctx, R"({"rules": [{
      "component": "store", "operation": "create_resume", "action": "gate",
      "gate": "first-uploads", "times": 3,
      "comment": "hold each upload between its master check and its insert"}]})");
  if (!install(ctx, faults)) return;
  std::vector<Step> uploads(kGatedUploads);
  {
    Background background(ctx, {kGate});
    for (int i = 0; i < kGatedUploads; ++i) {
      background.start([&ctx, &uploads, i] {
        uploads[i] = upload_resume(ctx, resume_text(i), "resume-" + std::to_string(i) + ".pdf");
      });
    }
    if (!await_arrivals(ctx, kGate, kGatedUploads)) return;
    background.finish();
  }
  ctx.target.clear_plan();
  check_one_master(ctx, uploads);
}

// Concurrent uploads, nothing held: a statistical round (kStatisticalUploads), or
// one schedule of an exploration (kExploredUploads: two already make two masters,
// and each more multiplies the schedules).
void concurrent_round(ScenarioContext& ctx, int count) {
  if (!delete_all_resumes(ctx)) return;
  std::vector<Step> uploads(count);
  {
    Background background(ctx, {});
    for (int i = 0; i < count; ++i) {
      background.start([&ctx, &uploads, i] {
        uploads[i] = upload_resume(ctx, resume_text(i), "resume-" + std::to_string(i) + ".pdf");
      });
    }
    background.finish();
  }
  check_one_master(ctx, uploads);
}

RM_SCENARIO({
    .issue = "API-002",
    .name = "concurrent_first_uploads_one_master",
    .description = "3 first uploads held between master check and insert (store gate on "
                   "create_resume): exactly one stored master and one is_master response",
    .needs = {Hook::kStoreGate},
    .race = true,
    .run = gated,
    .run_statistical_round =
        [](ScenarioContext& ctx) { concurrent_round(ctx, kStatisticalUploads); },
    .run_explored_round = [](ScenarioContext& ctx) { concurrent_round(ctx, kExploredUploads); },
});

}  // namespace
}  // namespace rm::harness
