// POST /resumes/upload with every kind of bad upload: wrong or missing file part,
// wrong content type, empty, oversized, unconvertible, malformed multipart.
#include "scenarios/bad_input/bad_request.hpp"

namespace rm::test {
namespace {

const std::string kUpload = "/api/v1/resumes/upload";
const std::string kForm = std::string("multipart/form-data; boundary=") + kBoundary;

BadRequest form(std::string name, std::vector<FormPart> parts, std::vector<int> statuses) {
  const std::string body = multipart(parts);
  return BadRequest{
      std::move(name),     "POST", kUpload, kForm, [body](const Seed&) { return body; },
      std::move(statuses), true};
}

BadRequest raw(std::string name, std::string content_type, std::string body,
               std::vector<int> statuses) {
  return BadRequest{std::move(name),
                    "POST",
                    kUpload,
                    std::move(content_type),
                    [body = std::move(body)](const Seed&) { return body; },
                    std::move(statuses),
                    true};
}

const std::string kText = "Ada Lovelace\nada@example.com\nSkills: Python, C++\n";

std::vector<BadRequest> cases() {
  std::string over_limit = kText;
  over_limit.resize(4 * 1024 * 1024 + 1, 'x');
  return {
      // The form has no `file` part (schema mismatch).
      form("NoFilePart", {{"document", "resume.pdf", "application/pdf", kText}}, {422}),
      form("FilePartIsAPlainField", {{"file", "", "", kText}}, {422}),
      form("NoPartsAtAll", {}, {400, 422}),
      // Not a form at all.
      raw("JsonInsteadOfAForm", "application/json", R"({"file": "resume.pdf"})", {422}),
      raw("NoContentType", "", kText, {422}),
      raw("FormWithoutBoundary", "multipart/form-data",
          multipart({{"file", "r.pdf", "application/pdf", kText}}), {400, 422}),
      raw("MalformedForm", kForm, "this is not a multipart body", {400, 422}),
      raw("UnterminatedForm", kForm,
          std::string("--") + kBoundary +
              "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n"
              "Content-Type: application/pdf\r\n\r\nAda Lovelace",
          {400, 422}),
      // The file's content type is not one of the three allowed.
      form("TextPlainFile", {{"file", "resume.txt", "text/plain", kText}}, {400}),
      form("PngFile", {{"file", "resume.png", "image/png", kText}}, {400}),
      form("OctetStreamFile", {{"file", "resume.pdf", "application/octet-stream", kText}}, {400}),
      form("FileWithoutContentType", {{"file", "resume.pdf", "", kText}}, {400}),
      form("PdfLookalikeType", {{"file", "resume.pdf", "application/pdfx", kText}}, {400}),
      // Empty, oversized, unconvertible.
      form("EmptyFile", {{"file", "resume.pdf", "application/pdf", ""}}, {400}),
      form("EmptyDocxFile",
           {{"file", "resume.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""}},
           {400}),
      form("FileOver4MiB", {{"file", "resume.pdf", "application/pdf", over_limit}}, {413}),
      form("BinaryFile",
           {{"file", "resume.pdf", "application/pdf", std::string("\x00\x01\x02\xff\xfe", 5)}},
           {422}),
      form("InvalidUtf8File",
           {{"file", "resume.doc", "application/msword", "Ada \xc3\x28 Lovelace"}}, {422}),
      form("WhitespaceOnlyFile", {{"file", "resume.pdf", "application/pdf", " \n\t\n "}}, {422}),
  };
}

class UploadBadInput : public BadInputTest {};

TEST_P(UploadBadInput, IsRejectedAndStoresNothing) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Upload, UploadBadInput, ::testing::ValuesIn(cases()), case_name);

}  // namespace
}  // namespace rm::test
