#include "harness/scenario.hpp"

#include <algorithm>
#include <stdexcept>

#include "harness/actor_tag.hpp"
#include "mocks/fault/actor_request.hpp"
#include "reference/service/defects.hpp"

namespace rm::harness {

ApiResponse ScenarioContext::send(const ApiRequest& request) {
  ApiResponse response;
  if (const std::string& tag = current_actor_tag(); !tag.empty()) {
    ApiRequest tagged = request;
    tagged.headers[kActorHeader] = tag;
    response = target.send(tagged);
  } else {
    response = target.send(request);
  }
  check.saw(Exchange{request, response});
  return response;
}

ScenarioRegistry& ScenarioRegistry::instance() {
  static ScenarioRegistry registry;
  return registry;
}

void ScenarioRegistry::add(Scenario scenario) {
  const auto issue = parse_issue_id(scenario.issue);
  if (!issue)
    throw std::invalid_argument("scenario '" + scenario.name + "': unknown issue id '" +
                                scenario.issue + "'");
  scenario.issue = issue_id(*issue);  // canonical "API-007"
  if (scenario.name.empty()) {
    throw std::invalid_argument("scenario of " + scenario.issue + ": empty name");
  }
  if (!scenario.run) {
    throw std::invalid_argument("scenario " + scenario.issue + "/" + scenario.name +
                                ": no run function");
  }
  if (find(scenario.issue, scenario.name) != nullptr) {
    throw std::invalid_argument("scenario " + scenario.issue + "/" + scenario.name +
                                " registered twice");
  }
  scenarios_.push_back(std::move(scenario));
}

std::vector<const Scenario*> ScenarioRegistry::all() const {
  std::vector<const Scenario*> result;
  result.reserve(scenarios_.size());
  for (const Scenario& scenario : scenarios_) result.push_back(&scenario);
  std::sort(result.begin(), result.end(), [](const Scenario* a, const Scenario* b) {
    return a->issue != b->issue ? a->issue < b->issue : a->name < b->name;
  });
  return result;
}

std::vector<const Scenario*> ScenarioRegistry::for_issue(const std::string& issue) const {
  const auto parsed = parse_issue_id(issue);
  std::vector<const Scenario*> result;
  if (!parsed) return result;
  for (const Scenario* scenario : all()) {
    if (scenario->issue == issue_id(*parsed)) result.push_back(scenario);
  }
  return result;
}

const Scenario* ScenarioRegistry::find(const std::string& issue, const std::string& name) const {
  const auto parsed = parse_issue_id(issue);
  if (!parsed) return nullptr;
  const std::string canonical = issue_id(*parsed);
  for (const Scenario& scenario : scenarios_) {
    if (scenario.issue == canonical && scenario.name == name) return &scenario;
  }
  return nullptr;
}

}  // namespace rm::harness
