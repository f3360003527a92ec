// POST /resumes/improve/preview: tailor without persisting; records the preview hash.
#include "reference/service/improve_pipeline.hpp"
#include "reference/service/resume_service.hpp"

namespace rm {

using namespace service_detail;

Outcome<Json> ResumeService::improve_preview(const ImproveRequest& request) {
  const Json settings = load_settings();
  return guarded<Json>("improve preview", [&]() -> Outcome<Json> {
    const ImprovePipeline pipeline(*ports_.store, *ports_.llm, defects_, "preview");
    auto loaded = pipeline.load(request.resume_id, request.job_id, request.prompt_id, settings);
    if (!loaded) return loaded.failure();
    const ImproveContext& context = loaded.value();

    ImproveReport report;
    auto draft = pipeline.draft(context, /*use_keyword_cache=*/true, report.warnings);
    if (!draft) return draft.failure();
    const ImproveDraft& result = draft.value();

    pipeline.save_preview_hash(context, ImprovePipeline::hash_of(result.data), report.warnings);
    report.diff = pipeline.diff(context, result.data, report.warnings);
    report.job_id = request.job_id;
    report.improvements = pipeline.suggestions(context, result.data, result.keywords);
    ImprovePipeline::report_draft(report, context, result);
    return ImprovePipeline::response(report);
  });
}

}  // namespace rm
