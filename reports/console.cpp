#include <cstdio>

#include "harness/issue_catalog.hpp"
#include "harness/text.hpp"
#include "reports/reports.hpp"

namespace rm::harness {
namespace {

std::string row(const std::string& issue, const std::string& verdict, const int counts[5]) {
  char text[160];
  std::snprintf(text, sizeof text, "%-8s %-13s %5d %5d %13d %13d %6d", issue.c_str(),
                verdict.c_str(), counts[0], counts[1], counts[2], counts[3], counts[4]);
  return text;
}

// Continuation lines of a multi-line evidence line up under its first line.
std::string indented(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += "                     ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

void print_findings(const ScenarioResult& result, std::ostream& out) {
  for (const Finding& finding : result.findings) {
    out << "    " << (finding.level == Finding::Level::kMust ? "MUST   " : "SHOULD ")
        << printable(finding.what) << "\n";
    if (!finding.evidence.empty()) {
      out << "           evidence: " << indented(printable(finding.evidence)) << "\n";
    }
  }
}

}  // namespace

void write_console_summary(const RunResult& run, std::ostream& out) {
  out << "\nSummary (" << run.target << (run.defect ? ", defect " + *run.defect : "") << ")\n";
  out << "Issue    Verdict        pass  fail  not_testable  not_observed  error\n";
  for (const IssueInfo& issue : issue_catalog()) {
    int counts[5] = {0, 0, 0, 0, 0};
    for (const ScenarioResult* result : run.of_issue(issue.id)) {
      ++counts[static_cast<int>(result->verdict)];
    }
    const auto verdict = issue_verdict(run, issue.id);
    out << row(issue.id, verdict ? verdict_name(*verdict) : "not run", counts) << "\n";
  }
  const int totals[5] = {run.count(Verdict::kPass), run.count(Verdict::kFail),
                         run.count(Verdict::kNotTestable), run.count(Verdict::kNotObserved),
                         run.count(Verdict::kError)};
  out << row("total", "", totals) << "\n";

  for (const ScenarioResult& result : run.scenarios) {
    if (result.verdict != Verdict::kFail && result.verdict != Verdict::kError) continue;
    out << "\n"
        << (result.verdict == Verdict::kFail ? "FAIL " : "ERROR ") << result.issue << " "
        << result.name << " (seed " << result.seed << ")";
    if (!result.reason.empty()) out << ": " << printable(result.reason);
    out << "\n";
    print_findings(result, out);
    out << "    replay: " << result.replay << "\n";
  }
  bool header = false;
  for (const ScenarioResult& result : run.scenarios) {
    if (result.verdict != Verdict::kNotTestable && result.verdict != Verdict::kNotObserved) {
      continue;
    }
    if (!header) out << "\nNot decided (never a pass):\n";
    header = true;
    out << "  " << verdict_name(result.verdict) << " " << result.issue << " " << result.name << ": "
        << result.reason << "\n";
  }
}

}  // namespace rm::harness
