// The PDF writer, checked with poppler's pdfinfo and pdftotext.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "reference/domain/pdf_writer.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_markdown.hpp"

namespace rm {
namespace {

namespace fs = std::filesystem;

struct ToolRun {
  int exit_code = -1;
  std::string output;
};

// Runs a poppler tool on a file; argv, not a shell, so paths need no quoting.
ToolRun run_tool(const std::vector<std::string>& args) {
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  ToolRun run;
  char buf[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buf, sizeof buf)) > 0)
    run.output.append(buf, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("rm_pdf_" + std::to_string(getpid()) + "_" + info->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  ToolRun info(const std::string& path) { return run_tool({"pdfinfo", path}); }
  std::string text(const std::string& path) {
    const ToolRun r = run_tool({"pdftotext", "-layout", "-enc", "UTF-8", path, "-"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  }

  fs::path dir_;
};

int pages_of(const std::string& pdfinfo_output) {
  std::smatch m;
  if (!std::regex_search(pdfinfo_output, m, std::regex(R"(Pages:\s+(\d+))"))) return -1;
  return std::stoi(m[1]);
}

std::string page_size_of(const std::string& pdfinfo_output) {
  std::smatch m;
  if (!std::regex_search(pdfinfo_output, m, std::regex(R"(Page size:\s+([0-9.]+ x [0-9.]+) pts)")))
    return {};
  return m[1];
}

TEST_F(PdfWriterTest, ResumePdfIsReadableAndHasTheName) {
  const Json resume = validate_resume_data(Json::parse(R"({
    "personalInfo": {"name": "José Álvarez", "email": "jose@example.com"},
    "summary": "Builds (reliable) systems with C:\\tools and 100% focus.",
    "workExperience": [{"title": "Dev", "company": "Acme", "description": ["Shipped"]}]})"))
                          .data;
  const std::string path =
      write("resume.pdf", write_text_pdf(resume_to_lines(resume), "Resume of José", PdfLayout{}));
  const ToolRun r = info(path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("Title:\\s+Resume of José\n"))) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("PDF version:\\s+1\\.4\n"))) << r.output;
  const std::string t = text(path);
  EXPECT_NE(t.find("José Álvarez"), std::string::npos) << t;
  EXPECT_NE(t.find("Builds (reliable) systems with C:\\tools and 100% focus."), std::string::npos)
      << t;
  EXPECT_NE(t.find("Shipped"), std::string::npos) << t;
}

TEST_F(PdfWriterTest, A4AndLetterPageSizes) {
  const std::string a4 = write("a4.pdf", write_text_pdf({"A4 page"}, "a4", {PageSize::kA4}));
  const std::string letter =
      write("letter.pdf", write_text_pdf({"Letter page"}, "letter", {PageSize::kLetter}));
  const ToolRun ra = info(a4);
  const ToolRun rl = info(letter);
  ASSERT_EQ(ra.exit_code, 0) << ra.output;
  ASSERT_EQ(rl.exit_code, 0) << rl.output;
  EXPECT_EQ(page_size_of(ra.output), "595 x 842") << ra.output;
  EXPECT_NE(ra.output.find("(A4)"), std::string::npos) << ra.output;
  EXPECT_EQ(page_size_of(rl.output), "612 x 792") << rl.output;
  EXPECT_NE(rl.output.find("(letter)"), std::string::npos) << rl.output;
}

TEST_F(PdfWriterTest, TwoHundredLinesPaginate) {
  std::vector<std::string> lines;
  for (int i = 1; i <= 200; ++i) lines.push_back("Line number " + std::to_string(i));
  const std::string path = write("long.pdf", write_text_pdf(lines, "long", PdfLayout{}));
  const ToolRun r = info(path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GE(pages_of(r.output), 3) << r.output;
  const std::string t = text(path);
  EXPECT_NE(t.find("Line number 1\n"), std::string::npos);
  EXPECT_NE(t.find("Line number 200"), std::string::npos);
  EXPECT_NE(t.find('\f'), std::string::npos);  // pdftotext separates pages with form feeds
}

TEST_F(PdfWriterTest, LongLinesWrapInsideThePage) {
  std::string long_line;
  for (int i = 0; i < 60; ++i) long_line += "word" + std::to_string(i) + " ";
  long_line += std::string(300, 'x');  // one word wider than the page
  const std::string path = write("wrap.pdf", write_text_pdf({long_line}, "wrap", PdfLayout{}));
  ASSERT_EQ(info(path).exit_code, 0);
  const ToolRun bbox = run_tool({"pdftotext", "-bbox", path, "-"});
  ASSERT_EQ(bbox.exit_code, 0);
  // Every word lies inside the page width.
  const std::regex word(R"re(xMax="([0-9.]+)")re");
  int words = 0;
  for (auto it = std::sregex_iterator(bbox.output.begin(), bbox.output.end(), word);
       it != std::sregex_iterator(); ++it) {
    ++words;
    EXPECT_LE(std::stod((*it)[1]), 595.0);
  }
  EXPECT_GT(words, 60);
  const std::string t = text(path);
  EXPECT_NE(t.find("word0"), std::string::npos);
  EXPECT_NE(t.find("word59"), std::string::npos);
}

TEST_F(PdfWriterTest, EscapesAndNonLatin1) {
  const std::string pdf =
      write_text_pdf({"a (paren) b \\ c ) ( \\(", "日本語 😀 ok"}, "t", PdfLayout{});
  const std::string path = write("esc.pdf", pdf);
  ASSERT_EQ(info(path).exit_code, 0);
  const std::string t = text(path);
  EXPECT_NE(t.find("a (paren) b \\ c ) ( \\("), std::string::npos) << t;
  EXPECT_NE(t.find("??? ? ok"), std::string::npos) << t;
}

TEST_F(PdfWriterTest, XrefOffsetsPointAtTheirObjects) {
  const std::string pdf = write_text_pdf({"one", "two"}, "x", PdfLayout{});
  const std::size_t startxref = pdf.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  const std::size_t xref = std::stoul(pdf.substr(startxref + 10));
  ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
  std::istringstream table(pdf.substr(xref + 5));
  int first = 0, count = 0;
  table >> first >> count;
  ASSERT_EQ(first, 0);
  ASSERT_GT(count, 5);
  std::string offset, generation, kind;
  table >> offset >> generation >> kind;
  EXPECT_EQ(kind, "f");
  for (int obj = 1; obj < count; ++obj) {
    table >> offset >> generation >> kind;
    ASSERT_EQ(offset.size(), 10u);
    EXPECT_EQ(kind, "n");
    const std::string header = std::to_string(obj) + " 0 obj";
    EXPECT_EQ(pdf.compare(std::stoul(offset), header.size(), header), 0) << "object " << obj;
  }
  // Each xref entry is exactly 20 bytes.
  const std::size_t entries = pdf.find("0000000000 65535 f \n", xref);
  EXPECT_EQ(pdf.find("trailer", entries) - entries, 20u * static_cast<std::size_t>(count));
  EXPECT_EQ(pdf.substr(0, 9), "%PDF-1.4\n");
  EXPECT_EQ(pdf.substr(pdf.size() - 6), "%%EOF\n");
}

TEST_F(PdfWriterTest, EmptyInputIsOneBlankPage) {
  const std::string path = write("empty.pdf", write_text_pdf({}, "", PdfLayout{}));
  const ToolRun r = info(path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(pages_of(r.output), 1);
}

TEST_F(PdfWriterTest, MarginsAndFontSizeChangeTheLayout) {
  std::vector<std::string> lines(120, "text");
  PdfLayout big;
  big.font_size_pt = 16;
  big.margin_mm = 25;
  PdfLayout small;
  small.font_size_pt = 8;
  small.margin_mm = 5;
  const ToolRun rb = info(write("big.pdf", write_text_pdf(lines, "b", big)));
  const ToolRun rs = info(write("small.pdf", write_text_pdf(lines, "s", small)));
  ASSERT_EQ(rb.exit_code, 0);
  ASSERT_EQ(rs.exit_code, 0);
  EXPECT_GT(pages_of(rb.output), pages_of(rs.output));
  EXPECT_EQ(pages_of(rs.output), 2);
}

}  // namespace
}  // namespace rm
