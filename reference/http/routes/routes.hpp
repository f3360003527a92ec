#pragma once
// The contract's endpoint groups (contract.md section 1), one file each; the
// ApiRouter constructor registers all of them.
namespace rm {

class ApiRouter;

void add_resume_routes(ApiRouter& router);      // upload, fetch, list
void add_improve_routes(ApiRouter& router);     // improve/preview, improve/confirm, improve
void add_edit_routes(ApiRouter& router);        // PATCH, DELETE, messages, master
void add_generation_routes(ApiRouter& router);  // generate-cover-letter/-outreach, job-description
void add_pdf_routes(ApiRouter& router);         // resume and cover-letter PDFs
void add_job_routes(ApiRouter& router);         // jobs/upload, jobs/{id}
void add_config_routes(ApiRouter& router);      // config/features, language, prompts
void add_health_routes(ApiRouter& router);      // health, status

}  // namespace rm
