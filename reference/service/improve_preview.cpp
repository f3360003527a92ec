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
    report.resume_preview = result.data;
    report.improvements = pipeline.suggestions(context, result.data, result.keywords);
    report.markdown_original = ImprovePipeline::markdown_of_original(context);
    report.markdown_improved = ImprovePipeline::markdown_of(result.data);
    report.refinement_stats = result.refinement_stats;
    report.refinement_attempted = result.refinement_attempted;
    report.refinement_successful = result.refinement_successful;
    report.refinement_error = result.refinement_error;
    return ImprovePipeline::response(report);
  });
}

}  // namespace rm
