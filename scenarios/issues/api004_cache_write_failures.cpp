// API-004: the preview's store writes of the job keyword cache and of the preview
// hash fail or match no record. The preview still answers 200, and data.warnings
// names the cache that was not saved; for the preview hash, that confirming this
// preview will be refused. The stored job matches what the warning says.
#include <string>

#include "harness/flows.hpp"
#include "harness/subject_matchers.hpp"

namespace rm::harness {
namespace {

using namespace flows;

void keyword_cache(ScenarioContext& ctx, const std::string& action) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  const std::string rules = R"({"rules": [{"component": "store", "operation": "update_job",
      "action": ")" + action +
                            R"(", "comment": "the keyword cache write"}]})";
  if (!install(ctx, plan(ctx, rules))) return;

  const Step previewed = preview(ctx, *resume_id, *job_id);
  ctx.check.must(previewed.ok(), "the preview still answers 200", previewed.evidence());
  ctx.check.must(previewed.at("/data/resume_preview").is_object(),
                 "the preview still returns the tailored resume", previewed.evidence());
  if (!require_fired(ctx, "store", "update_job")) return;
  ctx.check.must(
      subject::any_says(warnings_of(previewed.body), subject::says_keyword_cache_not_saved),
      "data.warnings names the job keyword cache that was not saved",
      warnings_text(previewed.body));
  ctx.target.clear_plan();

  const Step job = get_job(ctx, *job_id);
  ctx.check.must(job.ok(), "the job is still readable", job.evidence());
  const Json cached = job.at("/job_keywords");
  ctx.check.must(cached.is_null() || cached.empty(),
                 "the stored job has no keyword cache, as the warning says", job.evidence());
}

void preview_hash(ScenarioContext& ctx, const std::string& action) {
  const auto resume_id = setup_resume(ctx);
  if (!resume_id) return;
  const auto job_id = setup_job(ctx);
  if (!job_id) return;
  // A first preview fills the keyword cache, so the faulted preview below writes
  // nothing to the job but its preview hash (whichever store call that takes).
  if (!setup_preview(ctx, *resume_id, *job_id, "keywords")) return;
  const std::string rules = R"({"rules": [{"component": "store",
      "operation": ["set_preview_hash", "update_job"], "action": ")" +
                            action + R"(", "comment": "the preview hash write"}]})";
  if (!install(ctx, plan(ctx, rules))) return;
  const Json before = database_stats(ctx);

  const Step previewed = preview(ctx, *resume_id, *job_id, "nudge");
  ctx.check.must(previewed.ok(), "the preview still answers 200", previewed.evidence());
  ctx.check.must(previewed.at("/data/resume_preview").is_object(),
                 "the preview still returns the tailored resume", previewed.evidence());
  if (!fault_fired(ctx, "store", "set_preview_hash") && !require_fired(ctx, "store", "update_job"))
    return;
  ctx.check.must(
      subject::any_says(warnings_of(previewed.body), subject::says_preview_hash_not_saved),
      "data.warnings names the preview hash that was not saved", warnings_text(previewed.body));
  ctx.check.must(
      subject::any_says(warnings_of(previewed.body), subject::says_confirm_will_be_refused),
      "data.warnings says that confirming this preview will be refused",
      warnings_text(previewed.body));
  ctx.target.clear_plan();

  const Step job = get_job(ctx, *job_id);
  ctx.check.must(job.ok(), "the job is still readable", job.evidence());
  const Json hashes = job.at("/preview_hashes");
  ctx.check.must(!hashes.is_object() || !hashes.contains("nudge"),
                 "the stored job has no preview hash for the faulted preview", job.evidence());
  if (!previewed.ok()) return;
  const Step confirmed = confirm(ctx, confirm_body(previewed.body, *resume_id, *job_id, "nudge"));
  ctx.check.must(confirmed.status == 400,
                 "confirming the preview whose hash was not saved is refused with 400, as the "
                 "warning said",
                 confirmed.evidence());
  const Json after = database_stats(ctx);
  ctx.check.must(
      after.value("total_resumes", -1) == before.value("total_resumes", -2) &&
          after.value("total_improvements", -1) == before.value("total_improvements", -2),
      "the refused confirm stored nothing",
      "before: " + stats_text(before) + "; after: " + stats_text(after));
}

[[maybe_unused]] const bool registered = [] {
  auto& registry = ScenarioRegistry::instance();
  for (const std::string action : {"fail", "match_nothing"}) {
    const std::string what = action == "fail" ? "fails" : "matches no record";
    registry.add({
        .issue = "API-004",
        .name = "keyword_cache_write_" + action,
        .description = "the keyword cache write " + what +
                       ": preview 200, a warning names the keyword cache, the job has no cache",
        .needs = {Hook::kStore},
        .run = [action](ScenarioContext& ctx) { keyword_cache(ctx, action); },
    });
    registry.add({
        .issue = "API-004",
        .name = "preview_hash_write_" + action,
        .description = "the preview hash write " + what +
                       ": preview 200, a warning says its confirm will be refused, and it is",
        .needs = {Hook::kStore},
        .run = [action](ScenarioContext& ctx) { preview_hash(ctx, action); },
    });
  }
  return true;
}();

}  // namespace
}  // namespace rm::harness
