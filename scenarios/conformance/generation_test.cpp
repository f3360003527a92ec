// Contract section 1, generation: POST /resumes/{id}/generate-cover-letter,
// POST /resumes/{id}/generate-outreach, GET /resumes/{id}/job-description.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class GenerationTest : public ReferenceServerTest {
 protected:
  void SetUp() override {
    ReferenceServerTest::SetUp();
    if (HasFatalFailure()) return;
    original_id_ = upload_resume(client(), sample_resume_text("Ada Lovelace"));
    job_id_ = upload_job(client());
    tailored_id_ = tailor(client(), original_id_, job_id_);
  }

  std::string original_id_, job_id_, tailored_id_;
};

struct Generator {
  const char* path;    // "/generate-cover-letter"
  const char* stored;  // the resume field it is stored in
};
constexpr Generator kGenerators[] = {{"/generate-cover-letter", "cover_letter"},
                                     {"/generate-outreach", "outreach_message"}};

TEST_F(GenerationTest, GenerateAnswersContentAndMessageAndStoresIt) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    const auto response = client().post(api("/resumes/" + tailored_id_ + generator.path));
    ASSERT_TRUE(is_json_ok(response));
    const auto body = response.json();
    ASSERT_TRUE(has_field(body, "content", kString));
    EXPECT_FALSE(body["content"].get<std::string>().empty());
    EXPECT_TRUE(has_field(body, "message", kString));
    EXPECT_EQ(get_resume(client(), tailored_id_)["data"][generator.stored], body["content"]);
  }
}

TEST_F(GenerationTest, GenerateForUnknownResumeIs404) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    EXPECT_TRUE(
        is_error(client().post(api(std::string("/resumes/no-such-resume") + generator.path)), 404));
  }
}

TEST_F(GenerationTest, GenerateForAResumeThatIsNotTailoredIs400) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    EXPECT_TRUE(is_error(client().post(api("/resumes/" + original_id_ + generator.path)), 400));
    EXPECT_TRUE(get_resume(client(), original_id_)["data"][generator.stored].is_null());
  }
}

TEST_F(GenerationTest, JobDescriptionAnswersTheTailoringJob) {
  const auto response = client().get(api("/resumes/" + tailored_id_ + "/job-description"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(has_field(body, "job_id", kString));
  ASSERT_TRUE(has_field(body, "content", kString));
  EXPECT_EQ(body["job_id"], job_id_);
  EXPECT_NE(body["content"].get<std::string>().find("Senior Backend Engineer"), std::string::npos);
}

TEST_F(GenerationTest, JobDescriptionOfUnknownResumeIs404) {
  EXPECT_TRUE(is_error(client().get(api("/resumes/no-such-resume/job-description")), 404));
}

TEST_F(GenerationTest, JobDescriptionOfAResumeThatIsNotTailoredIs400) {
  EXPECT_TRUE(is_error(client().get(api("/resumes/" + original_id_ + "/job-description")), 400));
}

// Records that cannot be built through the API (a tailored resume without its
// improvement record, or without processed data) are seeded into a TinyDB file.
class SeededGenerationTest : public ReferenceServerTest {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = std::make_unique<TempDir>("rm-conformance-seed");
    const auto resume = [](const std::string& id, const json& parent, const json& data,
                           const std::string& status, bool master) {
      return json{{"resume_id", id},
                  {"content", "Seed Person\nseed@example.com\nSkills: Python"},
                  {"content_type", "md"},
                  {"filename", id + ".pdf"},
                  {"is_master", master},
                  {"parent_id", parent},
                  {"processed_data", data},
                  {"processing_status", status},
                  {"cover_letter", nullptr},
                  {"outreach_message", nullptr},
                  {"created_at", "2025-01-01T00:00:00+00:00"},
                  {"updated_at", "2025-01-01T00:00:00+00:00"}};
    };
    const json data = {{"personalInfo", {{"name", "Seed Person"}, {"email", "seed@example.com"}}},
                       {"summary", "Engineer."},
                       {"additional", {{"technicalSkills", {"Python"}}}}};
    const json database = {{"resumes",
                            {{"1", resume("seed-master", nullptr, data, "ready", true)},
                             {"2", resume("seed-orphan", "seed-master", data, "ready", false)},
                             {"3", resume("seed-no-data", "seed-master", nullptr, "failed", false)},
                             {"4", resume("seed-lost-job", "seed-master", data, "ready", false)}}},
                           {"jobs",
                            {{"1",
                              {{"job_id", "seed-job"},
                               {"content", "Python engineer wanted."},
                               {"resume_id", nullptr},
                               {"created_at", "2025-01-01T00:00:00+00:00"}}}}},
                           {"improvements",
                            {{"1",
                              {{"request_id", "seed-imp-1"},
                               {"original_resume_id", "seed-master"},
                               {"tailored_resume_id", "seed-no-data"},
                               {"job_id", "seed-job"},
                               {"improvements", json::array()},
                               {"created_at", "2025-01-01T00:00:00+00:00"}}},
                             {"2",
                              {{"request_id", "seed-imp-2"},
                               {"original_resume_id", "seed-master"},
                               {"tailored_resume_id", "seed-lost-job"},
                               {"job_id", "seed-deleted-job"},
                               {"improvements", json::array()},
                               {"created_at", "2025-01-01T00:00:00+00:00"}}}}}};
    data_dir_->write("database.json", database.dump(2));
    start_server({"--data-dir", data_dir_->str()});
  }
  static void TearDownTestSuite() {
    ReferenceServerTest::TearDownTestSuite();
    data_dir_.reset();
  }

  inline static std::unique_ptr<TempDir> data_dir_;
};

TEST_F(SeededGenerationTest, TailoredResumeWithoutImprovementRecordIs400) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    EXPECT_TRUE(
        is_error(client().post(api(std::string("/resumes/seed-orphan") + generator.path)), 400));
  }
  EXPECT_TRUE(is_error(client().get(api("/resumes/seed-orphan/job-description")), 400));
}

TEST_F(SeededGenerationTest, TailoredResumeWithoutProcessedDataIs400) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    EXPECT_TRUE(
        is_error(client().post(api(std::string("/resumes/seed-no-data") + generator.path)), 400));
  }
  // Its job context exists, so the job description is still available.
  const auto job = client().get(api("/resumes/seed-no-data/job-description"));
  ASSERT_TRUE(is_json_ok(job));
  EXPECT_EQ(job.json()["job_id"], "seed-job");
}

TEST_F(SeededGenerationTest, TailoredResumeWhoseJobIsGoneIs404) {
  for (const auto& generator : kGenerators) {
    SCOPED_TRACE(generator.path);
    EXPECT_TRUE(
        is_error(client().post(api(std::string("/resumes/seed-lost-job") + generator.path)), 404));
  }
  EXPECT_TRUE(is_error(client().get(api("/resumes/seed-lost-job/job-description")), 404));
}

}  // namespace
}  // namespace rm::test
