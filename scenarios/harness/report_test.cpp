// The report writers: junit.xml well-formed with consistent counts (read back by
// a strict little reader, and by xmllint when installed), summary.md with all
// thirteen issues and the evidence, results.json as data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/text.hpp"
#include "reports/html_report.hpp"
#include "reports/reports.hpp"
#include "scenarios/harness/tiny_xml.hpp"

namespace rm::harness {
namespace {

using test::TinyXml;
using test::XmlElement;

// Evidence with everything XML, Markdown and JSON find awkward.
const std::string kNasty =
    std::string("a<b>&\"c\" 'd' ]]> |pipe| \x01\x1f bad\xff\xfe utf8 \xc3\xa9 ```x```") +
    std::string(1, '\0') + "end";

ScenarioResult result(const std::string& issue, const std::string& name, Verdict verdict) {
  ScenarioResult r;
  r.issue = issue;
  r.name = name;
  r.description = "desc of " + name;
  r.verdict = verdict;
  r.runs = 1;
  r.ms = 12.5;
  r.replay =
      "harness run --target embedded --issues " + issue + " --scenario " + name + " --seed 1";
  return r;
}

RunResult sample_run() {
  RunResult run;
  run.target = "embedded --defect API-002";
  run.defect = "API-002";
  run.total_ms = 99;
  run.scenarios.push_back(result("API-001", "parse_throws", Verdict::kPass));
  ScenarioResult fail = result("API-002", "concurrent_first_uploads", Verdict::kFail);
  fail.reason = "failed in 1 of 1 run";
  fail.findings.push_back({Finding::Level::kMust, "exactly one master", kNasty});
  fail.findings.push_back({Finding::Level::kMust, "one response says is_master", "POST -> 200"});
  fail.findings.push_back({Finding::Level::kShould, "a should", "ev"});
  fail.failed_runs = 1;
  fail.transcript.push_back({"POST /api/v1/resumes/upload [multipart/form-data, 10 bytes]", 200,
                             "{\"processing_status\": \"ready\"} " + kNasty});
  fail.transcript_dropped = 3;
  fail.journal = Json::array({{{"component", "llm"},
                               {"operation", "parse_resume"},
                               {"call", 1},
                               {"attempt", 2},
                               {"rule", 0},
                               {"action", "fail"},
                               {"t_ms", 4}}});
  run.scenarios.push_back(fail);
  ScenarioResult not_testable = result("API-002", "statistical", Verdict::kNotObserved);
  not_testable.reason = "no violation observed in 20 rounds";
  not_testable.statistical = true;
  not_testable.runs = 20;
  run.scenarios.push_back(not_testable);
  ScenarioResult skipped = result("API-005", "legacy", Verdict::kNotTestable);
  skipped.reason = "needs hook 'fixture_db': \"url\" target <none>";
  run.scenarios.push_back(skipped);
  ScenarioResult error = result("API-011", "deleted_during_parse", Verdict::kError);
  error.reason = "connection refused & " + kNasty;
  run.scenarios.push_back(error);
  ScenarioResult warned = result("API-009", "outreach_fails", Verdict::kPass);
  warned.findings.push_back({Finding::Level::kShould, "outreach_status says failed", "ev <x>"});
  run.scenarios.push_back(warned);
  return run;
}

TEST(JunitReport, WellFormedWithConsistentCounts) {
  const RunResult run = sample_run();
  std::ostringstream out;
  write_junit(run, out);
  std::unique_ptr<XmlElement> root;
  ASSERT_NO_THROW(root = TinyXml::parse(out.str())) << out.str();
  ASSERT_EQ(root->name, "testsuites");

  int tests = 0, failures = 0, errors = 0, skipped = 0;
  for (const XmlElement* suite : root->all("testsuite")) {
    const auto cases = suite->all("testcase");
    int f = 0, e = 0, s = 0;
    for (const XmlElement* c : cases) {
      f += c->first("failure") != nullptr;
      e += c->first("error") != nullptr;
      s += c->first("skipped") != nullptr;
      EXPECT_EQ(c->attributes.at("classname"), suite->attributes.at("name"));
    }
    EXPECT_EQ(suite->number("tests"), static_cast<int>(cases.size()));
    EXPECT_EQ(suite->number("failures"), f);
    EXPECT_EQ(suite->number("errors"), e);
    EXPECT_EQ(suite->number("skipped"), s);
    const XmlElement* properties = suite->first("properties");
    ASSERT_NE(properties, nullptr);
    bool has_issue = false;
    for (const XmlElement* p : properties->all("property")) {
      if (p->attributes.at("name") == "issue") {
        has_issue = p->attributes.at("value") == suite->attributes.at("name");
      }
    }
    EXPECT_TRUE(has_issue) << suite->attributes.at("name");
    tests += suite->number("tests");
    failures += f;
    errors += e;
    skipped += s;
  }
  EXPECT_EQ(root->all("testsuite").size(), 5u);  // API-001, 002, 005, 009, 011
  EXPECT_EQ(root->number("tests"), 6);
  EXPECT_EQ(root->number("tests"), tests);
  EXPECT_EQ(root->number("failures"), failures);
  EXPECT_EQ(root->number("errors"), errors);
  EXPECT_EQ(root->number("skipped"), skipped);
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(skipped, 2);

  // The failure carries the evidence and the replay command; skipped says why.
  const std::string xml = out.str();
  EXPECT_NE(xml.find("a&lt;b&gt;&amp;&quot;c&quot;"), std::string::npos);
  EXPECT_NE(xml.find("replay: harness run --target embedded --issues API-002"), std::string::npos);
  EXPECT_NE(xml.find("skipped message=\"not_testable: needs hook &apos;fixture_db&apos;"),
            std::string::npos);
  EXPECT_NE(xml.find("exactly one master (+1 more)"), std::string::npos);
}

TEST(JunitReport, XmllintAcceptsIt) {
  // scripts/setup installs libxml2-utils; without it this check must not pass silently.
  ASSERT_EQ(std::system("command -v xmllint >/dev/null 2>&1"), 0)
      << "xmllint not installed (Debian package libxml2-utils; run scripts/setup)";
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("rm-harness-junit-" + std::to_string(::getpid()) + ".xml");
  {
    std::ofstream out(file);
    write_junit(sample_run(), out);
  }
  const std::string command = "xmllint --noout '" + file.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::filesystem::remove(file);
}

TEST(JunitReport, EscapesWhatXmlCannotCarry) {
  EXPECT_EQ(xml_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
  EXPECT_EQ(xml_escape(std::string("a\x01"
                                   "b")),
            "a\xef\xbf\xbd"
            "b");
  EXPECT_EQ(xml_escape("bad\xff"), "bad\xef\xbf\xbd");
  EXPECT_EQ(xml_escape("\xef\xbf\xbe"), "\xef\xbf\xbd");  // U+FFFE
  EXPECT_EQ(xml_escape("\xc3\xa9\n"), "\xc3\xa9&#10;");
}

TEST(JunitReport, EmptyRun) {
  std::ostringstream out;
  write_junit(RunResult{}, out);
  const auto root = TinyXml::parse(out.str());
  EXPECT_EQ(root->number("tests"), 0);
  EXPECT_TRUE(root->all("testsuite").empty());
}

TEST(MarkdownReport, ShowsAllThirteenIssuesAndTheEvidence) {
  std::ostringstream out;
  write_summary_markdown(sample_run(), out);
  const std::string md = out.str();
  for (int i = 1; i <= 13; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "| API-%03d |", i);
    EXPECT_NE(md.find(id), std::string::npos) << id;
  }
  EXPECT_NE(md.find("| API-003 | set master on a missing id | not run |"), std::string::npos) << md;
  EXPECT_NE(md.find("**fail** ([evidence](#api-002-concurrent-first-uploads))"), std::string::npos)
      << md;
  EXPECT_NE(md.find("<a id=\"api-002-concurrent-first-uploads\"></a>"), std::string::npos);
  EXPECT_NE(md.find("- **MUST** exactly one master"), std::string::npos);
  EXPECT_NE(md.find("````\na<b>"), std::string::npos) << "fence longer than the ``` inside";
  EXPECT_NE(md.find("Replay: `harness run --target embedded --issues API-002"), std::string::npos);
  EXPECT_NE(md.find("- **SHOULD** outreach_status says failed"), std::string::npos);
  EXPECT_NE(md.find("needs hook 'fixture_db'"), std::string::npos);
}

TEST(JsonReport, RoundTripsAsData) {
  std::ostringstream out;
  write_results_json(sample_run(), out);
  const Json json = Json::parse(out.str());
  EXPECT_EQ(json["target"], "embedded --defect API-002");
  EXPECT_EQ(json["defect"], "API-002");
  EXPECT_EQ(json["exit_code"], 2);
  EXPECT_EQ(json["counts"]["fail"], 1);
  EXPECT_EQ(json["issues"].size(), 13u);
  EXPECT_EQ(json["issues"]["API-002"]["verdict"], "fail");
  EXPECT_TRUE(json["issues"]["API-003"]["verdict"].is_null());
  ASSERT_EQ(json["scenarios"].size(), 6u);
  EXPECT_EQ(json["scenarios"][1]["findings"][0]["level"], "must");
  EXPECT_EQ(json["scenarios"][2]["statistical"], true);
  const Json& evidence = json["scenarios"][1];
  ASSERT_EQ(evidence["transcript"].size(), 1u);
  EXPECT_EQ(evidence["transcript"][0]["status"], 200);
  EXPECT_EQ(evidence["transcript"][0]["request"].get<std::string>().rfind("POST ", 0), 0u);
  EXPECT_EQ(evidence["transcript_dropped"], 3);
  EXPECT_EQ(evidence["journal"][0]["attempt"], 2);
  // A run whose journal could not be read says so rather than claiming an empty one.
  EXPECT_TRUE(json["scenarios"][0]["journal"].is_null());
}

TEST(Reports, WritesTheThreeFiles) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("rm-harness-reports-" + std::to_string(::getpid())) / "nested";
  const auto paths = write_reports(sample_run(), dir);
  ASSERT_EQ(paths.size(), 4u);
  for (const auto& path : paths) EXPECT_GT(std::filesystem::file_size(path), 100u) << path;
  EXPECT_EQ(paths[0].filename(), "junit.xml");
  EXPECT_EQ(paths[3].filename(), "report.html");
  std::filesystem::remove_all(dir.parent_path());
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

TEST(HtmlReport, ThirteenIssueRowsEvidenceAndNothingExternal) {
  std::ostringstream out;
  write_html_report(sample_run(), out);
  const std::string html = out.str();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(occurrences(html, "<tr class=\"v-"), 13u + 6u);  // issues, then scenarios
  EXPECT_EQ(occurrences(html, " data-issue=\""), 13u);
  EXPECT_NE(html.find("data-issue=\"API-002\" data-verdict=\"fail\""), std::string::npos);
  EXPECT_NE(html.find("data-issue=\"API-003\" data-verdict=\"not_run\""), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Transcript: 1 exchanges (3 more not kept)"), std::string::npos);
  EXPECT_NE(html.find("<td>parse_resume</td>"), std::string::npos);  // the journal
  EXPECT_NE(html.find("--scenario concurrent_first_uploads --seed 1"), std::string::npos);
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(HtmlReport, EscapesWhatATargetSent) {
  std::ostringstream out;
  write_html_report(sample_run(), out);
  const std::string html = out.str();
  EXPECT_EQ(html.find("a<b>"), std::string::npos);
  EXPECT_NE(html.find("a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;"), std::string::npos);
  EXPECT_TRUE(is_printable_text(html));
  EXPECT_EQ(html_escape("<script>x</script>\xff"), "&lt;script&gt;x&lt;/script&gt;\xef\xbf\xbd");
}

TEST(HtmlReport, HeatMapOfDefectsByScenario) {
  RunResult clean = sample_run();
  clean.defect.reset();
  for (ScenarioResult& r : clean.scenarios) r.verdict = Verdict::kPass;
  RunResult broken = sample_run();
  broken.scenarios.pop_back();  // a scenario that one run did not run
  std::ostringstream out;
  write_heat_map_html({clean, broken}, out);
  const std::string html = out.str();
  EXPECT_NE(html.find("<th data-defect=\"none\">none</th><th data-defect=\"API-002\">"),
            std::string::npos);
  EXPECT_EQ(occurrences(html, "<tr data-scenario="), 6u);
  EXPECT_NE(html.find("<tr data-scenario=\"API-002/concurrent_first_uploads\"><th "
                      "class=\"scenario\">API-002 concurrent_first_uploads</th><td "
                      "class=\"v-pass\" data-verdict=\"pass\""),
            std::string::npos);
  EXPECT_NE(html.find("data-verdict=\"not_run\""), std::string::npos);
}

TEST(ConsoleReport, TableFailuresAndReasons) {
  std::ostringstream out;
  write_console_summary(sample_run(), out);
  const std::string text = out.str();
  EXPECT_NE(text.find("API-002  fail"), std::string::npos) << text;
  EXPECT_NE(text.find("API-003  not run"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL API-002 concurrent_first_uploads (seed 1)"), std::string::npos);
  EXPECT_NE(text.find("replay: harness run --target embedded --issues API-002"), std::string::npos);
  EXPECT_NE(text.find("not_testable API-005 legacy: needs hook 'fixture_db'"), std::string::npos);
}

}  // namespace
}  // namespace rm::harness
