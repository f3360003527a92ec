#include "reports/baseline.hpp"

#include <ctime>
#include <map>
#include <regex>
#include <stdexcept>

namespace rm::harness {
namespace {

bool failing(const std::string& verdict) { return verdict == "fail" || verdict == "error"; }

std::string key_of(const std::string& issue, const std::string& scenario) {
  return issue + "/" + scenario;
}

std::string first_reason(const Json& scenario) {
  for (const Json& finding : scenario.value("findings", Json::array())) {
    if (finding.value("level", std::string()) == "must")
      return finding.value("what", std::string());
  }
  return scenario.value("reason", std::string());
}

std::string string_field(const Json& object, const char* name, const std::string& where,
                         bool required = true) {
  if (!object.contains(name)) {
    if (required) throw std::invalid_argument(where + "." + name + ": missing");
    return {};
  }
  if (!object[name].is_string()) throw std::invalid_argument(where + "." + name + ": not a string");
  return object[name].get<std::string>();
}

}  // namespace

Baseline baseline_from_results(const Json& results) {
  Baseline baseline;
  baseline.target = results.value("target", std::string());
  for (const Json& scenario : results.value("scenarios", Json::array())) {
    const std::string verdict = scenario.value("verdict", std::string());
    if (!failing(verdict)) continue;
    baseline.known.push_back({scenario.value("issue", std::string()),
                              scenario.value("name", std::string()), verdict,
                              first_reason(scenario), std::nullopt});
  }
  return baseline;
}

Json baseline_json(const Baseline& baseline) {
  Json known = Json::array();
  for (const KnownFailure& entry : baseline.known) {
    Json item{{"issue", entry.issue},
              {"scenario", entry.scenario},
              {"verdict", entry.verdict},
              {"reason", entry.reason}};
    if (entry.expires) item["expires"] = *entry.expires;
    known.push_back(std::move(item));
  }
  return Json{{"schema", kBaselineSchema}, {"target", baseline.target}, {"known_failures", known}};
}

Baseline parse_baseline(const Json& json) {
  if (!json.is_object()) throw std::invalid_argument("baseline: not a JSON object");
  if (json.value("schema", 0) != kBaselineSchema) {
    throw std::invalid_argument("baseline.schema: expected " + std::to_string(kBaselineSchema));
  }
  if (!json.contains("known_failures") || !json["known_failures"].is_array()) {
    throw std::invalid_argument("baseline.known_failures: missing or not an array");
  }
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  Baseline baseline;
  baseline.target = json.value("target", std::string());
  for (std::size_t i = 0; i < json["known_failures"].size(); ++i) {
    const Json& entry = json["known_failures"][i];
    const std::string where = "baseline.known_failures[" + std::to_string(i) + "]";
    if (!entry.is_object()) throw std::invalid_argument(where + ": not an object");
    KnownFailure known{string_field(entry, "issue", where), string_field(entry, "scenario", where),
                       string_field(entry, "verdict", where, false),
                       string_field(entry, "reason", where), std::nullopt};
    if (known.reason.empty()) throw std::invalid_argument(where + ".reason: empty (say why)");
    if (entry.contains("expires")) {
      const std::string date = string_field(entry, "expires", where);
      if (!std::regex_match(date, kDate)) {
        throw std::invalid_argument(where + ".expires: expected YYYY-MM-DD, got '" + date + "'");
      }
      known.expires = date;
    }
    baseline.known.push_back(std::move(known));
  }
  return baseline;
}

int BaselineCheck::exit_code(bool strict) const {
  if (new_error) return 2;
  if (!new_failures.empty()) return 1;
  return strict && !fixed.empty() ? 1 : 0;
}

BaselineCheck check_against_baseline(const Json& results, const Baseline& baseline,
                                     const std::string& today) {
  std::map<std::string, const KnownFailure*> entries;
  for (const KnownFailure& entry : baseline.known) {
    entries[key_of(entry.issue, entry.scenario)] = &entry;
  }
  BaselineCheck check;
  for (const Json& scenario : results.value("scenarios", Json::array())) {
    const std::string key =
        key_of(scenario.value("issue", std::string()), scenario.value("name", std::string()));
    const std::string verdict = scenario.value("verdict", std::string());
    const auto entry = entries.find(key);
    const std::string line = key + ": " + verdict + " (" + first_reason(scenario) + ")";
    if (!failing(verdict)) {
      // Only a scenario that ran to a verdict of its own counts as fixed.
      if (entry != entries.end() && verdict == "pass") check.fixed.push_back(key);
      continue;
    }
    if (entry == entries.end()) {
      check.new_failures.push_back(line);
      check.new_error = check.new_error || verdict == "error";
    } else if (entry->second->expires && *entry->second->expires <= today) {
      check.expired.push_back(key + " (expired " + *entry->second->expires + ")");
      check.new_failures.push_back(line);
      check.new_error = check.new_error || verdict == "error";
    } else {
      check.known.push_back(key);
    }
  }
  return check;
}

std::string describe(const BaselineCheck& check, bool strict) {
  std::string text = "baseline: " + std::to_string(check.known.size()) + " known failure(s), " +
                     std::to_string(check.new_failures.size()) + " new, " +
                     std::to_string(check.fixed.size()) + " fixed\n";
  for (const std::string& line : check.new_failures) text += "  NEW FAILURE " + line + "\n";
  for (const std::string& line : check.expired) text += "  expired baseline entry: " + line + "\n";
  for (const std::string& key : check.fixed) {
    text += "  fixed — update the baseline: " + key + " now passes" +
            (strict ? " (--strict-baseline: fails the run)" : "") + "\n";
  }
  return text;
}

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

}  // namespace rm::harness
