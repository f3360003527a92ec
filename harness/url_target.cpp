#include "harness/url_target.hpp"

#include <cstdio>
#include <stdexcept>

#include "harness/http_call.hpp"

namespace rm::harness {

UrlTarget::UrlTarget(const TargetOptions& options)
    : HttpTarget(start_mock_llm(options, /*announce=*/true), options.request_timeout) {
  std::string url = options.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  ApiRequest health;
  health.method = "GET";
  health.path = "/api/v1/health";
  try {
    http_call(url, health, std::chrono::seconds(30));
  } catch (const std::exception& error) {
    throw TargetUnavailable("target " + url + " is unreachable: " + error.what());
  }
  attach(url);
}

std::string UrlTarget::describe() const { return "url " + base_url(); }

void UrlTarget::reset(const std::optional<Json>& fixture_tables) {
  if (fixture_tables) {
    throw std::runtime_error("a url target cannot be given a fixture database");
  }
  reset_sides();
  if (!has_control()) delete_all_resumes();
}

void UrlTarget::delete_all_resumes() {
  ApiRequest list;
  list.method = "GET";
  list.path = "/api/v1/resumes/list";
  list.query = {{"include_master", "true"}};
  const ApiResponse listed = send(list);
  const Json body = Json::parse(listed.body, nullptr, false);
  if (listed.status != 200 || !body.is_object() || !body.contains("data") ||
      !body["data"].is_array()) {
    return;  // best effort: an implementation without the list route keeps its data
  }
  for (const Json& entry : body["data"]) {
    if (!entry.is_object() || !entry.contains("resume_id") || !entry["resume_id"].is_string()) {
      continue;
    }
    ApiRequest remove;
    remove.method = "DELETE";
    remove.path = "/api/v1/resumes/" + entry["resume_id"].get<std::string>();
    send(remove);
  }
}

void UrlTarget::restart() {
  throw std::runtime_error("a url target cannot be restarted by the harness");
}

HookStatus UrlTarget::fixture_hook() {
  return {false,
          "fixture_db: the harness does not start a url target, so it cannot give it a "
          "database.json (use --target-cmd)"};
}

}  // namespace rm::harness
