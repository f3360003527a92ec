// API-010: a confirm is accepted only for the latest preview of its own job and
// prompt. (a) two previews, one job and prompt: the first one's data is stale
// (400), the second confirms; (b) two concurrent previews with different prompts
// whose hash writes interleave: both confirm (no lost update); (c) a confirm naming
// a prompt with no preview: 400 naming it; a preview's data confirmed under another
// prompt: 400; (d) legacy preview_hashes (a list, a bare preview_hash): 400 invalid
// format. Nothing is stored on a rejected confirm.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm::harness {
namespace {

using namespace flows;

constexpr const char* kGate = "preview-write";

// How binding the detail's wording is: (c) and (d) have a MUST on it in the
// contract ("names the missing preview", "invalid format"); (a) only asks for a
// 400 for a stale preview, so there its wording is a SHOULD.
enum class Detail { kMust, kShould };

// A rejected confirm: 400, a detail that `says_why` accepts, and nothing stored.
void check_rejected(ScenarioContext& ctx, const Step& step, const Json& stats_before,
                    const std::string& what, const std::function<bool(std::string_view)>& says_why,
                    Detail detail = Detail::kMust) {
  ctx.check.must(step.status == 400, what + ": answers 400", step.evidence());
  if (detail == Detail::kMust) {
    ctx.check.must(says_why(step.detail()), what + ": the detail says why", step.evidence());
  } else {
    ctx.check.should(says_why(step.detail()), what + ": the detail says it is stale",
                     step.evidence());
  }
  const Json after = database_stats(ctx);
  ctx.check.must(
      after.value("total_resumes", -1) == stats_before.value("total_resumes", -2) &&
          after.value("total_improvements", -1) == stats_before.value("total_improvements", -2),
      what + ": nothing is stored",
      "before: " + stats_text(stats_before) + "; after: " + stats_text(after));
}

// An accepted confirm stores a tailored resume holding the confirmed data.
// `race`: a failure can only come from how concurrent previews interleaved (a
// statistical round counts it as a race violation).
void check_confirmed(ScenarioContext& ctx, const Step& step, const Json& preview_body,
                     const std::string& what, bool race = false) {
  const auto must = [&](bool holds, const std::string& clause, const std::string& evidence) {
    return race ? ctx.check.race_must(holds, clause, evidence)
                : ctx.check.must(holds, clause, evidence);
  };
  must(step.ok(), what + ": answers 200", step.evidence());
  if (!step.ok()) return;
  const Step stored = get_resume(ctx, step.string_at("/data/resume_id"));
  const Json expected = preview_body["data"]["resume_preview"];
  must(stored.ok() && stored.at("/data/processed_resume/summary") == expected["summary"],
       what + ": the stored tailored resume holds the confirmed data", stored.evidence());
}

bool same_data(const Json& a, const Json& b) {
  return a["data"]["resume_preview"] == b["data"]["resume_preview"];
}

// (a) the resume changes between two previews of one prompt.
void stale_preview(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const auto first = setup_preview(ctx, *resume_id, *job_id, "keywords");
  if (!first) return;
  const auto original = setup_get_resume(ctx, *resume_id);
  if (!original) return;
  Json edited = (*original)["processed_resume"];
  edited["summary"] = "Systems engineer who now also leads distributed storage teams.";
  if (!require_ok(ctx, patch_resume(ctx, *resume_id, edited), "editing the resume")) return;
  const auto second = setup_preview(ctx, *resume_id, *job_id, "keywords");
  if (!second) return;
  if (same_data(*first, *second)) {
    ctx.check.not_testable("the two previews returned identical data, so staleness cannot show");
    return;
  }
  const Json before = database_stats(ctx);
  const Step stale = confirm(ctx, confirm_body(*first, *resume_id, *job_id, "keywords"));
  check_rejected(ctx, stale, before, "confirming the first (stale) preview",
                 subject::says_stale_or_mismatched, Detail::kShould);
  const Step latest = confirm(ctx, confirm_body(*second, *resume_id, *job_id, "keywords"));
  check_confirmed(ctx, latest, *second, "confirming the second (latest) preview");
}

// (b), gated: both previews hold between reading and writing the job's hashes.
void concurrent_previews(ScenarioContext& ctx, bool gated) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  // Warm the keyword cache: the previews below then write nothing to the job but
  // their preview hashes. Its prompt is not one of theirs, so its hash cannot
  // stand in for a lost one.
  const auto warm = setup_preview(ctx, *resume_id, *job_id, "keywords");
  if (!warm) return;
  // The control: a single preview, confirmed with nothing concurrent. If this
  // fails, the concurrent confirms below would fail without any race.
  const Step control = confirm(ctx, confirm_body(*warm, *resume_id, *job_id, "keywords"));
  check_confirmed(ctx, control, *warm, "confirming a single preview (no concurrency)");
  if (!control.ok()) return;
  if (gated) {
    const FaultPlan faults = plan(ctx, R"({"rules": [{"component": "store",
        "operation": ["set_preview_hash", "update_job"], "action": "gate",
        "gate": "preview-write", "times": 2,
        "comment": "hold both previews between reading and writing preview_hashes"}]})");
    if (!install(ctx, faults)) return;
  }
  const std::vector<std::string> prompts = {"nudge", "full"};
  std::vector<Step> previews(prompts.size());
  {
    Background background(ctx,
                          gated ? std::vector<std::string>{kGate} : std::vector<std::string>{});
    for (std::size_t i = 0; i < prompts.size(); ++i) {
      background.start([&, i] { previews[i] = preview(ctx, *resume_id, *job_id, prompts[i]); });
    }
    if (gated && !await_arrivals(ctx, kGate, static_cast<int>(prompts.size()))) return;
    background.finish();
  }
  if (gated) ctx.target.clear_plan();
  for (const Step& step : previews) {
    if (!require_ok(ctx, step, "a concurrent preview")) return;
  }
  if (same_data(previews[0].body, previews[1].body)) {
    ctx.check.not_testable("the two prompts' previews returned identical data");
    return;
  }
  const Step job = get_job(ctx, *job_id);
  const Json hashes = job.at("/preview_hashes");
  ctx.check.should(hashes.is_object() && hashes.contains("nudge") && hashes.contains("full"),
                   "the job's preview_hashes holds both prompts", job.evidence());
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    const Step confirmed =
        confirm(ctx, confirm_body(previews[i].body, *resume_id, *job_id, prompts[i]));
    check_confirmed(ctx, confirmed, previews[i].body,
                    "confirming the concurrent \"" + prompts[i] + "\" preview (no lost update)",
                    /*race=*/true);
  }
}

