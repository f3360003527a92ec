// Contract section 1, improve: POST /resumes/improve/preview, /improve/confirm and
// /improve, with the full ImproveResponse shape.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class ImproveTest : public ReferenceServerTest {
 protected:
  void SetUp() override {
    ReferenceServerTest::SetUp();
    if (HasFatalFailure()) return;
    resume_id_ = upload_resume(client(), sample_resume_text("Ada Lovelace"));
    job_id_ = upload_job(client());
  }

  void set_features(bool cover_letter, bool outreach) {
    const auto response = client().put_json(
        api("/config/features"),
        {{"enable_cover_letter", cover_letter}, {"enable_outreach_message", outreach}});
    ASSERT_TRUE(is_json_ok(response));
  }

  std::string resume_id_;
  std::string job_id_;
};

TEST_F(ImproveTest, PreviewAnswersTheFullImproveResponseWithNullResumeId) {
  const auto before = database_stats(client());
  const auto response = client().post_json(api("/resumes/improve/preview"),
                                           {{"resume_id", resume_id_}, {"job_id", job_id_}});
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_improve_response(body));
  const auto& data = body["data"];
  EXPECT_TRUE(data["resume_id"].is_null()) << "a preview persists nothing";
  EXPECT_EQ(data["job_id"], job_id_);
  EXPECT_EQ(data["resume_preview"]["personalInfo"]["name"], "Ada Lovelace");
  EXPECT_TRUE(data["cover_letter"].is_null());
  EXPECT_TRUE(data["outreach_message"].is_null());
  EXPECT_NE(data["markdownOriginal"].get<std::string>().find("Ada Lovelace"), std::string::npos);

  const auto after = database_stats(client());
  EXPECT_EQ(after["total_resumes"], before["total_resumes"]);
  EXPECT_EQ(after["total_improvements"], before["total_improvements"]);
}

TEST_F(ImproveTest, PreviewAcceptsEveryDocumentedPromptId) {
  for (const char* prompt : {"nudge", "keywords", "full"}) {
    SCOPED_TRACE(prompt);
    const auto response =
        client().post_json(api("/resumes/improve/preview"),
                           {{"resume_id", resume_id_}, {"job_id", job_id_}, {"prompt_id", prompt}});
    ASSERT_TRUE(is_json_ok(response));
    EXPECT_TRUE(is_improve_response(response.json()));
  }
}

// Every prompt keeps the original contact details, even one whose model output
// invents new ones (the built-in model's "full" prompt does).
TEST_F(ImproveTest, PreviewAndImproveKeepTheOriginalPersonalInfo) {
  const auto original =
      get_resume(client(), resume_id_)["data"]["processed_resume"]["personalInfo"];
  for (const char* prompt : {"nudge", "keywords", "full"}) {
    SCOPED_TRACE(prompt);
    const auto previewed = preview(client(), resume_id_, job_id_, prompt);
    EXPECT_EQ(previewed["data"]["resume_preview"]["personalInfo"], original);
    const auto improved =
        client().post_json(api("/resumes/improve"),
                           {{"resume_id", resume_id_}, {"job_id", job_id_}, {"prompt_id", prompt}});
    ASSERT_TRUE(is_json_ok(improved));
    EXPECT_EQ(improved.json()["data"]["resume_preview"]["personalInfo"], original);
  }
}

TEST_F(ImproveTest, PreviewOfUnknownResumeOrJobIs404) {
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/preview"),
                                          {{"resume_id", "no-such-resume"}, {"job_id", job_id_}}),
                       404));
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/preview"),
                                          {{"resume_id", resume_id_}, {"job_id", "no-such-job"}}),
                       404));
}

TEST_F(ImproveTest, ConfirmPersistsATailoredResumeAndItsImprovementRecord) {
  const auto previewed = preview(client(), resume_id_, job_id_);
  const auto before = database_stats(client());
  const auto response =
      client().post_json(api("/resumes/improve/confirm"), confirm_body_for(previewed, resume_id_));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_improve_response(body));
  ASSERT_TRUE(body["data"]["resume_id"].is_string()) << "confirm returns the new tailored id";
  const auto tailored = body["data"]["resume_id"].get<std::string>();
  EXPECT_NE(tailored, resume_id_);
  EXPECT_EQ(body["data"]["job_id"], job_id_);

  const auto stored = get_resume(client(), tailored);
  EXPECT_EQ(stored["data"]["parent_id"], resume_id_);
  EXPECT_EQ(stored["data"]["raw_resume"]["processing_status"], "ready");
  EXPECT_EQ(stored["data"]["processed_resume"]["personalInfo"],
            previewed["data"]["resume_preview"]["personalInfo"]);

  const auto after = database_stats(client());
  EXPECT_EQ(after["total_resumes"], before["total_resumes"].get<int>() + 1);
  EXPECT_EQ(after["total_improvements"], before["total_improvements"].get<int>() + 1);

  // The improvement record ties the tailored resume to its job.
  const auto job = client().get(api("/resumes/" + tailored + "/job-description"));
  ASSERT_TRUE(is_json_ok(job));
  EXPECT_EQ(job.json()["job_id"], job_id_);
}

TEST_F(ImproveTest, ConfirmWithoutAPreviewIs400AndStoresNothing) {
  const auto previewed = preview(client(), resume_id_, job_id_);
  const auto fresh_job = upload_job(client(), sample_job_text() + "\nA second opening.");
  auto request = confirm_body_for(previewed, resume_id_);
  request["job_id"] = fresh_job;
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 400));
  EXPECT_EQ(database_stats(client()), before);
}

