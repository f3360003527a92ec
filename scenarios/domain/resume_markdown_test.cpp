// Markdown and plain-line renderings of a resume.
#include <gtest/gtest.h>

#include <algorithm>

#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_markdown.hpp"

namespace rm {
namespace {

const Json kResume = validate_resume_data(Json::parse(R"({
  "personalInfo": {"name": "Ada Lovelace", "title": "Engineer", "email": "ada@example.com",
                   "phone": "+44 1", "location": "London", "github": "github.com/ada"},
  "summary": "Writes programs.",
  "workExperience": [{"title": "Analyst", "company": "Engines Ltd", "years": "1842-1843",
                      "location": "London", "description": ["Wrote the first program", "Notes"]}],
  "education": [{"institution": "Home", "degree": "Mathematics", "years": "1830s",
                 "description": "Tutored by De Morgan"}],
  "personalProjects": [{"name": "Note G", "role": "Author", "description": ["Bernoulli numbers"]}],
  "additional": {"technicalSkills": ["Mathematics", "Poetry"], "awards": ["Honour"]},
  "customSections": {"talks": {"sectionType": "stringList", "strings": ["Royal Society"]}}})"))
                         .data;

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(ResumeMarkdown, RendersEverySectionWithDefaultMeta) {
  const std::string md = resume_to_markdown(kResume);
  for (const char* expected : {"# Ada Lovelace\n",
                               "*Engineer*\n\n",
                               "ada@example.com | +44 1 | London | github.com/ada\n",
                               "## Summary\n",
                               "Writes programs.\n",
                               "## Experience\n",
                               "### Analyst at Engines Ltd\n",
                               "*1842-1843 | London*\n\n",
                               "- Wrote the first program\n",
                               "## Education\n",
                               "### Mathematics, Home\n",
                               "Tutored by De Morgan\n",
                               "## Projects\n",
                               "### Note G | Author\n",
                               "- Bernoulli numbers\n",
                               "## Skills & Awards\n",
                               "- **Technical Skills:** Mathematics, Poetry\n",
                               "- **Awards:** Honour\n",
                               "## talks\n",
                               "- Royal Society\n"}) {
    EXPECT_NE(md.find(expected), std::string::npos) << "missing: " << expected << "\n" << md;
  }
  EXPECT_EQ(md.find("**Languages:**"), std::string::npos);  // empty groups are left out
  EXPECT_LT(md.find("## Summary"), md.find("## Experience"));
  EXPECT_LT(md.find("## Projects"), md.find("## Skills & Awards"));
  EXPECT_NE(md.find("\n\n## Experience"), std::string::npos);  // headings start a block
}

TEST(ResumeMarkdown, SectionMetaOrdersRenamesAndHides) {
  Json r = kResume;
  r["sectionMeta"] = Json::parse(R"([
    {"id":"personalInfo","key":"personalInfo","displayName":"P","sectionType":"personalInfo","order":0},
    {"id":"talks","key":"talks","displayName":"Talks","sectionType":"stringList","order":1},
    {"id":"workExperience","key":"workExperience","displayName":"Work","sectionType":"itemList","order":2},
    {"id":"summary","key":"summary","displayName":"About","sectionType":"text","order":3,"isVisible":false}])");
  const std::string md = resume_to_markdown(r);
  EXPECT_NE(md.find("## Talks"), std::string::npos);
  EXPECT_NE(md.find("## Work"), std::string::npos);
  EXPECT_LT(md.find("## Talks"), md.find("## Work"));
  EXPECT_EQ(md.find("Writes programs."), std::string::npos);
  EXPECT_EQ(md.find("## Education"), std::string::npos);
}

TEST(ResumeMarkdown, CustomItemAndTextSections) {
  const Json r = validate_resume_data(Json::parse(R"({
    "customSections": {
      "volunteer": {"sectionType": "itemList",
                    "items": [{"title": "Mentor", "subtitle": "Club", "years": "2020",
                               "description": ["Taught"]}]},
      "motto": {"sectionType": "text", "text": "Be curious"}}})"))
                     .data;
  const std::string md = resume_to_markdown(r);
  EXPECT_NE(md.find("### Mentor | Club"), std::string::npos) << md;
  EXPECT_NE(md.find("- Taught"), std::string::npos);
  EXPECT_NE(md.find("Be curious"), std::string::npos);
}

TEST(ResumeMarkdown, EmptyResumeStillHasAHeading) {
  EXPECT_EQ(resume_to_markdown(validate_resume_data(Json::object()).data), "# Resume\n");
  EXPECT_EQ(resume_to_markdown(Json::array()), "# Resume\n");
}

TEST(ResumeMarkdown, LinesArePlainText) {
  const std::vector<std::string> lines = resume_to_lines(kResume);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "Ada Lovelace");
  EXPECT_TRUE(has_line(lines, "EXPERIENCE"));
  EXPECT_TRUE(has_line(lines, "Analyst at Engines Ltd"));
  EXPECT_TRUE(has_line(lines, "- Wrote the first program"));
  EXPECT_TRUE(has_line(lines, "Technical Skills: Mathematics, Poetry"));
  for (const std::string& line : lines) {
    EXPECT_NE(line.rfind("#", 0), 0u) << line;
    EXPECT_EQ(line.find("**"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace rm
