#pragma once
// A gtest fixture that runs ONE reference-server per test suite (SetUpTestSuite)
// and gives each test its own HttpClient. Header-only on purpose: the binary's
// path comes from the including suite's compile definition
//   target_compile_definitions(<suite> PRIVATE
//   RM_REFERENCE_SERVER="$<TARGET_FILE:reference-server>")
// and can be overridden at run time with the environment variable RM_REFERENCE_SERVER.
//
//   class ResumesTest : public rm::test::ReferenceServerTest {};
//   TEST_F(ResumesTest, Upload) { auto r = client().get(api("/health")); ... }
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenarios/support/http_client.hpp"
#include "scenarios/support/server_process.hpp"

#ifndef RM_REFERENCE_SERVER
#error "define RM_REFERENCE_SERVER=\"$<TARGET_FILE:reference-server>\" for this suite"
#endif

namespace rm::test {

inline std::string reference_server_binary() {
  if (const char* path = std::getenv("RM_REFERENCE_SERVER"); path && *path) return path;
  return RM_REFERENCE_SERVER;
}

// Options for a reference-server on an ephemeral port with `extra` arguments
// (e.g. {"--defect", "API-007"} or {"--data-dir", dir}).
inline ServerOptions reference_server_options(std::vector<std::string> extra = {}) {
  ServerOptions options;
  options.binary = reference_server_binary();
  options.args = {"--port", "0"};
  options.args.insert(options.args.end(), extra.begin(), extra.end());
  return options;
}

class ReferenceServerTest : public ::testing::Test {
 protected:
  // A derived fixture that needs other arguments defines its own
  //   static void SetUpTestSuite() { start_server({"--defect", "API-007"}); }
  static void SetUpTestSuite() { start_server({}); }
  static void TearDownTestSuite() { server_.reset(); }

  static void start_server(std::vector<std::string> extra) {
    server_.reset();
    startup_error_.clear();
    try {
      server_ = std::make_unique<ServerProcess>(reference_server_options(std::move(extra)));
    } catch (const std::exception& error) {
      startup_error_ = error.what();
    }
  }

  void SetUp() override {
    ASSERT_TRUE(server_) << "reference-server did not start: " << startup_error_;
    ASSERT_TRUE(server_->alive()) << "reference-server has exited; output:\n" << server_->output();
    client_ = std::make_unique<HttpClient>(server_->base_url());
  }

  HttpClient& client() { return *client_; }
  static ServerProcess& server() { return *server_; }
  // "/api/v1" + path.
  static std::string api(const std::string& path) { return "/api/v1" + path; }

  inline static std::unique_ptr<ServerProcess> server_;
  inline static std::string startup_error_;

 private:
  std::unique_ptr<HttpClient> client_;
};

}  // namespace rm::test
