// Contract section 1, jobs: POST /jobs/upload and GET /jobs/{job_id}.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class JobsTest : public ReferenceServerTest {};

TEST_F(JobsTest, UploadAnswersOneIdPerDescriptionAndEchoesTheRequest) {
  const auto resume_id = upload_resume(client());
  const auto before = database_stats(client());
  const json request = {{"job_descriptions", {"Python engineer.", "C++ engineer."}},
                        {"resume_id", resume_id}};
  const auto response = client().post_json(api("/jobs/upload"), request);
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_TRUE(has_field(body, "message", kString));
  ASSERT_TRUE(has_field(body, "job_id", kArray));
  ASSERT_EQ(body["job_id"].size(), 2u);
  EXPECT_TRUE(all_elements(body["job_id"], kString));
  EXPECT_NE(body["job_id"][0], body["job_id"][1]);
  ASSERT_TRUE(has_field(body, "request", kObject));
  EXPECT_EQ(body["request"]["job_descriptions"], request["job_descriptions"]);
  EXPECT_EQ(body["request"]["resume_id"], resume_id);
  EXPECT_EQ(database_stats(client())["total_jobs"], before["total_jobs"].get<int>() + 2);
}

TEST_F(JobsTest, UploadWithoutResumeIdEchoesNull) {
  const auto response =
      client().post_json(api("/jobs/upload"), {{"job_descriptions", {"Data engineer."}}});
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(has_field(body, "request", kObject));
  EXPECT_TRUE(has_field(body["request"], "resume_id", kNull));
}

TEST_F(JobsTest, UploadOfEmptyListIs400AndStoresNothing) {
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(
      client().post_json(api("/jobs/upload"), {{"job_descriptions", json::array()}}), 400));
  EXPECT_EQ(database_stats(client())["total_jobs"], before["total_jobs"]);
}

TEST_F(JobsTest, UploadWithABlankDescriptionIs400) {
  for (const json& list : {json{"   "}, json{""}, json{" \n\t "}}) {
    SCOPED_TRACE(list.dump());
    EXPECT_TRUE(
        is_error(client().post_json(api("/jobs/upload"), {{"job_descriptions", list}}), 400));
  }
}

TEST_F(JobsTest, GetAnswersTheStoredJobDocument) {
  const auto resume_id = upload_resume(client());
  const auto job_id = upload_job(client(), "  Platform engineer, Go and Rust.  ", resume_id);
  const auto response = client().get(api("/jobs/" + job_id));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_EQ(body["job_id"], job_id);
  ASSERT_TRUE(has_field(body, "content", kString));
  EXPECT_EQ(body["content"], "Platform engineer, Go and Rust.") << "stored stripped";
  EXPECT_EQ(body["resume_id"], resume_id);
  EXPECT_TRUE(has_field(body, "created_at", kString));
}

TEST_F(JobsTest, GetOfUnknownJobIs404) {
  EXPECT_TRUE(is_error(client().get(api("/jobs/no-such-job")), 404));
}

}  // namespace
}  // namespace rm::test
