// POST /jobs/upload, GET /jobs/{job_id}.
#include "reference/http/api_router.hpp"
#include "reference/http/json_body.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

// {job_descriptions: [string], resume_id?} (JobUploadRequest). An empty list or a
// blank description is the service's 400, not a schema error.
Outcome<JobUploadRequest> job_upload_request(const ApiRequest& request) {
  Outcome<Json> body = parse_json_object_body(request);
  if (!body) return body.failure();
  JsonFields fields(body.value());
  JobUploadRequest out{fields.required_string_list("job_descriptions"),
                       fields.optional_string("resume_id")};
  if (!fields.ok()) return fields.failure();
  return out;
}

}  // namespace

void add_job_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("POST", "/api/v1/jobs/upload",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<JobUploadRequest> parsed = job_upload_request(request);
               if (!parsed) return from_failure(parsed.failure());
               return respond(service->upload_jobs(parsed.value()));
             });

  router.add("GET", "/api/v1/jobs/{job_id}",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->get_job(params.at(0)));
             });
}

}  // namespace rm
