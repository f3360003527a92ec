#include "harness/requests.hpp"

#include "reference/http/url_codec.hpp"

namespace rm::harness {
namespace {

constexpr const char* kJson = "application/json";

ApiRequest request(const std::string& method, const std::string& path) {
  ApiRequest result;
  result.method = method;
  const std::size_t question = path.find('?');
  result.path = path.substr(0, question);
  if (question != std::string::npos) {
    result.query = parse_query_string(std::string_view(path).substr(question + 1));
  }
  return result;
}

ApiRequest json_request(const std::string& method, const std::string& path, const Json& body) {
  return with_body(method, path, body.dump(), kJson);
}

}  // namespace

std::string api(const std::string& path) { return "/api/v1" + path; }

ApiRequest get(const std::string& path, Query query) {
  ApiRequest result = request("GET", path);
  for (auto& entry : query) result.query.push_back(std::move(entry));
  return result;
}

ApiRequest del(const std::string& path) { return request("DELETE", path); }

ApiRequest post(const std::string& path) { return request("POST", path); }

ApiRequest post_json(const std::string& path, const Json& body) {
  return json_request("POST", path, body);
}

ApiRequest patch_json(const std::string& path, const Json& body) {
  return json_request("PATCH", path, body);
}

ApiRequest put_json(const std::string& path, const Json& body) {
  return json_request("PUT", path, body);
}

ApiRequest with_body(const std::string& method, const std::string& path, std::string body,
                     const std::string& content_type) {
  ApiRequest result = request(method, path);
  result.headers["content-type"] = content_type;
  result.body = std::move(body);
  return result;
}

ApiRequest upload(const std::string& filename, const std::string& content_type,
                  const std::string& bytes) {
  // A boundary that cannot occur in the data.
  std::string boundary = "rm-harness-boundary-5f0c2a";
  while (bytes.find(boundary) != std::string::npos) boundary += "x";
  std::string body = "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n";
  body += "Content-Type: " + content_type + "\r\n\r\n";
  body += bytes;
  body += "\r\n--" + boundary + "--\r\n";
  return with_body("POST", api("/resumes/upload"), std::move(body),
                   "multipart/form-data; boundary=" + boundary);
}

std::optional<Json> json_body(const ApiResponse& response) {
  Json parsed = Json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

}  // namespace rm::harness
