// Contract section 1, resumes: POST /resumes/upload, GET /resumes?resume_id=,
// GET /resumes/list.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;
using namespace std::string_literals;

class ResumesTest : public ReferenceServerTest {
 protected:
  HttpResponse upload(const std::string& bytes, const std::string& content_type,
                      const std::string& filename = "resume.pdf") {
    return client().post_multipart(api("/resumes/upload"), "file", filename, content_type, bytes);
  }
};

TEST_F(ResumesTest, UploadAnswersEveryDocumentedField) {
  const auto response = upload(sample_resume_text(), "application/pdf");
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_TRUE(has_field(body, "message", kString));
  EXPECT_TRUE(has_field(body, "request_id", kString));
  ASSERT_TRUE(has_field(body, "resume_id", kString));
  EXPECT_FALSE(body["resume_id"].get<std::string>().empty());
  ASSERT_TRUE(has_field(body, "processing_status", kString));
  // The built-in LLM parses a well-formed resume, so the upload is ready.
  EXPECT_EQ(body["processing_status"], "ready");
  EXPECT_TRUE(has_field(body, "is_master", kBool));
}

TEST_F(ResumesTest, UploadAcceptsEveryAllowedContentType) {
  for (const char* type :
       {"application/pdf", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}) {
    SCOPED_TRACE(type);
    const auto response = upload(sample_resume_text("Grace Hopper"), type, "resume.docx");
    ASSERT_TRUE(is_json_ok(response));
    EXPECT_TRUE(has_field(response.json(), "resume_id", kString));
  }
}

TEST_F(ResumesTest, UploadOfWrongContentTypeIs400AndStoresNothing) {
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(upload(sample_resume_text(), "text/plain", "resume.txt"), 400));
  EXPECT_EQ(database_stats(client())["total_resumes"], before["total_resumes"]);
}

TEST_F(ResumesTest, UploadOfEmptyFileIs400AndStoresNothing) {
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(upload("", "application/pdf"), 400));
  EXPECT_EQ(database_stats(client())["total_resumes"], before["total_resumes"]);
}

TEST_F(ResumesTest, UploadOver4MiBIs413AndStoresNothing) {
  const auto before = database_stats(client());
  std::string bytes = sample_resume_text();
  bytes.resize(4 * 1024 * 1024 + 1, 'x');
  EXPECT_TRUE(is_error(upload(bytes, "application/pdf"), 413));
  EXPECT_EQ(database_stats(client())["total_resumes"], before["total_resumes"]);
}

TEST_F(ResumesTest, UploadOfUnconvertibleDocumentIs422AndStoresNothing) {
  const auto before = database_stats(client());
  // A literal with a NUL inside: its length comes from the literal (the ""s
  // suffix), not from a count that can outrun it.
  const std::string binary = "%PDF-1.4\n\xff\xfe\x00\x01\x02\x80\x81 not text"s;
  ASSERT_EQ(binary.size(), 25u);
  EXPECT_TRUE(is_error(upload(binary, "application/pdf"), 422));
  EXPECT_EQ(database_stats(client())["total_resumes"], before["total_resumes"]);
}

TEST_F(ResumesTest, GetAnswersEveryDocumentedField) {
  const auto id = upload_resume(client(), sample_resume_text("Ada Lovelace"));
  const auto response = client().get(api("/resumes?resume_id=" + url_encode(id)));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_resume_fetch(body));
  const auto& data = body["data"];
  EXPECT_EQ(data["resume_id"], id);
  EXPECT_NE(data["raw_resume"]["content"].get<std::string>().find("Ada Lovelace"),
            std::string::npos);
  EXPECT_EQ(data["raw_resume"]["processing_status"], "ready");
  ASSERT_TRUE(data["processed_resume"].is_object()) << "a ready resume has processed data";
  EXPECT_EQ(data["processed_resume"]["personalInfo"]["name"], "Ada Lovelace");
  EXPECT_GE(data["processed_resume"]["sectionMeta"].size(), 6u) << "the six default sections";
  EXPECT_TRUE(data["parent_id"].is_null());
  EXPECT_TRUE(data["cover_letter"].is_null());
  EXPECT_TRUE(data["outreach_message"].is_null());
}

