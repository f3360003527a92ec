// POST /resumes/upload, GET /resumes?resume_id=, GET /resumes/list.
#include <variant>

#include "reference/http/api_router.hpp"
#include "reference/http/limits.hpp"
#include "reference/http/multipart.hpp"
#include "reference/http/query_params.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

std::string header(const ApiRequest& request, const std::string& name) {
  const auto it = request.headers.find(name);
  return it == request.headers.end() ? std::string{} : it->second;
}

std::string too_large_detail() {
  return "File too large. Maximum size: " + std::to_string(kMaxUploadBytes / (1024 * 1024)) + "MB";
}

// The multipart body -> the service's UploadRequest, with FastAPI's statuses:
// no file field (or not a form at all) is 422, an unparseable form is 400.
Outcome<UploadRequest> upload_request(const ApiRequest& request) {
  if (request.body.size() > kMaxRequestBodyBytes) return too_large(too_large_detail());
  const std::string content_type = header(request, "content-type");
  if (!is_multipart_form_data(content_type)) {
    return unprocessable("body.file: Field required (send multipart/form-data with a 'file' part)");
  }
  MultipartResult parsed = parse_multipart(content_type, request.body);
  if (const auto* error = std::get_if<MultipartError>(&parsed)) {
    return bad_request("There was an error parsing the body: " + error->reason);
  }
  auto& parts = std::get<std::vector<MultipartPart>>(parsed);
  // Like Starlette's form.get(): the last part of that name wins.
  MultipartPart* file = nullptr;
  for (MultipartPart& part : parts) {
    if (part.name == "file") file = &part;
  }
  if (file == nullptr) return unprocessable("body.file: Field required");
  if (!file->filename) {
    return unprocessable("body.file: Expected an uploaded file, received a plain form field");
  }
  if (file->data.size() > kMaxUploadBytes) return too_large(too_large_detail());
  return UploadRequest{std::move(*file->filename), std::move(file->content_type),
                       std::move(file->data)};
}

}  // namespace

void add_resume_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("POST", "/api/v1/resumes/upload",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               Outcome<UploadRequest> upload = upload_request(request);
               if (!upload) return from_failure(upload.failure());
               return respond(service->upload_resume(upload.value()));
             });

  router.add("GET", "/api/v1/resumes",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               QueryParams query(request);
               const std::string resume_id = query.required_string("resume_id");
               if (!query.ok()) return from_failure(query.failure());
               return respond(service->get_resume(resume_id));
             });

  router.add("GET", "/api/v1/resumes/list",
             [service](const ApiRequest& request, const std::vector<std::string>&) {
               QueryParams query(request);
               const bool include_master = query.boolean("include_master", false);
               if (!query.ok()) return from_failure(query.failure());
               return respond_serialised(service->list_resumes_text(include_master));
             });
}

}  // namespace rm