// (c) a confirm naming a prompt that has no preview.
void prompt_without_preview(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const auto previewed = setup_preview(ctx, *resume_id, *job_id, "keywords");
  if (!previewed) return;
  const Json before = database_stats(ctx);
  const Step step = confirm(ctx, confirm_body(*previewed, *resume_id, *job_id, "nudge"));
  check_rejected(
      ctx, step, before, "confirming under a prompt that has no preview",
      [](std::string_view detail) { return subject::says_preview_missing(detail, "nudge"); });
}

// A preview's data confirmed under another prompt that has a preview of its own.
void cross_prompt(ScenarioContext& ctx) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const auto keywords = setup_preview(ctx, *resume_id, *job_id, "keywords");
  if (!keywords) return;
  const auto nudge = setup_preview(ctx, *resume_id, *job_id, "nudge");
  if (!nudge) return;
  if (same_data(*keywords, *nudge)) {
    ctx.check.not_testable("the two prompts' previews returned identical data");
    return;
  }
  const Json before = database_stats(ctx);
  const Step crossed = confirm(ctx, confirm_body(*keywords, *resume_id, *job_id, "nudge"));
  check_rejected(ctx, crossed, before,
                 "confirming the \"keywords\" preview's data under prompt \"nudge\"",
                 subject::says_stale_or_mismatched);
  const Step own = confirm(ctx, confirm_body(*nudge, *resume_id, *job_id, "nudge"));
  check_confirmed(ctx, own, *nudge, "confirming the \"nudge\" preview under its own prompt");
}

