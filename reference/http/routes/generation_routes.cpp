// POST /resumes/{id}/generate-cover-letter, POST /resumes/{id}/generate-outreach,
// GET /resumes/{id}/job-description. None of them reads a request body.
#include "reference/http/api_router.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {

void add_generation_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("POST", "/api/v1/resumes/{resume_id}/generate-cover-letter",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->generate_cover_letter(params.at(0)));
             });

  router.add("POST", "/api/v1/resumes/{resume_id}/generate-outreach",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->generate_outreach(params.at(0)));
             });

  router.add("GET", "/api/v1/resumes/{resume_id}/job-description",
             [service](const ApiRequest&, const std::vector<std::string>& params) {
               return respond(service->job_description(params.at(0)));
             });
}

}  // namespace rm
