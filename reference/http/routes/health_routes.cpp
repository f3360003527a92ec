// GET /health, GET /status.
#include "reference/http/api_router.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {

void add_health_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("GET", "/api/v1/health",
             [service](const ApiRequest&, const std::vector<std::string>&) {
               return json_response(200, service->health());
             });

  router.add("GET", "/api/v1/status",
             [service](const ApiRequest&, const std::vector<std::string>&) {
               return json_response(200, service->status());
             });
}

}  // namespace rm
