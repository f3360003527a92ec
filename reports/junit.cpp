#include <cstdio>

#include "harness/issue_catalog.hpp"
#include "harness/text.hpp"
#include "reports/reports.hpp"

namespace rm::harness {
namespace {

std::string seconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", ms / 1000.0);
  return text;
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double ms = 0;
  void add(const ScenarioResult& result) {
    ++tests;
    ms += result.ms;
    if (result.verdict == Verdict::kFail) ++failures;
    if (result.verdict == Verdict::kError) ++errors;
    if (result.verdict == Verdict::kNotTestable || result.verdict == Verdict::kNotObserved) {
      ++skipped;
    }
  }
  std::string attributes() const {
    return "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
           "\" time=\"" + seconds(ms) + "\"";
  }
};

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string property(const char* name, const std::string& value) {
  return "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
}

// Every finding with its evidence, then the replay command: the body of
// <failure>, or <system-out> for a passing scenario's SHOULD findings.
std::string findings_text(const ScenarioResult& result) {
  std::string text;
  if (!result.reason.empty()) text += result.reason + "\n";
  for (const Finding& finding : result.findings) {
    text += finding.level == Finding::Level::kMust ? "MUST   " : "SHOULD ";
    text += finding.what + "\n";
    if (!finding.evidence.empty()) text += "       evidence: " + finding.evidence + "\n";
  }
  text += "replay: " + result.replay + "\n";
  return text;
}

std::string first_must(const ScenarioResult& result) {
  for (const Finding& finding : result.findings) {
    if (finding.level == Finding::Level::kMust) {
      const int more = result.must_findings() - 1;
      return finding.what + (more > 0 ? " (+" + std::to_string(more) + " more)" : "");
    }
  }
  return result.reason;
}

void write_testcase(const ScenarioResult& result, std::ostream& out) {
  out << "    <testcase" << attribute("name", result.name) << attribute("classname", result.issue)
      << attribute("time", seconds(result.ms));
  if (result.verdict == Verdict::kPass && result.should_findings() == 0) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  const std::string verdict = verdict_name(result.verdict);
  switch (result.verdict) {
    case Verdict::kFail:
      out << "      <failure" << attribute("message", first_must(result))
          << attribute("type", "MUST") << ">" << xml_escape(findings_text(result))
          << "</failure>\n";
      break;
    case Verdict::kError:
      out << "      <error" << attribute("message", result.reason) << attribute("type", "error")
          << ">" << xml_escape(findings_text(result)) << "</error>\n";
      break;
    case Verdict::kNotTestable:
    case Verdict::kNotObserved:
      out << "      <skipped" << attribute("message", verdict + ": " + result.reason) << "/>\n";
      break;
    case Verdict::kPass:
      if (result.should_findings() > 0) {
        out << "      <system-out>" << xml_escape(findings_text(result)) << "</system-out>\n";
      }
      break;
  }
  out << "    </testcase>\n";
}

}  // namespace

std::string xml_escape(const std::string& text) {
  const std::string clean = sanitize_utf8(text);
  std::string out;
  out.reserve(clean.size());
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;  // kept through attribute normalisation
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (byte < 0x20) {
          out += "\xef\xbf\xbd";  // XML 1.0 has no other control characters
        } else if (byte == 0xef && i + 2 < clean.size() &&
                   static_cast<unsigned char>(clean[i + 1]) == 0xbf &&
                   (static_cast<unsigned char>(clean[i + 2]) == 0xbe ||
                    static_cast<unsigned char>(clean[i + 2]) == 0xbf)) {
          out += "\xef\xbf\xbd";  // U+FFFE and U+FFFF are not XML characters
          i += 2;
        } else {
          out += c;
        }
    }
  }
  return out;
}

void write_junit(const RunResult& run, std::ostream& out) {
  // Totals over exactly the testcases written, so that the counts always agree.
  Counts total;
  for (const IssueInfo& issue : issue_catalog()) {
    for (const ScenarioResult* result : run.of_issue(issue.id)) total.add(*result);
  }
  total.ms = run.total_ms;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attribute("name", "harness " + run.target) << " " << total.attributes()
      << ">\n";
  for (const IssueInfo& issue : issue_catalog()) {
    const std::vector<const ScenarioResult*> results = run.of_issue(issue.id);
    if (results.empty()) continue;
    Counts counts;
    for (const ScenarioResult* result : results) counts.add(*result);
    out << "  <testsuite" << attribute("name", issue.id) << " " << counts.attributes() << ">\n";
    out << "    <properties>\n";
    out << property("issue", issue.id) << property("title", issue.title)
        << property("target", run.target) << property("seed", std::to_string(run.seed));
    if (run.defect) out << property("defect", *run.defect);
    out << "    </properties>\n";
    for (const ScenarioResult* result : results) write_testcase(*result, out);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace rm::harness
