// GET/PUT /config/features, /config/language, /config/prompts. The PUT bodies are
// type-checked here (422 naming the field, as pydantic would); which values are
// supported (400) is the service's decision.
#include "reference/http/api_router.hpp"
#include "reference/http/json_body.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

enum class FieldType { kBool, kString };

// The body must be an object whose listed fields are absent, null or of `type`;
// other keys are ignored (and passed on untouched, as the service expects the raw object).
Outcome<Json> config_body(const ApiRequest& request, FieldType type,
                          std::initializer_list<const char*> names) {
  Outcome<Json> body = parse_json_object_body(request);
  if (!body) return body;
  JsonFields fields(body.value());
  for (const char* name : names) {
    if (type == FieldType::kBool) {
      fields.optional_bool(name);
    } else {
      fields.optional_string(name);
    }
  }
  if (!fields.ok()) return fields.failure();
  return body;
}

}  // namespace

void add_config_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("GET", "/api/v1/config/features",
             [service](const ApiRequest&, const std::vector<std::string>&) {
               return json_response(200, service->get_features());
             });
  router.add("PUT", "/api/v1/config/features",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<Json> body = config_body(request, FieldType::kBool,
                                                {"enable_cover_letter", "enable_outreach_message"});
               if (!body) return from_failure(body.failure());
               return respond(service->put_features(body.value()));
             });

  router.add("GET", "/api/v1/config/language",
             [service](const ApiRequest&, const std::vector<std::string>&) {
               return json_response(200, service->get_language());
             });
  router.add("PUT", "/api/v1/config/language",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<Json> body =
                   config_body(request, FieldType::kString, {"ui_language", "content_language"});
               if (!body) return from_failure(body.failure());
               return respond(service->put_language(body.value()));
             });

  router.add("GET", "/api/v1/config/prompts",
             [service](const ApiRequest&, const std::vector<std::string>&) {
               return json_response(200, service->get_prompts());
             });
  router.add("PUT", "/api/v1/config/prompts",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<Json> body = config_body(request, FieldType::kString, {"default_prompt_id"});
               if (!body) return from_failure(body.failure());
               return respond(service->put_prompts(body.value()));
             });
}

}  // namespace rm
