#pragma once
// Builders for the requests scenarios send (transport-free ApiRequest), and a
// reader for JSON responses. The same request goes to every target kind: the
// embedded target hands it to the router, the HTTP targets put it on the wire.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

using Query = std::vector<std::pair<std::string, std::string>>;

// "/resumes/upload" -> "/api/v1/resumes/upload".
std::string api(const std::string& path);

// A "?a=1&b=2" tail of `path` is moved (decoded) into the request's query.
ApiRequest get(const std::string& path, Query query = {});
ApiRequest del(const std::string& path);
ApiRequest post(const std::string& path);  // no body
ApiRequest post_json(const std::string& path, const Json& body);
ApiRequest patch_json(const std::string& path, const Json& body);
ApiRequest put_json(const std::string& path, const Json& body);
// A request with a raw body of any content type (malformed-body scenarios).
ApiRequest with_body(const std::string& method, const std::string& path, std::string body,
                     const std::string& content_type);

// POST /api/v1/resumes/upload: multipart/form-data with one part named "file".
ApiRequest upload(const std::string& filename, const std::string& content_type,
                  const std::string& bytes);

// The response body as JSON; nullopt when it is not JSON.
std::optional<Json> json_body(const ApiResponse& response);

}  // namespace rm::harness
