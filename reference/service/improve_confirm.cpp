// POST /resumes/improve/confirm: persist a previewed tailoring, if it is the preview.
#include "reference/service/improve_pipeline.hpp"
#include "reference/service/resume_service.hpp"

namespace rm {

using namespace service_detail;

Outcome<Json> ResumeService::improve_confirm(const ConfirmRequest& request) {
  const Json settings = load_settings();
  return guarded<Json>("improve confirm", [&]() -> Outcome<Json> {
    const ImprovePipeline pipeline(*ports_.store, *ports_.llm, defects_, "confirm");
    // The body is checked before anything is read or written (API-013).
    auto data = pipeline.confirmed_data(request.improved_data);
    if (!data) return data.failure();
    const Json& improved = data.value();

    auto loaded = pipeline.load(request.resume_id, request.job_id, request.prompt_id, settings);
    if (!loaded) return loaded.failure();
    const ImproveContext& context = loaded.value();

    if (auto rejected = pipeline.check_personal_info(context, improved)) return *rejected;
    if (auto rejected = pipeline.check_preview_hash(context.job, context.prompt_id,
                                                    ImprovePipeline::hash_of(improved))) {
      log_warning("confirm rejected for job " + request.job_id + ": " + rejected->detail);
      return *rejected;
    }

    ImproveReport report;
    report.diff = pipeline.diff(context, improved, report.warnings);
    report.messages = pipeline.auxiliary_messages(context, improved, report.warnings);
    const Json improvements =
        request.improvements.is_array() ? request.improvements : Json::array();

    auto stored = pipeline.store_tailored(context, improved, report.messages, improvements);
    if (!stored) return stored.failure();

    report.resume_id = field_or(stored.value(), "resume_id", nullptr);
    report.job_id = request.job_id;
    report.resume_preview = improved;
    report.improvements = improvements;
    report.markdown_original = ImprovePipeline::markdown_of_original(context);
    report.markdown_improved = ImprovePipeline::markdown_of(improved);
    return ImprovePipeline::response(report);
  });
}

}  // namespace rm
