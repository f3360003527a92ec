#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "harness/issue_catalog.hpp"
#include "harness/text.hpp"
#include "reports/html_report.hpp"

#include "reports/reports.hpp"

namespace rm::harness {
namespace {

// One stylesheet, inline: the file must open offline and be mailed or archived
// as a CI artifact on its own. Colours follow the verdicts and are kept when
// printed (print-color-adjust); the verdict is also written out, for greyscale.
constexpr const char* kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1b1b1b}
h1{font-size:1.6em;margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}td.num{text-align:right}
.v-pass{background:#d9f2d9}.v-fail{background:#f8d0d0}.v-error{background:#fbe0b8}
.v-not_testable{background:#e4e4e4}
.v-not_observed{background:#fff3b0}
.v-not_run{background:#fff;color:#777}
.verdict{font-weight:600;white-space:nowrap}
article.scenario{border:1px solid #bbb;border-left:6px solid #888;padding:.4em .8em;
 margin:1em 0;break-inside:avoid-page}
article.v-fail{border-left-color:#c62828}article.v-error{border-left-color:#e65100}
article.v-not_testable{border-left-color:#757575}
article.v-not_observed{border-left-color:#c9a800}
article.v-pass{border-left-color:#2e7d32}
li.must>b{color:#b71c1c}li.should>b{color:#8a6d00}
pre,code{font:12px/1.35 ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre-wrap;
 overflow-wrap:anywhere}
pre{background:#f6f6f6;padding:.3em .5em;margin:.2em 0}
ol.transcript li{margin:.2em 0}.status{font-weight:600}
table.heat td{text-align:center;min-width:2.2em}
table.heat th.scenario{text-align:left;font-weight:normal}
.meta{color:#444}
@media print{body{margin:0;font-size:10pt}details>summary{list-style:none}
 .v-pass,.v-fail,.v-error,.v-not_testable,.v-not_observed{-webkit-print-color-adjust:exact;
  print-color-adjust:exact}
 tr,li{break-inside:avoid}a{color:inherit;text-decoration:none}}
)css";

const char* kVerdictOrder[] = {"pass", "fail", "error", "not_testable", "not_observed"};

std::string ms_text(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", ms);
  return text;
}

std::string anchor(const ScenarioResult& result) {
  std::string id = "s-" + result.issue + "-" + result.name;
  for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '-';
  return id;
}

bool shows_evidence(const ScenarioResult& result) {
  return result.verdict == Verdict::kFail || result.verdict == Verdict::kError;
}

void write_head(std::ostream& out, const std::string& title) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>" << kStyle << "</style>\n"
      << "</head>\n<body>\n";
}

void write_issue_table(const RunResult& run, std::ostream& out) {
  out << "<section id=\"issues\">\n<h2>Issues</h2>\n<table class=\"issues\">\n"
      << "<thead><tr><th>Issue</th><th>Title</th><th>Verdict</th><th>Scenarios</th>"
      << "<th>MUST findings</th><th>SHOULD findings</th><th>ms</th></tr></thead>\n<tbody>\n";
  for (const IssueInfo& issue : issue_catalog()) {
    const auto verdict = issue_verdict(run, issue.id);
    const std::string name = verdict ? verdict_name(*verdict) : "not_run";
    int musts = 0, shoulds = 0;
    double ms = 0;
    const std::vector<const ScenarioResult*> results = run.of_issue(issue.id);
    for (const ScenarioResult* result : results) {
      musts += result->must_findings();
      shoulds += result->should_findings();
      ms += result->ms;
    }
    out << "<tr class=\"v-" << name << "\" data-issue=\"" << html_escape(issue.id)
        << "\" data-verdict=\"" << name << "\"><td>" << html_escape(issue.id) << "</td><td>"
        << html_escape(issue.title) << "</td><td class=\"verdict\">" << (verdict ? name : "not run")
        << "</td><td class=\"num\">" << results.size() << "</td><td class=\"num\">" << musts
        << "</td><td class=\"num\">" << shoulds << "</td><td class=\"num\">" << ms_text(ms)
        << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void write_scenario_table(const RunResult& run, std::ostream& out) {
  out << "<section id=\"scenarios\">\n<h2>Scenarios</h2>\n<table class=\"scenarios\">\n"
      << "<thead><tr><th>Issue</th><th>Scenario</th><th>Verdict</th><th>MUST</th>"
      << "<th>SHOULD</th><th>Runs</th><th>Seed</th><th>ms</th></tr></thead>\n<tbody>\n";
  for (const ScenarioResult& result : run.scenarios) {
    const std::string name = verdict_name(result.verdict);
    const bool linked =
        shows_evidence(result) || !result.findings.empty() || result.verdict != Verdict::kPass;
    out << "<tr class=\"v-" << name << "\" data-scenario=\""
        << html_escape(result.issue + "/" + result.name) << "\" data-verdict=\"" << name
        << "\"><td>" << html_escape(result.issue) << "</td><td>";
    if (linked) {
      out << "<a href=\"#" << anchor(result) << "\">" << html_escape(result.name) << "</a>";
    } else {
      out << html_escape(result.name);
    }
    out << "</td><td class=\"verdict\">" << name << "</td><td class=\"num\">"
        << result.must_findings() << "</td><td class=\"num\">" << result.should_findings()
        << "</td><td class=\"num\">";
    if (result.runs > 1) out << result.failed_runs << "/";
    out << result.runs << "</td><td class=\"num\">" << result.seed << "</td><td class=\"num\">"
        << ms_text(result.ms) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void write_transcript(const ScenarioResult& result, std::ostream& out) {
  out << "<details class=\"transcript\" open><summary>Transcript: " << result.transcript.size()
      << " exchanges";
  if (result.transcript_dropped > 0) out << " (" << result.transcript_dropped << " more not kept)";
  out << "</summary>\n<ol class=\"transcript\">\n";
  for (const TranscriptEntry& entry : result.transcript) {
    out << "<li><code>" << html_escape(entry.request) << "</code> &rarr; <span class=\"status\">"
        << entry.status << "</span>";
    if (!entry.response.empty()) out << "<pre>" << html_escape(entry.response) << "</pre>";
    out << "</li>\n";
  }
  out << "</ol>\n</details>\n";
}

// The journal's entries have a documented shape (docs/fault-plan.md) but come
// from the target's side: unknown keys are shown, not dropped.
void write_journal(const ScenarioResult& result, std::ostream& out) {
  if (!result.journal.is_array()) {
    out << "<p class=\"journal\">Journal: could not be read from the target.</p>\n";
    return;
  }
  out << "<details class=\"journal\" open><summary>Journal: " << result.journal.size()
      << " entries (LLM calls with their fault, store faults, gate events)</summary>\n";
  if (result.journal.empty()) {
    out << "<p>No fault fired.</p>\n</details>\n";
    return;
  }
  static const char* const kColumns[] = {"t_ms",    "component", "operation", "call",
                                         "attempt", "action",    "event",     "gate"};
  out << "<table class=\"journal\"><thead><tr>";
  for (const char* column : kColumns) out << "<th>" << column << "</th>";
  out << "<th>other</th></tr></thead>\n<tbody>\n";
  for (const Json& entry : result.journal) {
    out << "<tr>";
    Json rest = entry.is_object() ? entry : Json{{"entry", entry}};
    for (const char* column : kColumns) {
      out << "<td>";
      if (rest.contains(column)) {
        const Json& value = rest[column];
        out << html_escape(value.is_string()
                               ? value.get<std::string>()
                               : value.dump(-1, ' ', false, Json::error_handler_t::replace));
        rest.erase(column);
      }
      out << "</td>";
    }
    out << "<td><code>"
        << (rest.empty() ? ""
                         : html_escape(rest.dump(-1, ' ', false, Json::error_handler_t::replace)))
        << "</code></td></tr>\n";
  }
  out << "</tbody>\n</table>\n</details>\n";
}

void write_scenario_details(const ScenarioResult& result, std::ostream& out) {
  const std::string name = verdict_name(result.verdict);
  out << "<article class=\"scenario v-" << name << "\" id=\"" << anchor(result)
      << "\" data-scenario=\"" << html_escape(result.issue + "/" + result.name)
      << "\" data-verdict=\"" << name << "\">\n<h3>" << html_escape(result.issue) << " "
      << html_escape(result.name) << " &mdash; <span class=\"verdict\">" << name
      << "</span></h3>\n";
  if (!result.description.empty()) out << "<p>" << html_escape(result.description) << "</p>\n";
  if (!result.reason.empty()) {
    out << "<p><b>Reason:</b> " << html_escape(result.reason) << "</p>\n";
  }
  if (!result.findings.empty()) {
    out << "<ul class=\"findings\">\n";
    for (const Finding& finding : result.findings) {
      const bool must = finding.level == Finding::Level::kMust;
      out << "<li class=\"" << (must ? "must" : "should") << "\"><b>" << (must ? "MUST" : "SHOULD")
          << "</b> " << html_escape(finding.what);
      if (finding.interleaving) out << " <i>(interleaving)</i>";
      if (!finding.evidence.empty()) out << "<pre>" << html_escape(finding.evidence) << "</pre>";
      out << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "<p class=\"meta\">Seed " << result.seed << "; " << result.runs
      << (result.statistical ? " statistical rounds" : " run(s)") << ", " << result.failed_runs
      << " failed; " << ms_text(result.ms) << " ms. Replay: <code>" << html_escape(result.replay)
      << "</code></p>\n";
  if (shows_evidence(result)) {
    write_transcript(result, out);
    write_journal(result, out);
  }
  out << "</article>\n";
}

std::string verdict_letter(const std::string& name) {
  if (name == "pass") return "P";
  if (name == "fail") return "F";
  if (name == "error") return "E";
  if (name == "not_testable") return "NT";
  if (name == "not_observed") return "NO";
  return "";
}

}  // namespace

std::string html_escape(std::string_view text) {
  // Control characters go first (printable), then the XML escapes serve HTML too.
  return xml_escape(printable(text));
}

void write_html_report(const RunResult& run, std::ostream& out) {
  write_head(out, "Harness report: " + run.target);
  out << "<header>\n<h1>Harness report</h1>\n<p class=\"meta\">Target <code>"
      << html_escape(run.target) << "</code>; defect "
      << html_escape(run.defect ? *run.defect : std::string("none")) << "; seed " << run.seed
      << "; " << run.scenarios.size() << " scenarios in " << ms_text(run.total_ms)
      << " ms; exit code " << run.exit_code() << ".</p>\n<p class=\"counts\">";
  for (const char* name : kVerdictOrder) {
    out << "<span class=\"v-" << name << "\">&nbsp;" << name << ": "
        << run.count(*parse_verdict(name)) << "&nbsp;</span> ";
  }
  out << "</p>\n</header>\n";
  write_issue_table(run, out);
  write_scenario_table(run, out);
  out << "<section id=\"details\">\n<h2>Findings and evidence</h2>\n";
  bool any = false;
  for (const ScenarioResult& result : run.scenarios) {
    if (result.verdict == Verdict::kPass && result.findings.empty()) continue;
    write_scenario_details(result, out);
    any = true;
  }
  if (!any) out << "<p>Every scenario passed with no finding.</p>\n";
  out << "</section>\n</body>\n</html>\n";
}

void write_heat_map_html(const std::vector<RunResult>& runs, std::ostream& out) {
  write_head(out, "Harness heat map");
  // Rows: every scenario any run ran, by issue and name; columns: the runs, by defect.
  std::set<std::pair<std::string, std::string>> scenarios;
  std::vector<std::map<std::pair<std::string, std::string>, std::string>> verdicts;
  for (const RunResult& run : runs) {
    auto& of_run = verdicts.emplace_back();
    for (const ScenarioResult& result : run.scenarios) {
      scenarios.emplace(result.issue, result.name);
      of_run[{result.issue, result.name}] = verdict_name(result.verdict);
    }
  }
  out << "<header>\n<h1>Defect &times; scenario</h1>\n<p class=\"meta\">" << runs.size()
      << " runs; a cell is the scenario's verdict with that defect switched on "
      << "(P pass, F fail, E error, NT not_testable, NO not_observed).</p>\n</header>\n"
      << "<table class=\"heat\">\n<thead><tr><th>Scenario</th>";
  for (const RunResult& run : runs) {
    out << "<th data-defect=\"" << html_escape(run.defect.value_or("none")) << "\">"
        << html_escape(run.defect.value_or("none")) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& [issue, name] : scenarios) {
    out << "<tr data-scenario=\"" << html_escape(issue + "/" + name) << "\"><th class=\"scenario\">"
        << html_escape(issue) << " " << html_escape(name) << "</th>";
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto found = verdicts[i].find({issue, name});
      const std::string verdict = found == verdicts[i].end() ? "not_run" : found->second;
      out << "<td class=\"v-" << verdict << "\" data-verdict=\"" << verdict << "\" title=\""
          << html_escape(runs[i].defect.value_or("none") + ": " + verdict) << "\">"
          << verdict_letter(verdict) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</body>\n</html>\n";
}

}  // namespace rm::harness
