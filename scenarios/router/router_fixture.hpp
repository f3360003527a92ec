#pragma once
// An ApiRouter over a real ResumeService with the reference's default ports
// (MemoryStore, BuiltinLlm, TextDocumentConverter, MemorySettingsStore), and
// helpers to build requests and read responses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mocks/converter/text_document_converter.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/settings/memory_settings_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/http/api_router.hpp"

namespace rm::test {

inline std::shared_ptr<ApiRouter> make_router() {
  ServicePorts ports;
  ports.store = std::make_shared<MemoryStore>();
  ports.llm = std::make_shared<BuiltinLlm>();
  ports.converter = std::make_shared<TextDocumentConverter>();
  ports.settings = std::make_shared<MemorySettingsStore>();
  return std::make_shared<ApiRouter>(std::make_shared<ResumeService>(std::move(ports)));
}

inline ApiRequest make_request(std::string method, std::string path, std::string body = "",
                               std::vector<std::pair<std::string, std::string>> query = {}) {
  ApiRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.query = std::move(query);
  request.body = std::move(body);
  if (!request.body.empty()) request.headers["content-type"] = "application/json";
  return request;
}

inline Json body_json(const ApiResponse& response) {
  return Json::parse(response.body, nullptr, false);
}

// The response's "detail" string ("" when there is none).
inline std::string detail_of(const ApiResponse& response) {
  const Json body = body_json(response);
  if (!body.is_object() || !body.contains("detail") || !body["detail"].is_string()) return "";
  return body["detail"].get<std::string>();
}

// Every error response is {"detail": "<string>"} served as application/json.
inline ::testing::AssertionResult is_json_error(const ApiResponse& response, int status) {
  if (response.status != status) {
    return ::testing::AssertionFailure()
           << "status " << response.status << " (want " << status << "), body " << response.body;
  }
  const auto type = response.headers.find("content-type");
  if (type == response.headers.end() || type->second != "application/json") {
    return ::testing::AssertionFailure() << "content-type is not application/json";
  }
  if (detail_of(response).empty()) {
    return ::testing::AssertionFailure() << "no string detail in " << response.body;
  }
  return ::testing::AssertionSuccess();
}

class RouterTest : public ::testing::Test {
 protected:
  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                   std::vector<std::pair<std::string, std::string>> query = {}) {
    return router_->handle(make_request(method, path, body, std::move(query)));
  }
  // Uploads a job description and returns its id.
  std::string upload_job(const std::string& text = "Backend engineer\nC++ Python SQL") {
    const ApiResponse response =
        call("POST", "/api/v1/jobs/upload", Json{{"job_descriptions", {text}}}.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    return body_json(response)["job_id"][0].get<std::string>();
  }

  std::shared_ptr<ApiRouter> router_ = make_router();
};

}  // namespace rm::test
