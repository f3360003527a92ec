// PATCH /resumes/{id}, DELETE /resumes/{id}, PATCH /resumes/{id}/cover-letter,
// PATCH /resumes/{id}/outreach-message, POST /resumes/{id}/master.
#include "reference/domain/resume_data.hpp"
#include "reference/http/api_router.hpp"
#include "reference/http/json_body.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

// {content} (UpdateCoverLetterRequest / UpdateOutreachMessageRequest).
Outcome<std::string> content_field(const ApiRequest& request) {
  Outcome<Json> body = parse_json_object_body(request);
  if (!body) return body.failure();
  JsonFields fields(body.value());
  std::string content = fields.required_string("content");
  if (!fields.ok()) return fields.failure();
  return content;
}

}  // namespace

void add_edit_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  // FastAPI validates the ResumeData body before the handler looks the resume up,
  // so an invalid body is 422 even for an unknown id.
  router.add("PATCH", "/api/v1/resumes/{resume_id}",
             [service](const ApiRequest& request, const std::vector<std::string>& params) {
               Outcome<Json> body = parse_json_object_body(request);
               if (!body) return from_failure(body.failure());
               const ResumeDataCheck check = validate_resume_data(body.value());
               if (!check.ok()) return from_failure(validation_failure("body", *check.error));
               return respond(service->update_resume(params.at(0), body.value()));
             });

  router.add("DELETE", "/api/v1/resumes/{resume_id}",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->delete_resume(params.at(0)));
             });

  router.add("PATCH", "/api/v1/resumes/{resume_id}/cover-letter",
             [service](const ApiRequest& request, const std::vector<std::string>& params) {
               Outcome<std::string> content = content_field(request);
               if (!content) return from_failure(content.failure());
               return respond(service->update_cover_letter(params.at(0), content.value()));
             });

  router.add("PATCH", "/api/v1/resumes/{resume_id}/outreach-message",
             [service](const ApiRequest& request, const std::vector<std::string>& params) {
               Outcome<std::string> content = content_field(request);
               if (!content) return from_failure(content.failure());
               return respond(service->update_outreach_message(params.at(0), content.value()));
             });

  router.add("POST", "/api/v1/resumes/{resume_id}/master",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->set_master(params.at(0)));
             });
}

}  // namespace rm