TEST_F(ResumesTest, GetUnknownIdIs404) {
  EXPECT_TRUE(is_error(client().get(api("/resumes?resume_id=no-such-resume")), 404));
}

TEST_F(ResumesTest, GetWithoutResumeIdIs422) {
  EXPECT_TRUE(is_error(client().get(api("/resumes")), 422));
}

TEST_F(ResumesTest, ListAnswersEveryDocumentedFieldNewestUpdateFirst) {
  const auto first = upload_resume(client(), sample_resume_text("First Person"), "first.pdf");
  const auto second = upload_resume(client(), sample_resume_text("Second Person"), "second.pdf");
  // Editing the first makes it the most recently updated.
  auto data = get_resume(client(), first)["data"]["processed_resume"];
  data["summary"] = "Edited to refresh updated_at.";
  ASSERT_TRUE(is_json_ok(client().patch_json(api("/resumes/" + first), data)));

  const auto response = client().get(api("/resumes/list?include_master=true"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_TRUE(has_field(body, "request_id", kString));
  ASSERT_TRUE(has_field(body, "data", kArray));
  const auto& list = body["data"];
  ASSERT_GE(list.size(), 2u);
  bool saw_first = false, saw_second = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    SCOPED_TRACE("data[" + std::to_string(i) + "]");
    const auto& item = list[i];
    ASSERT_TRUE(has_field(item, "resume_id", kString));
    EXPECT_TRUE(has_field(item, "filename", kString | kNull));
    EXPECT_TRUE(has_field(item, "is_master", kBool));
    EXPECT_TRUE(has_field(item, "parent_id", kString | kNull));
    EXPECT_TRUE(has_field(item, "processing_status", kString));
    ASSERT_TRUE(has_field(item, "created_at", kString));
    ASSERT_TRUE(has_field(item, "updated_at", kString));
    if (i > 0) {
      EXPECT_GE(list[i - 1]["updated_at"].get<std::string>(), item["updated_at"].get<std::string>())
          << "newest updated_at first";
    }
    saw_first |= item["resume_id"] == first;
    saw_second |= item["resume_id"] == second;
    if (item["resume_id"] == second) {
      EXPECT_EQ(item["filename"], "second.pdf");
    }
  }
  EXPECT_TRUE(saw_first);
  EXPECT_TRUE(saw_second);
  // The edited resume is at least as recent as every other one.
  const auto& newest = list[0]["updated_at"];
  for (const auto& item : list) {
    if (item["resume_id"] == first) {
      EXPECT_EQ(item["updated_at"], newest);
    }
  }
}

TEST_F(ResumesTest, ListLeavesTheMasterOutUnlessAskedFor) {
  upload_resume(client());
  upload_resume(client());
  const auto all = client().get(api("/resumes/list?include_master=true"));
  ASSERT_TRUE(is_json_ok(all));
  int masters = 0;
  const auto everything = all.json()["data"];
  for (const auto& item : everything) masters += item["is_master"] == true ? 1 : 0;
  EXPECT_EQ(masters, 1) << "exactly one master among the uploads";

  for (const char* path : {"/resumes/list", "/resumes/list?include_master=false"}) {
    SCOPED_TRACE(path);
    const auto response = client().get(api(path));
    ASSERT_TRUE(is_json_ok(response));
    const auto list = response.json()["data"];
    EXPECT_EQ(list.size() + 1, everything.size());
    for (const auto& item : list) EXPECT_EQ(item["is_master"], false);
  }
}

// The first upload into an empty store becomes the master; later ones do not.
TEST(ResumesFreshServer, FirstUploadIsTheMasterLaterOnesAreNot) {
  ServerProcess server(reference_server_options());
  HttpClient client(server.base_url());
  const auto first = upload_resume_body(client, sample_resume_text("Ada Lovelace"));
  EXPECT_EQ(first["is_master"], true);
  const auto second = upload_resume_body(client, sample_resume_text("Grace Hopper"));
  EXPECT_EQ(second["is_master"], false);
  EXPECT_EQ(database_stats(client)["has_master_resume"], true);
}

}  // namespace
}  // namespace rm::test