// (d) a job whose hashes were stored by older code: a list, or a bare preview_hash.
void legacy_hashes(ScenarioContext& ctx, bool as_list) {
  const std::string resume_id = "10a00000-0000-4000-8000-000000000001";
  const std::string job_id = "10a00000-0000-4000-8000-0000000000b1";
  const Json original = sample_resume_data("Legacy Hashes");
  Json previewed = original;
  previewed["summary"] = "Systems engineer who builds compilers, Kubernetes and Python tooling.";
  // The contract's preview hash of exactly the data confirmed below.
  const auto dumped = validate_resume_data(previewed);
  const std::string hash = preview_hash(dumped.data);
  Json job = fixture_job(job_id);
  if (as_list) {
    job["preview_hashes"] = Json::array({hash});
  } else {
    job["preview_hash"] = hash;
  }
  if (!reset_with_fixture(ctx,
                          fixture_tables({fixture_resume(resume_id, original, true)}, {job}))) {
    return;
  }
  const Json before = database_stats(ctx);
  const Json body{{"resume_id", resume_id},
                  {"job_id", job_id},
                  {"prompt_id", "keywords"},
                  {"improved_data", previewed},
                  {"improvements", Json::array()}};
  const Step step = confirm(ctx, body);
  check_rejected(ctx, step, before,
                 as_list ? "confirming against a legacy preview_hashes list"
                         : "confirming against a legacy bare preview_hash",
                 subject::says_invalid_format);
}

RM_SCENARIO({
    .issue = "API-010",
    .name = "a_stale_preview_rejected_latest_confirms",
    .description = "two previews of one job and prompt (the resume changed between): the first "
                   "one's data gets 400 stale and stores nothing, the second confirms",
    .needs = {},
    .run = stale_preview,
});

RM_SCENARIO({
    .issue = "API-010",
    .name = "b_concurrent_previews_both_confirm",
    .description = "two previews with different prompts held between reading and writing the "
                   "hashes (store gate): both confirm, no lost update",
    .needs = {Hook::kStoreGate},
    .race = true,
    .run = [](ScenarioContext& ctx) { concurrent_previews(ctx, /*gated=*/true); },
    .run_statistical_round = [](ScenarioContext& ctx) { concurrent_previews(ctx, false); },
});

RM_SCENARIO({
    .issue = "API-010",
    .name = "c_prompt_without_preview_rejected",
    .description = "confirm naming a prompt with no preview: 400 naming the missing preview, "
                   "nothing stored",
    .needs = {},
    .run = prompt_without_preview,
});

RM_SCENARIO({
    .issue = "API-010",
    .name = "c_cross_prompt_confirm_rejected",
    .description = "prompt A's preview data confirmed under prompt B (which has its own "
                   "preview): 400, nothing stored; B's own data confirms",
    .needs = {},
    .run = cross_prompt,
});

RM_SCENARIO({
    .issue = "API-010",
    .name = "d_legacy_hash_list_rejected",
    .description = "preview_hashes stored as a list holding the data's hash (fixture): 400 "
                   "invalid format, nothing stored",
    .needs = {Hook::kFixtureDb},
    .run = [](ScenarioContext& ctx) { legacy_hashes(ctx, /*as_list=*/true); },
});

RM_SCENARIO({
    .issue = "API-010",
    .name = "d_legacy_bare_hash_rejected",
    .description = "a bare preview_hash string equal to the data's hash (fixture): 400 invalid "
                   "format, nothing stored",
    .needs = {Hook::kFixtureDb},
    .run = [](ScenarioContext& ctx) { legacy_hashes(ctx, /*as_list=*/false); },
});

}  // namespace
}  // namespace rm::harness
