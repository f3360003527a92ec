#pragma once
// What a run leaves behind: the console summary, and with --report DIR four
// files (report.html: html_report.hpp): junit.xml (one testsuite per issue, one testcase per
// scenario), summary.md (the issue x verdict table for all thirteen issues, with every finding's
// evidence) and results.json (the RunResult as data). One writer per format: console.cpp,
// junit.cpp, markdown.cpp, json.cpp.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "harness/run_result.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

// The issue x verdict table, then each failure / error with its findings and
// replay command, then the reasons for not_testable and not_observed.
void write_console_summary(const RunResult& run, std::ostream& out);

// JUnit XML: <testsuites> with one <testsuite> per issue that ran (the issue id as
// its name and as a property), one <testcase> per scenario; fail -> <failure>,
// error -> <error>, not_testable / not_observed -> <skipped message="...">.
void write_junit(const RunResult& run, std::ostream& out);
// `text` escaped for XML 1.0 content and attribute values; ill-formed UTF-8 and
// characters XML cannot carry become U+FFFD.
std::string xml_escape(const std::string& text);

void write_summary_markdown(const RunResult& run, std::ostream& out);

// results.json's layout version: bumped when a field changes meaning or goes.
inline constexpr int kResultsSchema = 1;
Json results_json(const RunResult& run);
void write_results_json(const RunResult& run, std::ostream& out);

// Creates `dir` and writes junit.xml, summary.md, results.json and report.html
// (reports/html_report.hpp) into it;
// returns their paths. Throws std::runtime_error when a file cannot be written.
std::vector<std::filesystem::path> write_reports(const RunResult& run,
                                                 const std::filesystem::path& dir);

}  // namespace rm::harness
