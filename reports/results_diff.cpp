#include "reports/results_diff.hpp"

#include <map>

namespace rm::harness {
namespace {

bool failing(const std::string& verdict) { return verdict == "fail" || verdict == "error"; }

std::map<std::string, Json> by_key(const Json& results) {
  std::map<std::string, Json> out;
  for (const Json& scenario : results.value("scenarios", Json::array())) {
    out[scenario.value("issue", std::string()) + "/" + scenario.value("name", std::string())] =
        scenario;
  }
  return out;
}

std::string first_must(const Json& scenario) {
  for (const Json& finding : scenario.value("findings", Json::array())) {
    if (finding.value("level", std::string()) == "must")
      return finding.value("what", std::string());
  }
  return scenario.value("reason", std::string());
}

}  // namespace

ResultsDiff diff_results(const Json& old_results, const Json& new_results) {
  const auto before = by_key(old_results);
  const auto now = by_key(new_results);
  ResultsDiff diff;
  for (const auto& [key, scenario] : now) {
    const auto old = before.find(key);
    if (old == before.end()) {
      diff.only_new.push_back(key);
      continue;
    }
    const std::string was = old->second.value("verdict", std::string());
    const std::string is = scenario.value("verdict", std::string());
    if (was == is) continue;
    const std::string line = key + ": " + was + " -> " + is;
    if (failing(is) && !failing(was)) {
      diff.new_failures.push_back(line + " (" + first_must(scenario) + ")");
    } else if (failing(was) && is == "pass") {
      diff.fixed.push_back(line);
    } else {
      diff.changed.push_back(line);
    }
  }
  for (const auto& [key, scenario] : before) {
    if (!now.count(key)) diff.only_old.push_back(key);
  }
  return diff;
}

std::string describe(const ResultsDiff& diff) {
  std::string text;
  const auto section = [&](const char* title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    text += std::string(title) + " (" + std::to_string(lines.size()) + "):\n";
    for (const std::string& line : lines) text += "  " + line + "\n";
  };
  section("new failures", diff.new_failures);
  section("fixed", diff.fixed);
  section("changed verdicts", diff.changed);
  section("only in the old run", diff.only_old);
  section("only in the new run", diff.only_new);
  if (text.empty()) text = "no verdict changed\n";
  return text + (diff.regression() ? "regression: yes\n" : "regression: no\n");
}

}  // namespace rm::harness
