#include "scenarios/support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace rm::test {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  const std::string line(data, size * count);
  // A new status line (e.g. after an interim 1xx) starts a new header block.
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string::npos) {
    headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace

nlohmann::json HttpResponse::json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResponse::header(const std::string& name) const {
  const auto found = headers.find(lower(name));
  return found == headers.end() ? std::string{} : found->second;
}

struct HttpClient::Impl {
  struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  std::unique_ptr<CURL, CurlDeleter> handle;
  std::chrono::milliseconds timeout;
};

HttpClient::HttpClient(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->handle.reset(curl_easy_init());
  if (!impl_->handle) throw std::runtime_error("curl_easy_init failed");
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& path,
                                 const Headers& headers, const std::string& body) {
  CURL* curl = impl_->handle.get();
  // Reset clears the options of the previous request but keeps its connection alive.
  curl_easy_reset(curl);

  HttpResponse response;
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->timeout.count()));
  curl_easy_setopt(
      curl, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(std::min<std::chrono::milliseconds::rep>(impl_->timeout.count(), 10000)));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  // Pistache does not answer "100 Continue"; an empty Expect stops curl waiting for it.
  // An empty Content-Type stops curl adding form-urlencoded unless the caller set one.
  Slist list(curl_slist_append(nullptr, "Expect:"));
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    if (lower(name) == "content-type") has_content_type = true;
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    list.reset(curl_slist_append(list.release(), line.c_str()));
  }
  if (!has_content_type) list.reset(curl_slist_append(list.release(), "Content-Type:"));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());

  const bool has_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method == "GET" && !has_body) {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    if (has_body) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    response.status = 0;
    response.transport_error = curl_easy_strerror(code);
    return response;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &response.new_connections);
  return response;
}

HttpResponse HttpClient::get(const std::string& path) { return request("GET", path); }

HttpResponse HttpClient::del(const std::string& path) { return request("DELETE", path); }

HttpResponse HttpClient::post(const std::string& path) { return request("POST", path); }

HttpResponse HttpClient::post_json(const std::string& path, const nlohmann::json& body) {
  return request("POST", path, {{"Content-Type", "application/json"}}, body.dump());
}

HttpResponse HttpClient::patch_json(const std::string& path, const nlohmann::json& body) {
  return request("PATCH", path, {{"Content-Type", "application/json"}}, body.dump());
}

HttpResponse HttpClient::put_json(const std::string& path, const nlohmann::json& body) {
  return request("PUT", path, {{"Content-Type", "application/json"}}, body.dump());
}

HttpResponse HttpClient::post_multipart(const std::string& path, const std::string& field,
                                        const std::string& filename,
                                        const std::string& content_type, const std::string& bytes) {
  // Built by hand (not curl_mime) so that tests control every byte of the part.
  const std::string boundary = "----rm-test-boundary-7c1f3a9e5d";
  std::string body;
  body.reserve(bytes.size() + 512);
  body += "--" + boundary + "\r\n";
  body +=
      "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n";
  body += "Content-Type: " + content_type + "\r\n\r\n";
  body += bytes;
  body += "\r\n--" + boundary + "--\r\n";
  return request("POST", path, {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
                 body);
}

std::string url_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

}  // namespace rm::test