TEST_F(ImproveTest, ConfirmOfDataThatWasNotPreviewedIs400AndStoresNothing) {
  const auto previewed = preview(client(), resume_id_, job_id_);
  auto request = confirm_body_for(previewed, resume_id_);
  request["improved_data"]["summary"] = "A summary the preview never produced.";
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 400));
  EXPECT_EQ(database_stats(client()), before);
}

TEST_F(ImproveTest, ConfirmOfUnknownResumeOrJobIs404) {
  const auto previewed = preview(client(), resume_id_, job_id_);
  auto request = confirm_body_for(previewed, resume_id_);
  request["resume_id"] = "no-such-resume";
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 404));
  request = confirm_body_for(previewed, resume_id_);
  request["job_id"] = "no-such-job";
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 404));
}

TEST_F(ImproveTest, ConfirmOfInvalidResumeDataIs422AndStoresNothing) {
  const auto previewed = preview(client(), resume_id_, job_id_);
  const auto before = database_stats(client());
  auto request = confirm_body_for(previewed, resume_id_);
  request["improved_data"]["workExperience"] = "not a list";
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 422));
  request = confirm_body_for(previewed, resume_id_);
  request["improved_data"]["sectionMeta"] =
      json::array({{{"id", "x"}, {"key", "x"}, {"displayName", "X"}, {"sectionType", "table"}}});
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve/confirm"), request), 422));
  EXPECT_EQ(database_stats(client()), before);
}

TEST_F(ImproveTest, ImproveAnswersTheFullImproveResponseAndPersists) {
  const auto before = database_stats(client());
  const auto response =
      client().post_json(api("/resumes/improve"), {{"resume_id", resume_id_}, {"job_id", job_id_}});
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_improve_response(body));
  ASSERT_TRUE(body["data"]["resume_id"].is_string());
  const auto tailored = body["data"]["resume_id"].get<std::string>();
  EXPECT_EQ(get_resume(client(), tailored)["data"]["parent_id"], resume_id_);
  const auto after = database_stats(client());
  EXPECT_EQ(after["total_resumes"], before["total_resumes"].get<int>() + 1);
  EXPECT_EQ(after["total_improvements"], before["total_improvements"].get<int>() + 1);
}

TEST_F(ImproveTest, ImproveOfUnknownResumeOrJobIs404AndStoresNothing) {
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve"),
                                          {{"resume_id", "no-such-resume"}, {"job_id", job_id_}}),
                       404));
  EXPECT_TRUE(is_error(client().post_json(api("/resumes/improve"),
                                          {{"resume_id", resume_id_}, {"job_id", "no-such-job"}}),
                       404));
  EXPECT_EQ(database_stats(client()), before);
}

TEST_F(ImproveTest, FeaturesOffMeansNoCoverLetterOrOutreachAndNotRequested) {
  set_features(false, false);
  const auto body =
      client()
          .post_json(api("/resumes/improve"), {{"resume_id", resume_id_}, {"job_id", job_id_}})
          .json();
  ASSERT_TRUE(is_improve_response(body));
  EXPECT_TRUE(body["data"]["cover_letter"].is_null());
  EXPECT_TRUE(body["data"]["outreach_message"].is_null());
  EXPECT_EQ(body["data"]["cover_letter_status"], "not_requested");
  EXPECT_EQ(body["data"]["outreach_status"], "not_requested");
}

TEST_F(ImproveTest, FeaturesOnGenerateCoverLetterAndOutreachInImproveAndConfirm) {
  set_features(true, true);
  const auto body =
      client()
          .post_json(api("/resumes/improve"), {{"resume_id", resume_id_}, {"job_id", job_id_}})
          .json();
  ASSERT_TRUE(is_improve_response(body));
  const auto& data = body["data"];
  ASSERT_TRUE(data["cover_letter"].is_string());
  EXPECT_FALSE(data["cover_letter"].get<std::string>().empty());
  ASSERT_TRUE(data["outreach_message"].is_string());
  EXPECT_FALSE(data["outreach_message"].get<std::string>().empty());
  EXPECT_EQ(data["cover_letter_status"], "success");
  EXPECT_EQ(data["outreach_status"], "success");
  const auto stored = get_resume(client(), data["resume_id"].get<std::string>());
  EXPECT_EQ(stored["data"]["cover_letter"], data["cover_letter"]);
  EXPECT_EQ(stored["data"]["outreach_message"], data["outreach_message"]);

  const auto confirmed = confirm(client(), preview(client(), resume_id_, job_id_), resume_id_);
  ASSERT_TRUE(is_improve_response(confirmed));
  EXPECT_TRUE(confirmed["data"]["cover_letter"].is_string());
  EXPECT_TRUE(confirmed["data"]["outreach_message"].is_string());
  EXPECT_EQ(confirmed["data"]["cover_letter_status"], "success");
  EXPECT_EQ(confirmed["data"]["outreach_status"], "success");
  const auto tailored = get_resume(client(), confirmed["data"]["resume_id"].get<std::string>());
  EXPECT_EQ(tailored["data"]["cover_letter"], confirmed["data"]["cover_letter"]);
  set_features(false, false);
}

}  // namespace
}  // namespace rm::test
