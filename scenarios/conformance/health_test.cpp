// Contract section 1, health: GET /health and GET /status.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class HealthTest : public ReferenceServerTest {};

TEST_F(HealthTest, HealthAnswersStatusAndLlm) {
  const auto response = client().get(api("/health"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(has_field(body, "status", kString));
  ASSERT_TRUE(has_field(body, "llm", kObject));
  const auto& llm = body["llm"];
  ASSERT_TRUE(has_field(llm, "healthy", kBool));
  EXPECT_TRUE(has_field(llm, "provider", kString));
  EXPECT_TRUE(has_field(llm, "model", kString));
  EXPECT_EQ(body["status"], llm["healthy"] == true ? "healthy" : "degraded");
  EXPECT_EQ(llm["healthy"], true) << "the built-in LLM is always available";
}

TEST_F(HealthTest, StatusAnswersEveryDocumentedField) {
  const auto response = client().get(api("/status"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(has_field(body, "status", kString));
  EXPECT_TRUE(body["status"] == "ready" || body["status"] == "setup_required") << body["status"];
  ASSERT_TRUE(has_field(body, "llm_configured", kBool));
  ASSERT_TRUE(has_field(body, "llm_healthy", kBool));
  ASSERT_TRUE(has_field(body, "has_master_resume", kBool));
  ASSERT_TRUE(has_field(body, "database_stats", kObject));
  const auto& stats = body["database_stats"];
  EXPECT_TRUE(has_field(stats, "total_resumes", kInteger));
  EXPECT_TRUE(has_field(stats, "total_jobs", kInteger));
  EXPECT_TRUE(has_field(stats, "total_improvements", kInteger));
  ASSERT_TRUE(has_field(stats, "has_master_resume", kBool));
  EXPECT_EQ(body["has_master_resume"], stats["has_master_resume"]);
  const bool ready = body["llm_healthy"] == true && body["has_master_resume"] == true;
  EXPECT_EQ(body["status"], ready ? "ready" : "setup_required");
}

TEST_F(HealthTest, StatusCountsWhatTheApiStored) {
  const auto before = database_stats(client());
  const auto resume_id = upload_resume(client());
  const auto job_id = upload_job(client());
  tailor(client(), resume_id, job_id);
  const auto after = database_stats(client());
  EXPECT_EQ(after["total_resumes"], before["total_resumes"].get<int>() + 2) << "upload + tailored";
  EXPECT_EQ(after["total_jobs"], before["total_jobs"].get<int>() + 1);
  EXPECT_EQ(after["total_improvements"], before["total_improvements"].get<int>() + 1);
  EXPECT_EQ(after["has_master_resume"], true);
}

// A fresh server: no master means setup_required; the first upload makes it ready.
TEST(HealthFreshServer, StatusIsSetupRequiredUntilAMasterExists) {
  ServerProcess server(reference_server_options());
  HttpClient client(server.base_url());
  auto status = client.get("/api/v1/status");
  ASSERT_TRUE(is_json_ok(status));
  EXPECT_EQ(status.json()["status"], "setup_required");
  EXPECT_EQ(status.json()["has_master_resume"], false);
  EXPECT_EQ(status.json()["database_stats"], json({{"total_resumes", 0},
                                                   {"total_jobs", 0},
                                                   {"total_improvements", 0},
                                                   {"has_master_resume", false}}));
  upload_resume(client);
  status = client.get("/api/v1/status");
  ASSERT_TRUE(is_json_ok(status));
  EXPECT_EQ(status.json()["has_master_resume"], true);
  EXPECT_EQ(status.json()["status"],
            status.json()["llm_healthy"] == true ? "ready" : "setup_required");
}

}  // namespace
}  // namespace rm::test
