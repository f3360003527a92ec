// TextDocumentConverter: UTF-8 text in, markdown out; everything else is a
// ConversionError with a reason.
#include "mocks/converter/text_document_converter.hpp"

#include <gtest/gtest.h>

namespace rm {
namespace {

std::string convert(const std::string& bytes) {
  TextDocumentConverter converter;
  return converter.to_markdown(bytes, "resume.pdf", "application/pdf");
}

TEST(TextDocumentConverter, AcceptsUtf8Text) {
  EXPECT_EQ(convert("# Jane\n\tSkills: C++\n"), "# Jane\n\tSkills: C++\n");
  EXPECT_EQ(convert("Jos\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80"),
            "Jos\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80");
}

TEST(TextDocumentConverter, StripsBomAndNormalisesLineEnds) {
  EXPECT_EQ(convert("\xEF\xBB\xBF# Jane\r\nline\rlast\r\n"), "# Jane\nline\nlast\n");
}

TEST(TextDocumentConverter, RejectsControlBytes) {
  for (const std::string& bad :
       {std::string("a\0b", 3), std::string("a\x01"), std::string("\x1B[0m"), std::string("a\x7F"),
        std::string("a\xC2\x85")}) {
    try {
      convert(bad);
      ADD_FAILURE() << "accepted control byte";
    } catch (const ConversionError& e) {
      EXPECT_NE(std::string(e.what()).find("control character"), std::string::npos) << e.what();
    }
  }
}

TEST(TextDocumentConverter, RejectsInvalidUtf8) {
  for (const std::string& bad :
       {std::string("\xFF\xFE"), std::string("abc\xC3"), std::string("\xC0\xAF"),
        std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"), std::string("\x80"),
        std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")}) {
    try {
      convert(bad);
      ADD_FAILURE() << "accepted invalid UTF-8";
    } catch (const ConversionError& e) {
      EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("resume.pdf"), std::string::npos) << e.what();
    }
  }
}

TEST(TextDocumentConverter, RejectsEmptyText) {
  for (const char* empty : {"", " \n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  \n"}) {
    EXPECT_THROW(convert(empty), ConversionError) << "'" << empty << "'";
  }
}

}  // namespace
}  // namespace rm
