// The transport-free control API: every path under /__control/, in-process.
#include "mocks/fault/fault_control_api.hpp"

#include <gtest/gtest.h>

#include <future>

#include "fault_test_support.hpp"

namespace rm {
namespace {

using namespace std::chrono_literals;
using fault_test::FaultyMemoryStore;
using fault_test::sample_resume;

ApiRequest request(std::string method, std::string path, std::string body = "",
                   std::vector<std::pair<std::string, std::string>> query = {}) {
  ApiRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  r.query = std::move(query);
  return r;
}

constexpr const char* kGatePlan = R"({"seed": 3, "rules": [
    {"component": "store", "operation": "create_resume", "action": "gate", "gate": "upload"}]})";

class FaultControlApiTest : public ::testing::Test {
 protected:
  ApiResponse call(const ApiRequest& r) {
    auto response = api_.handle(r);
    EXPECT_TRUE(response.has_value()) << r.method << " " << r.path;
    if (!response) return {};
    EXPECT_EQ(response->headers["content-type"], "application/json");
    return *response;
  }
  Json body(const ApiResponse& response) { return Json::parse(response.body); }
  std::future<Document> gated_upload(const std::string& name) {
    return std::async(std::launch::async, [this, name] {
      return s_.store->create_resume(sample_resume(name), MasterPolicy::kNotMaster);
    });
  }

  FaultyMemoryStore s_;
  int hook_calls_ = 0;
  FaultControlApi api_{s_.injector, [this] {
                         ++hook_calls_;
                         s_.inner->clear();
                       }};
};

TEST_F(FaultControlApiTest, OtherPathsAreNotItsBusiness) {
  EXPECT_FALSE(api_.handle(request("GET", "/api/v1/resumes")).has_value());
  EXPECT_FALSE(api_.handle(request("GET", "/__controlled/plan")).has_value());
  EXPECT_FALSE(api_.handle(request("GET", "/")).has_value());
  ApiResponse unknown = call(request("GET", "/__control/nothing"));
  EXPECT_EQ(unknown.status, 404);
  ApiResponse wrong_method = call(request("POST", "/__control/plan"));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.headers["allow"], "GET, PUT, DELETE");
}

TEST_F(FaultControlApiTest, PutGetAndDeleteThePlan) {
  EXPECT_EQ(body(call(request("GET", "/__control/plan")))["plan"], nullptr);
  ApiResponse put = call(request("PUT", "/__control/plan", kGatePlan));
  EXPECT_EQ(put.status, 200);
  FaultPlan expected = fault_test::plan_from(kGatePlan);
  EXPECT_EQ(body(put)["plan"], expected.to_json());
  EXPECT_EQ(s_.injector->plan(), expected);
  EXPECT_EQ(body(call(request("GET", "/__control/plan")))["plan"], expected.to_json());
  EXPECT_EQ(call(request("DELETE", "/__control/plan")).status, 200);
  EXPECT_FALSE(s_.injector->plan().has_value());
}

TEST_F(FaultControlApiTest, InvalidPlanIs400NamingTheField) {
  ApiResponse bad = call(request(
      "PUT", "/__control/plan",
      R"({"rules":[{"component":"store","operation":"get_job","action":"fail","nth":0}]})"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(body(bad)["detail"].get<std::string>().rfind("rules[0].nth:", 0), 0u);
  ApiResponse not_json = call(request("PUT", "/__control/plan", "{"));
  EXPECT_EQ(not_json.status, 400);
  EXPECT_FALSE(s_.injector->plan().has_value());
}

TEST_F(FaultControlApiTest, RefusesRulesForComponentsItDoesNotServe) {
  FaultControlApi llm_only(s_.injector, {}, {FaultComponent::kLlm});
  auto response = llm_only.handle(request("PUT", "/__control/plan", kGatePlan));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(Json::parse(response->body)["detail"].get<std::string>().find("rules[0].component"),
            std::string::npos);
}

TEST_F(FaultControlApiTest, WaitListAndReleaseGates) {
  call(request("PUT", "/__control/plan", kGatePlan));
  auto a = gated_upload("a");
  auto b = gated_upload("b");
  ApiResponse waited = call(request("POST", "/__control/gates/upload/wait", "",
                                    {{"count", "2"}, {"timeout_ms", "30000"}}));
  EXPECT_EQ(body(waited), (Json{{"arrived", 2}, {"requested", 2}}));

  Json gates = body(call(request("GET", "/__control/gates")))["gates"];
  ASSERT_EQ(gates.size(), 1u);
  EXPECT_EQ(gates[0], (Json{{"name", "upload"}, {"arrivals", 2}, {"waiting", 2}, {"released", 0}}));

  EXPECT_EQ(body(call(request("POST", "/__control/gates/upload/release")))["released"], 1);
  EXPECT_EQ(body(call(request("POST", "/__control/gates/upload/release", "",
                              {{"all", "true"}})))["released"],
            1);
  a.get();
  b.get();
  EXPECT_EQ(s_.inner->stats().total_resumes, 2);

  Json journal = body(call(request("GET", "/__control/journal")))["journal"];
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0]["gate"], "upload");
}

TEST_F(FaultControlApiTest, WaitTimesOutWithTheCountSoFar) {
  call(request("PUT", "/__control/plan", kGatePlan));
  auto a = gated_upload("a");
  call(request("POST", "/__control/gates/upload/wait", "",
               {{"count", "1"}, {"timeout_ms", "30000"}}));
  ApiResponse waited = call(
      request("POST", "/__control/gates/upload/wait", "", {{"count", "2"}, {"timeout_ms", "50"}}));
  EXPECT_EQ(body(waited), (Json{{"arrived", 1}, {"requested", 2}}));
  call(request("POST", "/__control/gates/upload/release"));
  a.get();
}

TEST_F(FaultControlApiTest, BadQueryParametersAre400) {
  EXPECT_EQ(call(request("POST", "/__control/gates/g/wait", "", {{"count", "two"}})).status, 400);
  EXPECT_EQ(call(request("POST", "/__control/gates/g/wait", "", {{"timeout_ms", "-1"}})).status,
            400);
  EXPECT_EQ(call(request("POST", "/__control/gates/g/release", "", {{"all", "yes"}})).status, 400);
  EXPECT_EQ(call(request("GET", "/__control/gates/g/wait")).status, 405);
}

TEST_F(FaultControlApiTest, ResetClearsEverythingAndCallsTheHook) {
  s_.inner->create_resume(sample_resume("kept"), MasterPolicy::kNotMaster);
  call(request("PUT", "/__control/plan", kGatePlan));
  auto held = gated_upload("held");
  call(request("POST", "/__control/gates/upload/wait", "",
               {{"count", "1"}, {"timeout_ms", "30000"}}));

  EXPECT_EQ(body(call(request("POST", "/__control/reset"))), (Json{{"reset", true}}));
  held.get();  // released by the reset
  EXPECT_EQ(hook_calls_, 1);
  EXPECT_FALSE(s_.injector->plan().has_value());
  EXPECT_EQ(body(call(request("GET", "/__control/journal")))["journal"], Json::array());
  EXPECT_EQ(body(call(request("GET", "/__control/gates")))["gates"], Json::array());
}

}  // namespace
}  // namespace rm
