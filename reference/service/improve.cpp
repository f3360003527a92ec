// POST /resumes/improve: tailor and persist in one step.
#include "reference/service/improve_pipeline.hpp"
#include "reference/service/resume_service.hpp"

namespace rm {

using namespace service_detail;

Outcome<Json> ResumeService::improve(const ImproveRequest& request) {
  const Json settings = load_settings();
  return guarded<Json>("improve", [&]() -> Outcome<Json> {
    const ImprovePipeline pipeline(*ports_.store, *ports_.llm, defects_, "improve");
    auto loaded = pipeline.load(request.resume_id, request.job_id, request.prompt_id, settings);
    if (!loaded) return loaded.failure();
    const ImproveContext& context = loaded.value();

    ImproveReport report;
    // As the backend's /improve: keywords are extracted afresh, not cached.
    auto draft = pipeline.draft(context, /*use_keyword_cache=*/false, report.warnings);
    if (!draft) return draft.failure();
    const ImproveDraft& result = draft.value();

    report.diff = pipeline.diff(context, result.data, report.warnings);
    report.improvements = pipeline.suggestions(context, result.data, result.keywords);
    report.messages = pipeline.auxiliary_messages(context, result.data, report.warnings);

    auto stored =
        pipeline.store_tailored(context, result.data, report.messages, report.improvements);
    if (!stored) return stored.failure();

    report.resume_id = field_or(stored.value(), "resume_id", nullptr);
    report.job_id = request.job_id;
    ImprovePipeline::report_draft(report, context, result);
    return ImprovePipeline::response(report);
  });
}

}  // namespace rm
