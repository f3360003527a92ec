#pragma once
// Transport-free HTTP messages: what the router consumes and produces. The
// Pistache server adapts sockets to these; the harness's embedded target calls
// the router with them directly, so both exercise the very same routes.
#include <map>
#include <string>
#include <vector>

namespace rm {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/v1/resumes/abc" (no query string)
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names lower-cased
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::map<std::string, std::string> headers;  // e.g. {"content-type": "application/json"}
  std::string body;
};

}  // namespace rm
