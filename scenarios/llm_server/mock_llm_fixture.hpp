#pragma once
// One mock-llm process per test suite; every test starts from a reset (no plan,
// empty journal, call counts at zero) and installs its own plan.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/support/http_client.hpp"
#include "scenarios/support/server_process.hpp"

namespace rm::test {

class MockLlmSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mock_ = std::make_unique<ServerProcess>(ServerOptions{RM_MOCK_LLM,
                                                          {"--port", "0"},
                                                          {},
                                                          std::chrono::seconds(30),
                                                          std::chrono::seconds(10),
                                                          true});
  }
  static void TearDownTestSuite() { mock_.reset(); }

  void SetUp() override {
    HttpClient control(mock_->base_url());
    ASSERT_EQ(control.post("/__control/reset").status, 200);
  }

  static std::string base_url() { return mock_->base_url(); }
  static std::string v1() { return mock_->base_url() + "/v1"; }

  // PUT /__control/plan with one llm rule {operation, action, extra fields}.
  static void install(const std::string& operation, const std::string& action,
                      nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json rule{{"component", "llm"}, {"operation", operation}, {"action", action}};
    rule.update(extra);
    HttpClient control(mock_->base_url());
    const HttpResponse put = control.put_json(
        "/__control/plan", {{"seed", 7}, {"rules", nlohmann::json::array({rule})}});
    ASSERT_EQ(put.status, 200) << put.body;
  }

  static nlohmann::json calls() {
    HttpClient control(mock_->base_url());
    return control.get("/__control/calls").json();
  }

  static nlohmann::json journal() {
    HttpClient control(mock_->base_url());
    return control.get("/__control/journal").json()["journal"];
  }

  static inline std::unique_ptr<ServerProcess> mock_;
};

}  // namespace rm::test
