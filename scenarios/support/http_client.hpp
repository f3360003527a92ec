#pragma once
// A small blocking HTTP client over libcurl for the over-HTTP suites. One easy
// handle per client, so consecutive requests reuse the keep-alive connection.
// Every request has a deadline: a hung server fails the test instead of hanging it.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace rm::test {

struct HttpResponse {
  int status = 0;                              // 0 when the transport failed
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string body;
  std::string transport_error;  // libcurl's message when status == 0
  long new_connections = 0;     // connections opened for this request (0 = kept alive)

  // The body parsed as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json json() const;
  // The header's value, or "" when absent. `name` is matched case-insensitively.
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // `base_url` like "http://127.0.0.1:8080"; paths passed to the methods are
  // appended verbatim (they carry their own query string).
  explicit HttpClient(std::string base_url,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  HttpResponse get(const std::string& path);
  HttpResponse del(const std::string& path);
  HttpResponse post(const std::string& path);  // no body
  HttpResponse post_json(const std::string& path, const nlohmann::json& body);
  HttpResponse patch_json(const std::string& path, const nlohmann::json& body);
  HttpResponse put_json(const std::string& path, const nlohmann::json& body);
  // multipart/form-data with a single file part.
  HttpResponse post_multipart(const std::string& path, const std::string& field,
                              const std::string& filename, const std::string& content_type,
                              const std::string& bytes);
  // Anything else: the body is sent as-is with exactly the given headers.
  HttpResponse request(const std::string& method, const std::string& path,
                       const Headers& headers = {}, const std::string& body = {});

  const std::string& base_url() const { return base_url_; }

 private:
  struct Impl;
  std::string base_url_;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query-string value.
std::string url_encode(const std::string& value);

}  // namespace rm::test
