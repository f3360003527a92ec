// reference-server --fault-control: the control API exists only with the flag,
// drives the store and converter rules, resets the store, and the flag refuses a
// non-loopback host.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/http_client.hpp"
#include "scenarios/support/server_process.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

ServerOptions reference(std::vector<std::string> args) {
  return ServerOptions{RM_REFERENCE_SERVER,      std::move(args),          {},
                       std::chrono::seconds(30), std::chrono::seconds(10), true};
}

TEST(FaultControlFlag, ControlPathsAre404WithoutTheFlag) {
  ServerProcess server(reference({"--port", "0"}));
  HttpClient client(server.base_url());
  EXPECT_EQ(client.get("/__control/plan").status, 404);
  EXPECT_EQ(client.post("/__control/reset").status, 404);
  EXPECT_EQ(client.get("/__control/journal").status, 404);
  EXPECT_EQ(client.put_json("/__control/plan", {{"rules", json::array()}}).status, 404);
}

TEST(FaultControlFlag, WithTheFlagStoreRulesApplyAndResetEmptiesTheStore) {
  ServerProcess server(reference({"--port", "0", "--fault-control"}));
  HttpClient client(server.base_url());
  ASSERT_EQ(client.get("/__control/plan").status, 200);
  EXPECT_TRUE(client.get("/__control/plan").json()["plan"].is_null());

  upload_resume(client);
  EXPECT_EQ(database_stats(client)["total_resumes"], 1);
  ASSERT_EQ(client.post("/__control/reset").status, 200);
  EXPECT_EQ(database_stats(client)["total_resumes"], 0);

  const json plan{
      {"seed", 1},
      {"rules", json::array({json{
                    {"component", "store"}, {"operation", "create_resume"}, {"action", "fail"}}})}};
  ASSERT_EQ(client.put_json("/__control/plan", plan).status, 200);
  const HttpResponse failed = client.post_multipart("/api/v1/resumes/upload", "file", "r.pdf",
                                                    "application/pdf", sample_resume_text());
  EXPECT_EQ(failed.status, 500) << failed.body;
  const json journal = client.get("/__control/journal").json()["journal"];
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["operation"], "create_resume");
  EXPECT_EQ(journal[0]["action"], "fail");

  // llm rules belong to mock-llm: refused here, never silently ignored.
  const json llm_plan{
      {"rules",
       json::array({json{{"component", "llm"}, {"operation", "*"}, {"action", "throw"}}})}};
  EXPECT_EQ(client.put_json("/__control/plan", llm_plan).status, 400);
}

TEST(FaultControlFlag, ConverterRulesApply) {
  ServerProcess server(reference({"--port", "0", "--fault-control"}));
  HttpClient client(server.base_url());
  const json plan{
      {"rules",
       json::array({json{{"component", "converter"}, {"operation", "*"}, {"action", "fail"}}})}};
  ASSERT_EQ(client.put_json("/__control/plan", plan).status, 200);
  const HttpResponse response = client.post_multipart("/api/v1/resumes/upload", "file", "r.pdf",
                                                      "application/pdf", sample_resume_text());
  EXPECT_EQ(response.status, 422) << response.body;
}

TEST(FaultControlFlag, RefusesANonLoopbackHost) {
  TempDir dir;
  const std::string err = (dir.path() / "stderr").string();
  const std::string command = std::string(RM_REFERENCE_SERVER) +
                              " --host 0.0.0.0 --port 0 --fault-control >/dev/null 2>" + err;
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("--fault-control needs a loopback --host"), std::string::npos)
      << text.str();
}

}  // namespace
}  // namespace rm::test
