// POST /resumes/improve/preview, /resumes/improve/confirm, /resumes/improve.
#include "reference/http/api_router.hpp"
#include "reference/http/json_body.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

// {resume_id, job_id, prompt_id?} (ImproveResumeRequest).
Outcome<ImproveRequest> improve_request(const ApiRequest& request) {
  Outcome<Json> body = parse_json_object_body(request);
  if (!body) return body.failure();
  JsonFields fields(body.value());
  ImproveRequest out{fields.required_string("resume_id"), fields.required_string("job_id"),
                     fields.optional_string("prompt_id")};
  if (!fields.ok()) return fields.failure();
  return out;
}

// {resume_id, job_id, prompt_id?, improved_data, improvements}. improved_data is
// only required here: its content is the service's to validate (API-013).
Outcome<ConfirmRequest> confirm_request(const ApiRequest& request) {
  Outcome<Json> body = parse_json_object_body(request);
  if (!body) return body.failure();
  JsonFields fields(body.value());
  ConfirmRequest out;
  out.resume_id = fields.required_string("resume_id");
  out.job_id = fields.required_string("job_id");
  out.prompt_id = fields.optional_string("prompt_id");
  if (const Json* improved = fields.required("improved_data")) out.improved_data = *improved;
  const Json* items = fields.required_object_list("improvements");
  if (!fields.ok()) return fields.failure();
  // Each suggestion as pydantic's model_dump gives it: lineNumber filled (null), extra keys
  // dropped.
  for (std::size_t i = 0; i < items->size(); ++i) {
    JsonFields item((*items)[i], fields.location_of("improvements") + "." + std::to_string(i));
    Json suggestion = {{"suggestion", item.required_string("suggestion")}};
    const std::optional<long long> line = item.optional_integer("lineNumber");
    if (!item.ok()) return item.failure();
    suggestion["lineNumber"] = line ? Json(*line) : Json(nullptr);
    out.improvements.push_back(std::move(suggestion));
  }
  return out;
}

}  // namespace

void add_improve_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("POST", "/api/v1/resumes/improve/preview",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<ImproveRequest> parsed = improve_request(request);
               if (!parsed) return from_failure(parsed.failure());
               return respond(service->improve_preview(parsed.value()));
             });

  router.add("POST", "/api/v1/resumes/improve/confirm",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<ConfirmRequest> parsed = confirm_request(request);
               if (!parsed) return from_failure(parsed.failure());
               return respond(service->improve_confirm(parsed.value()));
             });

  router.add("POST", "/api/v1/resumes/improve",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<ImproveRequest> parsed = improve_request(request);
               if (!parsed) return from_failure(parsed.failure());
               return respond(service->improve(parsed.value()));
             });
}

}  // namespace rm
