#include <algorithm>
#include <cctype>
#include <cstdio>

#include "harness/issue_catalog.hpp"
#include "harness/text.hpp"
#include "reports/reports.hpp"

namespace rm::harness {
namespace {

// A table cell: one line, pipes escaped.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : printable(text)) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A fenced block that no backtick run inside `text` can close early.
std::string code_block(const std::string& text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fence + "\n" + printable(text) + "\n" + fence + "\n";
}

std::string anchor(const ScenarioResult& result) {
  std::string id = result.issue + "-" + result.name;
  for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '-';
  return id;
}

std::string ms_text(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", ms);
  return text;
}

bool has_details(const ScenarioResult& result) {
  return result.verdict != Verdict::kPass || !result.findings.empty();
}

}  // namespace

void write_summary_markdown(const RunResult& run, std::ostream& out) {
  out << "# Harness summary\n\n";
  out << "Target: `" << run.target << "`; defect: " << (run.defect ? *run.defect : "none")
      << "; seed " << run.seed << "; " << run.scenarios.size() << " scenarios in "
      << ms_text(run.total_ms) << " ms.\n\n";
  out << "Verdicts: pass " << run.count(Verdict::kPass) << ", fail " << run.count(Verdict::kFail)
      << ", not_testable " << run.count(Verdict::kNotTestable) << ", not_observed "
      << run.count(Verdict::kNotObserved) << ", error " << run.count(Verdict::kError) << ".\n\n";

  out << "## Issues\n\n";
  out << "| Issue | Fault contract | Verdict | Scenarios | pass | fail | not_testable | "
         "not_observed | error |\n";
  out << "|---|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (const IssueInfo& issue : issue_catalog()) {
    const std::vector<const ScenarioResult*> results = run.of_issue(issue.id);
    const auto verdict = issue_verdict(run, issue.id);
    int counts[5] = {0, 0, 0, 0, 0};
    for (const ScenarioResult* result : results) ++counts[static_cast<int>(result->verdict)];
    std::string shown = verdict ? verdict_name(*verdict) : "not run";
    if (verdict && *verdict != Verdict::kPass) {
      // Link to the first scenario that explains the verdict.
      for (const ScenarioResult* result : results) {
        if (result->verdict == *verdict) {
          shown = "**" + shown + "** ([evidence](#" + anchor(*result) + "))";
          break;
        }
      }
    }
    out << "| " << issue.id << " | " << cell(issue.title) << " | " << shown << " | "
        << results.size() << " | " << counts[static_cast<int>(Verdict::kPass)] << " | "
        << counts[static_cast<int>(Verdict::kFail)] << " | "
        << counts[static_cast<int>(Verdict::kNotTestable)] << " | "
        << counts[static_cast<int>(Verdict::kNotObserved)] << " | "
        << counts[static_cast<int>(Verdict::kError)] << " |\n";
  }

  out << "\n## Scenarios\n\n";
  out << "| Issue | Scenario | Verdict | ms | Runs | Why |\n";
  out << "|---|---|---|---:|---:|---|\n";
  for (const ScenarioResult& result : run.scenarios) {
    std::string name = "`" + result.name + "`";
    if (has_details(result)) name = "[" + name + "](#" + anchor(result) + ")";
    out << "| " << result.issue << " | " << name << " | " << verdict_name(result.verdict) << " | "
        << ms_text(result.ms) << " | " << result.runs << (result.statistical ? " rounds" : "")
        << " | " << cell(result.reason) << " |\n";
  }

  out << "\n## Findings\n";
  bool any = false;
  for (const ScenarioResult& result : run.scenarios) {
    if (!has_details(result)) continue;
    any = true;
    out << "\n<a id=\"" << anchor(result) << "\"></a>\n";
    out << "### " << result.issue << " " << result.name << ": " << verdict_name(result.verdict)
        << "\n\n";
    if (!result.description.empty()) out << cell(result.description) << "\n\n";
    if (!result.reason.empty()) out << "Why: " << cell(result.reason) << "\n\n";
    for (const Finding& finding : result.findings) {
      out << "- **" << (finding.level == Finding::Level::kMust ? "MUST" : "SHOULD") << "** "
          << cell(finding.what) << "\n";
      if (!finding.evidence.empty()) {
        out << "\n" << code_block(finding.evidence) << "\n";
      }
    }
    out << "Replay: `" << result.replay << "`\n";
  }
  if (!any) out << "\nNone: every scenario passed with no finding.\n";
}

}  // namespace rm::harness
