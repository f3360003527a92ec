// Query parameters: a missing required one, and every PDF parameter just outside
// its bounds or outside its pattern (422 each), plus booleans that are not booleans.
#include "scenarios/bad_input/bad_request.hpp"

namespace rm::test {
namespace {

std::vector<BadRequest> cases() {
  std::vector<BadRequest> out;
  out.push_back(bare("GetResume_MissingResumeId", "GET", "/api/v1/resumes"));
  out.push_back(bare("GetResume_OtherParameterOnly", "GET", "/api/v1/resumes?id={resume}"));
  out.push_back(
      bare("List_IncludeMasterNotABool", "GET", "/api/v1/resumes/list?include_master=maybe"));
  out.push_back(bare("List_IncludeMasterNumber", "GET", "/api/v1/resumes/list?include_master=2"));

  const std::string pdf = "/api/v1/resumes/{resume}/pdf?";
  const auto add = [&](const std::string& name, const std::string& query) {
    out.push_back(bare("Pdf_" + name, "GET", pdf + query));
  };
  // Integers: one below and one above each range, and values that are not integers.
  for (const std::string margin : {"marginTop", "marginBottom", "marginLeft", "marginRight"}) {
    add(margin + "_4", margin + "=4");
    add(margin + "_26", margin + "=26");
    add(margin + "_Negative", margin + "=-10");
    add(margin + "_Fraction", margin + "=10.5");
    add(margin + "_Text", margin + "=ten");
    add(margin + "_Empty", margin + "=");
  }
  for (const std::string scale :
       {"sectionSpacing", "itemSpacing", "lineHeight", "fontSize", "headerScale"}) {
    add(scale + "_0", scale + "=0");
    add(scale + "_6", scale + "=6");
    add(scale + "_Text", scale + "=big");
  }
  add("headerScale_Huge", "headerScale=99999999999999999999");
  // Enumerations and patterns.
  add("pageSize_A5", "pageSize=A5");
  add("pageSize_LowerCase", "pageSize=a4");
  add("pageSize_Letter", "pageSize=Letter");
  add("pageSize_Empty", "pageSize=");
  for (const std::string font : {"headerFont", "bodyFont"}) {
    add(font + "_Cursive", font + "=cursive");
    add(font + "_Monospace", font + "=monospace");
    add(font + "_UpperCase", font + "=SERIF");
  }
  add("accentColor_Purple", "accentColor=purple");
  add("accentColor_Hex", "accentColor=%23ff0000");
  add("accentColor_UpperCase", "accentColor=Blue");
  add("lang_UpperCase", "lang=EN");
  add("lang_LowerRegion", "lang=en-us");
  add("lang_ThreeLetters", "lang=eng");
  add("lang_OneLetter", "lang=e");
  add("lang_Underscore", "lang=en_US");
  add("lang_TrailingText", "lang=en-USA");
  add("lang_Empty", "lang=");
  for (const std::string flag : {"compactMode", "showContactIcons"}) {
    add(flag + "_Maybe", flag + "=maybe");
    add(flag + "_Two", flag + "=2");
  }
  // The first bad parameter is enough, whatever the others say.
  add("OneBadAmongGood", "pageSize=LETTER&marginTop=10&fontSize=9&accentColor=red");

  const std::string letter = "/api/v1/resumes/{resume}/cover-letter/pdf?";
  out.push_back(bare("CoverLetterPdf_pageSize_A5", "GET", letter + "pageSize=A5"));
  out.push_back(bare("CoverLetterPdf_pageSize_LowerCase", "GET", letter + "pageSize=letter"));
  out.push_back(bare("CoverLetterPdf_lang_UpperCase", "GET", letter + "lang=EN"));
  out.push_back(bare("CoverLetterPdf_lang_Long", "GET", letter + "lang=english"));
  return out;
}

class QueryBadInput : public BadInputTest {};

TEST_P(QueryBadInput, IsRejectedAndStoresNothing) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Query, QueryBadInput, ::testing::ValuesIn(cases()), case_name);

}  // namespace
}  // namespace rm::test
