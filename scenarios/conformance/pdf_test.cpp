// Contract section 1, PDFs: GET /resumes/{id}/pdf and GET /resumes/{id}/cover-letter/pdf.
// Every PDF is checked with poppler's pdfinfo (it parses) and pdftotext (it says
// what it should).
#include <sys/wait.h>

#include <cstdio>
#include <memory>

#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm::test {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult run(const std::string& command) {
  CommandResult result;
  struct Closer {
    void operator()(FILE* pipe) const { ::pclose(pipe); }
  };
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, got);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// pdftotext collapses layout; compare with whitespace squeezed.
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A PDF response: status, type, %PDF magic, pdfinfo parses it and pdftotext finds `text`.
// Returns pdfinfo's output for further checks.
std::string expect_valid_pdf(const HttpResponse& response, const std::string& text) {
  EXPECT_EQ(response.status, 200) << response.body.substr(0, 400);
  EXPECT_NE(response.header("content-type").find("application/pdf"), std::string::npos)
      << "content-type: " << response.header("content-type");
  EXPECT_EQ(response.body.rfind("%PDF", 0), 0u) << "the body starts with %PDF";
  TempDir dir("rm-conformance-pdf");
  const auto file = dir.write("out.pdf", response.body);
  const auto info = run("pdfinfo '" + file.string() + "'");
  EXPECT_EQ(info.exit_code, 0) << "pdfinfo: " << info.output;
  const auto words = run("pdftotext '" + file.string() + "' -");
  EXPECT_EQ(words.exit_code, 0) << "pdftotext: " << words.output;
  EXPECT_NE(squeeze(words.output).find(squeeze(text)), std::string::npos)
      << "pdftotext output does not contain '" << text << "':\n"
      << words.output;
  return info.output;
}

class PdfTest : public ReferenceServerTest {
 protected:
  void SetUp() override {
    ReferenceServerTest::SetUp();
    if (HasFatalFailure()) return;
    resume_id_ = upload_resume(client(), sample_resume_text("Ada Lovelace"));
  }
  std::string pdf_path(const std::string& query = "") {
    return api("/resumes/" + resume_id_ + "/pdf") + (query.empty() ? "" : "?" + query);
  }
  std::string resume_id_;
};

TEST_F(PdfTest, ResumePdfIsAValidAttachmentNamingTheResume) {
  const auto response = client().get(pdf_path());
  const auto info = expect_valid_pdf(response, "Ada Lovelace");
  EXPECT_EQ(response.header("content-disposition"),
            "attachment; filename=\"resume_" + resume_id_ + ".pdf\"");
  EXPECT_NE(info.find("595"), std::string::npos) << "A4 by default:\n" << info;
}

TEST_F(PdfTest, ResumePdfAcceptsEveryQueryParameterAtItsBounds) {
  const std::string low =
      "template=swiss-single&pageSize=LETTER&marginTop=5&marginBottom=5&marginLeft=5"
      "&marginRight=5&sectionSpacing=1&itemSpacing=1&lineHeight=1&fontSize=1&headerScale=1"
      "&headerFont=mono&bodyFont=serif&compactMode=true&showContactIcons=true"
      "&accentColor=red&lang=en-US";
  const std::string high =
      "template=modern&pageSize=A4&marginTop=25&marginBottom=25&marginLeft=25&marginRight=25"
      "&sectionSpacing=5&itemSpacing=5&lineHeight=5&fontSize=5&headerScale=5"
      "&headerFont=sans-serif&bodyFont=mono&compactMode=false&showContactIcons=false"
      "&accentColor=green&lang=es";
  {
    SCOPED_TRACE(low);
    const auto info = expect_valid_pdf(client().get(pdf_path(low)), "Ada Lovelace");
    EXPECT_NE(info.find("612 x 792"), std::string::npos) << "LETTER page size:\n" << info;
  }
  {
    SCOPED_TRACE(high);
    expect_valid_pdf(client().get(pdf_path(high)), "Ada Lovelace");
  }
  for (const char* accent : {"blue", "orange"}) {
    SCOPED_TRACE(accent);
    expect_valid_pdf(client().get(pdf_path(std::string("accentColor=") + accent)), "Ada Lovelace");
  }
}

TEST_F(PdfTest, ResumePdfOfUnknownResumeIs404) {
  EXPECT_TRUE(is_error(client().get(api("/resumes/no-such-resume/pdf")), 404));
}

TEST_F(PdfTest, ResumePdfWithOutOfRangeQueryIs422) {
  for (const char* query :
       {"marginTop=4", "marginRight=26", "fontSize=0", "headerScale=6", "pageSize=A5",
        "headerFont=cursive", "accentColor=purple", "lang=EN", "lang=en-us"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(is_error(client().get(pdf_path(query)), 422));
  }
}

TEST_F(PdfTest, CoverLetterPdfRendersTheStoredCoverLetter) {
  ASSERT_TRUE(is_json_ok(client().patch_json(api("/resumes/" + resume_id_ + "/cover-letter"),
                                             {{"content", "Dear hiring team, engines await."}})));
  const auto response = client().get(api("/resumes/" + resume_id_ + "/cover-letter/pdf"));
  expect_valid_pdf(response, "Dear hiring team, engines await.");
  const auto letter =
      client().get(api("/resumes/" + resume_id_ + "/cover-letter/pdf?pageSize=LETTER&lang=en-GB"));
  const auto info = expect_valid_pdf(letter, "Dear hiring team, engines await.");
  EXPECT_NE(info.find("612 x 792"), std::string::npos) << "LETTER page size:\n" << info;
}

TEST_F(PdfTest, CoverLetterPdfOfUnknownResumeIs404) {
  EXPECT_TRUE(is_error(client().get(api("/resumes/no-such-resume/cover-letter/pdf")), 404));
}

TEST_F(PdfTest, CoverLetterPdfWithoutACoverLetterIs404) {
  EXPECT_TRUE(is_error(client().get(api("/resumes/" + resume_id_ + "/cover-letter/pdf")), 404));
}

TEST_F(PdfTest, CoverLetterPdfWithOutOfRangeQueryIs422) {
  ASSERT_TRUE(is_json_ok(client().patch_json(api("/resumes/" + resume_id_ + "/cover-letter"),
                                             {{"content", "Dear hiring team."}})));
  for (const char* query : {"pageSize=A3", "lang=english"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(
        is_error(client().get(api("/resumes/" + resume_id_ + "/cover-letter/pdf?" + query)), 422));
  }
}

}  // namespace
}  // namespace rm::test
