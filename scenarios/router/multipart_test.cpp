// The multipart/form-data parser on its own: well-formed bodies, the corners
// of RFC 2046 framing, and malformed or random input (never a crash).
#include <gtest/gtest.h>

#include <random>
#include <variant>

#include "reference/http/multipart.hpp"

namespace rm {
namespace {

std::vector<MultipartPart> parts_of(const MultipartResult& result) {
  if (const auto* error = std::get_if<MultipartError>(&result)) {
    ADD_FAILURE() << "parse error: " << error->reason;
    return {};
  }
  return std::get<std::vector<MultipartPart>>(result);
}

bool is_error(const MultipartResult& result) {
  return std::holds_alternative<MultipartError>(result);
}

TEST(MultipartBoundary, FromContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=xyz"), "xyz");
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')),
            std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"unterminated"), "unterminated");
  EXPECT_TRUE(is_multipart_form_data(" MULTIPART/FORM-DATA ; boundary=x"));
  EXPECT_FALSE(is_multipart_form_data("multipart/mixed; boundary=x"));
  EXPECT_FALSE(is_multipart_form_data(""));
}

TEST(MultipartHeaderParameter, QuotedEscapedAndExtended) {
  EXPECT_EQ(header_parameter(R"(form-data; name="file"; filename="cv.pdf")", "filename"), "cv.pdf");
  EXPECT_EQ(header_parameter(R"(form-data; name=file; filename=cv.pdf)", "name"), "file");
  EXPECT_EQ(header_parameter(R"(form-data; filename="a\"b;c.pdf")", "filename"), "a\"b;c.pdf");
  EXPECT_EQ(header_parameter(R"(form-data; filename="C:\docs\cv.pdf")", "filename"),
            "C:\\docs\\cv.pdf");
  EXPECT_EQ(header_parameter(
                R"(form-data; filename="fallback.pdf"; filename*=UTF-8''na%C3%AFve%20cv.pdf)",
                "filename"),
            "na\xC3\xAFve cv.pdf");
  EXPECT_EQ(header_parameter("form-data; filename*=iso-8859-1''caf%E9.pdf", "filename"),
            "caf\xC3\xA9.pdf");
  EXPECT_EQ(header_parameter("form-data; name=\"x\"", "filename"), std::nullopt);
  EXPECT_EQ(header_parameter("form-data; filename=\"\"", "filename"), "");
  EXPECT_EQ(header_parameter("form-data; ; ;name", "name"), "");
}

TEST(MultipartParse, PartsWithNamesFilenamesTypesAndBinaryData) {
  const std::string binary("a\r\nb\0c\r\n--notboundary\r\n", 23);
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"title\"\r\n"
      "\r\n"
      "hello\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\n"
      "CONTENT-TYPE:   application/pdf  \r\n"
      "\r\n" +
      binary +
      "\r\n"
      "--XyZ--\r\n";
  const MultipartResult result = parse_multipart("multipart/form-data; boundary=XyZ", body);
  const auto parts = parts_of(result);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "title");
  EXPECT_EQ(parts[0].filename, std::nullopt);
  EXPECT_EQ(parts[0].content_type, "");
  EXPECT_EQ(parts[0].data, "hello");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(parts[1].filename, "cv.pdf");
  EXPECT_EQ(parts[1].content_type, "application/pdf");
  EXPECT_EQ(parts[1].data, binary);
}

TEST(MultipartParse, PreambleEpiloguePaddingAndEmptyParts) {
  const std::string body =
      "preamble\r\n--b  \t\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"x\"\r\n\r\n"
      "1\r\n--b--epilogue\r\nmore";
  const auto parts = parts_of(parse_multipart("multipart/form-data; boundary=b", body));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].data, "");
  EXPECT_EQ(parts[1].data, "1");
}

TEST(MultipartParse, BoundaryTextInsideContentIsContent) {
  // "--b" followed by something other than "--", padding or CRLF is not a delimiter.
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n"
      "line\r\n--bb not a delimiter\r\n--b--";
  const auto parts = parts_of(parse_multipart("multipart/form-data; boundary=b", body));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, "line\r\n--bb not a delimiter");
}

TEST(MultipartParse, PartWithoutHeadersIsRefused) {
  EXPECT_TRUE(
      is_error(parse_multipart("multipart/form-data; boundary=b", "--b\r\n\r\nx\r\n--b--")));
}

TEST(MultipartParse, MissingClosingDashesAtTheEndAreTolerated) {
  const auto parts = parts_of(
      parse_multipart("multipart/form-data; boundary=b",
                      "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--b"));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, "v");
}

TEST(MultipartParse, MalformedBodiesAreErrors) {
  const char* type = "multipart/form-data; boundary=b";
  for (const std::string& body : std::vector<std::string>{
           "", "--",
           "--b",  // nothing after the first delimiter is taken as the end: no parts
           "--c\r\n\r\n", "--b\r\nContent-Disposition: form-data; name=\"f\"",
           "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nunterminated",
           "--b\r\nno colon\r\n\r\nx\r\n--b--", "--b\r\n: empty name\r\n\r\nx\r\n--b--", "--bX\r\n",
           "--b junk\r\n"}) {
    const MultipartResult result = parse_multipart(type, body);
    if (body == "--b") {
      EXPECT_FALSE(is_error(result));
      continue;
    }
    EXPECT_TRUE(is_error(result)) << body;
  }
  EXPECT_TRUE(is_error(parse_multipart("application/json", "--b--")));
  EXPECT_TRUE(is_error(parse_multipart("multipart/form-data", "--b--")));
}

TEST(MultipartParse, RandomAndMutatedInputNeverCrashes) {
  const std::string valid =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\ndata\r\n--b--\r\n";
  std::mt19937 random(12345);
  const std::string alphabet = "-b\r\n\":;= abcfilename*'%\\";
  for (int round = 0; round < 20000; ++round) {
    std::string body = valid;
    const int edits = 1 + static_cast<int>(random() % 6);
    for (int e = 0; e < edits && !body.empty(); ++e) {
      const std::size_t at = random() % body.size();
      switch (random() % 3) {
        case 0:
          body[at] = alphabet[random() % alphabet.size()];
          break;
        case 1:
          body.erase(at, 1 + random() % 4);
          break;
        default:
          body.insert(at, 1, alphabet[random() % alphabet.size()]);
          break;
      }
    }
    const MultipartResult result = parse_multipart("multipart/form-data; boundary=b", body);
    if (const auto* parts = std::get_if<std::vector<MultipartPart>>(&result)) {
      for (const MultipartPart& part : *parts) EXPECT_LE(part.data.size(), body.size());
    }
  }
  for (int round = 0; round < 2000; ++round) {
    std::string body(random() % 200, '\0');
    for (char& c : body) c = alphabet[random() % alphabet.size()];
    (void)parse_multipart("multipart/form-data; boundary=b", body);
    (void)header_parameter(body, "filename");
    (void)multipart_boundary(body);
  }
}

}  // namespace
}  // namespace rm
