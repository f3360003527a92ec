#include "harness/http_call.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "reference/http/url_codec.hpp"

namespace rm::harness {
namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<ApiResponse*>(user)->body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string line(data, size * count);
  auto* response = static_cast<ApiResponse*>(user);
  if (line.rfind("HTTP/", 0) == 0) response->headers.clear();  // a 100 Continue came first
  const std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    response->headers[name] =
        first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return size * count;
}

}  // namespace

ApiResponse http_call(const std::string& base_url, const ApiRequest& request,
                      std::chrono::milliseconds timeout) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::string url = base_url + percent_encode(request.path, true);
  for (std::size_t i = 0; i < request.query.size(); ++i) {
    url += (i == 0 ? "?" : "&") + percent_encode(request.query[i].first) + "=" +
           percent_encode(request.query[i].second);
  }
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("libcurl could not create a handle");
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  bool has_expect = false;
  for (const auto& [name, value] : request.headers) {
    if (name == "expect") has_expect = true;
    if (name == "content-length" || name == "host") continue;  // libcurl writes these
    curl_slist* grown = curl_slist_append(headers.get(), (name + ": " + value).c_str());
    if (!grown) throw std::runtime_error("libcurl could not build headers");
    (void)headers.release();
    headers.reset(grown);
  }
  if (!has_expect) {
    curl_slist* grown = curl_slist_append(headers.get(), "Expect:");
    if (grown) {
      (void)headers.release();
      headers.reset(grown);
    }
  }
  ApiResponse response;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "HEAD") curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response);
  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw HttpTimeout(request.method + " " + url + ": no answer within " +
                      std::to_string(timeout.count()) + " ms");
  }
  if (code != CURLE_OK) {
    throw std::runtime_error(request.method + " " + url + ": " + curl_easy_strerror(code));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

Json control_call(const std::string& base_url, const std::string& method, const std::string& path,
                  const Json& body, int expect) {
  ApiRequest request;
  request.method = method;
  const std::size_t question = path.find('?');
  request.path = path.substr(0, question);
  if (question != std::string::npos) {
    request.query = parse_query_string(std::string_view(path).substr(question + 1));
  }
  if (!body.is_null()) {
    request.headers["content-type"] = "application/json";
    request.body = body.dump();
  }
  const ApiResponse response = http_call(base_url, request);
  if (response.status != expect) {
    throw std::runtime_error(method + " " + base_url + path + " answered " +
                             std::to_string(response.status) + ": " + response.body.substr(0, 300));
  }
  return Json::parse(response.body, nullptr, false);
}

}  // namespace rm::harness
