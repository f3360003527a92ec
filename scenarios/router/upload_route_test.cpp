// POST /resumes/upload through the router: the multipart body becomes the
// service's UploadRequest; FastAPI's statuses for what is wrong with the form.
#include "reference/http/limits.hpp"
#include "scenarios/router/router_fixture.hpp"

namespace rm::test {
namespace {

using ::testing::HasSubstr;

constexpr const char* kBoundary = "----rmBoundary7MA4YWxkTrZu0gW";

std::string resume_text() {
  return "Ada Lovelace\nada@example.com | +44 20 7946 0000 | London, UK\nSoftware Engineer\n\n"
         "Summary\nEngineer who writes analytical engines.\n\n"
         "Skills: Python, C++, SQL\n";
}

std::string file_part(const std::string& name, const std::string& disposition_extra,
                      const std::string& content_type, const std::string& data) {
  std::string part = std::string("--") + kBoundary + "\r\n" +
                     "Content-Disposition: form-data; name=\"" + name + "\"" + disposition_extra +
                     "\r\n";
  if (!content_type.empty()) part += "Content-Type: " + content_type + "\r\n";
  return part + "\r\n" + data + "\r\n";
}

std::string close_delimiter() { return std::string("--") + kBoundary + "--\r\n"; }

ApiRequest upload_request(std::string body,
                          std::string content_type = std::string("multipart/form-data; boundary=") +
                                                     kBoundary) {
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/v1/resumes/upload";
  request.headers["content-type"] = std::move(content_type);
  request.body = std::move(body);
  return request;
}

class UploadRouteTest : public RouterTest {
 protected:
  ApiResponse upload(std::string body) { return router_->handle(upload_request(std::move(body))); }
};

TEST_F(UploadRouteTest, FilePartIsUploaded) {
  const ApiResponse response =
      upload(file_part("file", "; filename=\"cv.pdf\"", "application/pdf", resume_text()) +
             close_delimiter());
  ASSERT_EQ(response.status, 200) << response.body;
  const Json body = body_json(response);
  ASSERT_TRUE(body["resume_id"].is_string());
  EXPECT_EQ(body["is_master"], true);

  const ApiResponse fetched =
      call("GET", "/api/v1/resumes", "", {{"resume_id", body["resume_id"].get<std::string>()}});
  ASSERT_EQ(fetched.status, 200) << fetched.body;
  EXPECT_THAT(body_json(fetched)["data"]["raw_resume"]["content"].get<std::string>(),
              HasSubstr("Ada Lovelace"));
}

TEST_F(UploadRouteTest, OtherFieldsAroundTheFileAreIgnored) {
  const ApiResponse response =
      upload("preamble to be ignored\r\n" + file_part("note", "", "", "hello") +
             file_part("file", "; filename=\"cv.docx\"",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       resume_text()) +
             file_part("other", "", "text/plain", "x") + close_delimiter() + "epilogue");
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(UploadRouteTest, NoFilePartIs422NamingFile) {
  const ApiResponse response =
      upload(file_part("document", "; filename=\"cv.pdf\"", "application/pdf", resume_text()) +
             close_delimiter());
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_THAT(detail_of(response), HasSubstr("file"));

  const ApiResponse empty_form = upload(close_delimiter());
  EXPECT_TRUE(is_json_error(empty_form, 422));
  EXPECT_THAT(detail_of(empty_form), HasSubstr("file"));
}

TEST_F(UploadRouteTest, FileAsAPlainFieldIs422) {
  const ApiResponse response = upload(file_part("file", "", "", resume_text()) + close_delimiter());
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_THAT(detail_of(response), HasSubstr("file"));
}

TEST_F(UploadRouteTest, NotMultipartIs422NamingFile) {
  for (const char* type : {"application/json", "text/plain", "", "multipart/mixed; boundary=x"}) {
    const ApiResponse response = router_->handle(upload_request(resume_text(), type));
    EXPECT_TRUE(is_json_error(response, 422)) << type;
    EXPECT_THAT(detail_of(response), HasSubstr("file")) << type;
  }
}

TEST_F(UploadRouteTest, MalformedMultipartIs400) {
  const std::vector<std::string> bodies = {
      "",
      "no boundary anywhere",
      std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"",
      std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" +
          "data without a closing boundary",
      std::string("--") + kBoundary + "\r\nno colon here\r\n\r\ndata\r\n" + close_delimiter(),
  };
  for (const std::string& body : bodies) {
    const ApiResponse response = upload(body);
    EXPECT_TRUE(is_json_error(response, 400)) << body;
  }
  EXPECT_TRUE(is_json_error(
      router_->handle(upload_request(close_delimiter(), "multipart/form-data")), 400));
}

TEST_F(UploadRouteTest, WrongFileTypeOrEmptyFileIsTheService400) {
  EXPECT_TRUE(
      is_json_error(upload(file_part("file", "; filename=\"cv.txt\"", "text/plain", resume_text()) +
                           close_delimiter()),
                    400));
  EXPECT_TRUE(is_json_error(
      upload(file_part("file", "; filename=\"cv.pdf\"", "", resume_text()) + close_delimiter()),
      400));
  EXPECT_TRUE(is_json_error(
      upload(file_part("file", "; filename=\"cv.pdf\"", "application/pdf", "") + close_delimiter()),
      400));
}

TEST_F(UploadRouteTest, FileOverTheLimitIs413) {
  const std::string big(kMaxUploadBytes + 1, 'a');
  const ApiResponse response = upload(
      file_part("file", "; filename=\"cv.pdf\"", "application/pdf", big) + close_delimiter());
  EXPECT_TRUE(is_json_error(response, 413));

  const ApiResponse body_too_big = upload(std::string(kMaxRequestBodyBytes + 1, 'x'));
  EXPECT_TRUE(is_json_error(body_too_big, 413));
}

TEST_F(UploadRouteTest, FileOfExactlyTheLimitIsNotRefusedForItsSize) {
  std::string text = resume_text();
  text.resize(kMaxUploadBytes, ' ');
  const ApiResponse response = upload(
      file_part("file", "; filename=\"cv.pdf\"", "application/pdf", text) + close_delimiter());
  EXPECT_NE(response.status, 413) << response.body;
  EXPECT_LT(response.status, 500) << response.body;
}

}  // namespace
}  // namespace rm::test
