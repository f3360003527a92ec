#pragma once
// A scenario: one fault contract (or part of one) of contract section 2, written
// once against Target. Scenarios register themselves (RM_SCENARIO) into a
// registry that both the GoogleTest suites and the `harness` CLI run.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/check.hpp"
#include "harness/target.hpp"

namespace rm::harness {

struct ScenarioContext {
  Target& target;
  Check& check;
  std::uint64_t seed;
};

struct Scenario {
  std::string issue;        // "API-002"
  std::string name;         // "concurrent_first_uploads_one_master"
  std::string description;  // one line: the fault and what MUST surface
  std::vector<Hook> needs;  // hooks without which the verdict is not_testable
  // Race scenarios: with kStoreGate missing they run statistically (rounds of
  // concurrent requests; no violation -> not_observed) instead of not_testable.
  bool race = false;
  std::function<void(ScenarioContext&)> run;
  // The statistical fallback of a race scenario (one round); empty when none.
  std::function<void(ScenarioContext&)> run_statistical_round;
};

class ScenarioRegistry {
 public:
  static ScenarioRegistry& instance();
  void add(Scenario scenario);
  // Sorted by issue, then name.
  std::vector<const Scenario*> all() const;
  std::vector<const Scenario*> for_issue(const std::string& issue) const;

 private:
  std::vector<Scenario> scenarios_;
};

struct ScenarioRegistrar {
  explicit ScenarioRegistrar(Scenario scenario) {
    ScenarioRegistry::instance().add(std::move(scenario));
  }
};

}  // namespace rm::harness
