#include "reference/http/api_router.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

#include "reference/http/routes/routes.hpp"
#include "reference/http/url_codec.hpp"

namespace rm {
namespace {

constexpr const char* kJsonContentType = "application/json";

bool is_parameter(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// "/api/v1/resumes/x" -> {"api","v1","resumes","x"}; an empty segment (a double or
// trailing slash) is kept so that it can never match a {…} segment.
std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::vector<std::string>* parameters) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_parameter(pattern[i])) {
      if (segments[i].empty()) return false;
      if (parameters != nullptr) parameters->push_back(segments[i]);
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

// True when `a` is more specific than `b`: at the first segment where they differ
// in kind, `a` has the exact one.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const bool a_param = is_parameter(a[i]);
    const bool b_param = is_parameter(b[i]);
    if (a_param != b_param) return !a_param;
  }
  return false;
}

}  // namespace

ApiResponse json_response(int status, const Json& body) {
  ApiResponse response;
  response.status = status;
  response.headers["content-type"] = kJsonContentType;
  // Stored text may hold invalid UTF-8; replacing it beats failing the response.
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

ApiResponse error_response(int status, const std::string& detail) {
  return json_response(status, Json{{"detail", detail}});
}

ApiResponse from_failure(const Failure& failure) {
  return error_response(failure.status, failure.detail);
}

ApiResponse respond(const Outcome<Json>& outcome) {
  return outcome ? json_response(200, outcome.value()) : from_failure(outcome.failure());
}

ApiResponse respond_serialised(Outcome<std::string> outcome) {
  if (!outcome) return from_failure(outcome.failure());
  ApiResponse response;
  response.status = 200;
  response.headers["content-type"] = kJsonContentType;
  response.body = std::move(outcome.value());
  return response;
}

ApiRouter::ApiRouter(std::shared_ptr<ResumeService> service) : service_(std::move(service)) {
  add_resume_routes(*this);
  add_improve_routes(*this);
  add_edit_routes(*this);
  add_generation_routes(*this);
  add_pdf_routes(*this);
  add_job_routes(*this);
  add_config_routes(*this);
  add_health_routes(*this);
}

void ApiRouter::add(const std::string& method, const std::string& pattern, Handler handler) {
  Route route{method, split_path(pattern), std::move(handler)};
  std::unique_lock lock(routes_mutex_);
  routes_.push_back(std::move(route));
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
  try {
    const std::vector<std::string> segments = split_path(request.path);
    Handler handler;
    std::vector<std::string> parameters;
    std::set<std::string> allowed;
    bool trailing_slash_match = false;
    {
      std::shared_lock lock(routes_mutex_);
      const Route* best = nullptr;
      for (const Route& route : routes_) {
        if (!matches(route.segments, segments, nullptr)) continue;
        allowed.insert(route.method);
        if (route.method != request.method) continue;
        if (best == nullptr || more_specific(route.segments, best->segments)) best = &route;
      }
      if (best != nullptr) {
        matches(best->segments, segments, &parameters);
        handler = best->handler;
      } else if (allowed.empty() && segments.size() > 1 && segments.back().empty()) {
        // Starlette redirects "/path/" to "/path" when only the latter exists.
        const std::vector<std::string> trimmed(segments.begin(), segments.end() - 1);
        trailing_slash_match = std::any_of(routes_.begin(), routes_.end(), [&](const Route& r) {
          return matches(r.segments, trimmed, nullptr);
        });
      }
    }
    if (handler) return handler(request, parameters);
    if (!allowed.empty()) {
      ApiResponse response = error_response(405, "Method Not Allowed");
      std::string allow;
      for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
      response.headers["allow"] = allow;
      return response;
    }
    if (trailing_slash_match) {
      ApiResponse response;
      response.status = 307;
      std::string location = percent_encode(request.path.substr(0, request.path.size() - 1), true);
      char separator = '?';
      for (const auto& [key, value] : request.query) {
        location += separator;
        location += percent_encode(key) + "=" + percent_encode(value);
        separator = '&';
      }
      response.headers["location"] = location;
      return response;
    }
    return error_response(404, "Not Found");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "reference: unhandled error in %s %s: %s\n", request.method.c_str(),
                 request.path.c_str(), error.what());
  } catch (...) {
    std::fprintf(stderr, "reference: unhandled non-standard error in %s %s\n",
                 request.method.c_str(), request.path.c_str());
  }
  return error_response(500, "Internal Server Error");
}

}  // namespace rm
