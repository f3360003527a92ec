#include "fuzz/support/embedded_session.hpp"

#include <algorithm>

#include "fuzz/support/oracle.hpp"
#include "harness/check.hpp"
#include "harness/flows.hpp"
#include "harness/invariants.hpp"
#include "harness/scenario.hpp"

namespace rm::fuzz {

EmbeddedSession::EmbeddedSession(std::shared_ptr<Llm> model)
    : embedded_(DefectSwitch{}, std::move(model)) {}

EmbeddedSession::Ids EmbeddedSession::standard_state(const char* target_name, bool with_tailored) {
  harness::Check check;
  harness::ScenarioContext context{recording_, check, 1};
  Ids ids;
  const auto master = harness::flows::setup_resume(context);
  const auto job = harness::flows::setup_job(context);
  if (master && job) {
    ids.master = *master;
    ids.job = *job;
    if (with_tailored) {
      if (auto tailored = harness::flows::setup_tailored(context, *master, *job)) {
        ids.tailored = *tailored;
      }
    }
  }
  if (ids.master.empty() || ids.job.empty() || (with_tailored && ids.tailored.empty())) {
    std::string evidence;
    for (const harness::Finding& finding : check.findings()) {
      evidence += finding.what + " (" + finding.evidence + ") ";
    }
    oracle_failed(target_name, "the standard starting state could not be made", evidence);
  }
  return ids;
}

std::vector<std::string> EmbeddedSession::invariant_violations() {
  std::vector<std::string> out;
  const std::optional<Json> tables = recording_.store_tables();
  if (!tables) return out;
  const std::vector<std::string> baseline = recording_.baseline();
  for (std::string& violation : harness::store_invariant_violations(*tables)) {
    if (std::find(baseline.begin(), baseline.end(), violation) == baseline.end()) {
      out.push_back(std::move(violation));
    }
  }
  for (std::string& violation : recording_.ids().violations(*tables)) {
    out.push_back(std::move(violation));
  }
  return out;
}

std::string response_problem(const ApiResponse& response, bool allow_5xx) {
  if (response.status < 100 || response.status > 599) {
    return "status " + std::to_string(response.status) + " is not an HTTP status";
  }
  if (response.status >= 500 && !allow_5xx) return "a 5xx answer";
  if (response.status < 400) return "";
  const Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("detail")) return "an error without a JSON detail";
  const Json& detail = body["detail"];
  if (!detail.is_string() || detail.get<std::string>().empty()) {
    return "an error whose detail is not a non-empty string";
  }
  if (response.status >= 500 && detail.get<std::string>() == kGenericServerError) {
    return "the router's catch-all 500 (an exception escaped the service)";
  }
  return "";
}

std::string describe(const ApiRequest& request, const ApiResponse& response) {
  std::string line = request.method + " " + request.path;
  char separator = '?';
  for (const auto& [key, value] : request.query) {
    line += separator + key + "=" + value;
    separator = '&';
  }
  if (!request.body.empty()) line += " body=" + shorten(request.body, 200);
  line += " -> " + std::to_string(response.status) + " " + shorten(response.body, 300);
  return line;
}

}  // namespace rm::fuzz
