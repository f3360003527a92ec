// Route matching: every contract route is reachable, unknown paths are 404,
// known paths with another method are 405, exact segments beat {…} segments,
// and handle() never lets an exception out.
#include <atomic>
#include <stdexcept>
#include <thread>

#include "scenarios/router/router_fixture.hpp"

namespace rm::test {
namespace {

TEST_F(RouterTest, HealthAndStatusAnswerJson) {
  for (const char* path : {"/api/v1/health", "/api/v1/status"}) {
    const ApiResponse response = call("GET", path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.headers.at("content-type"), "application/json");
    EXPECT_TRUE(body_json(response).is_object()) << response.body;
  }
}

TEST_F(RouterTest, EveryContractRouteIsRegistered) {
  // A missing route would be 404 "Not Found" or 405; these all reach a handler.
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/v1/resumes/upload"},
      {"GET", "/api/v1/resumes"},
      {"GET", "/api/v1/resumes/list"},
      {"POST", "/api/v1/resumes/improve/preview"},
      {"POST", "/api/v1/resumes/improve/confirm"},
      {"POST", "/api/v1/resumes/improve"},
      {"PATCH", "/api/v1/resumes/r1"},
      {"GET", "/api/v1/resumes/r1/pdf"},
      {"DELETE", "/api/v1/resumes/r1"},
      {"PATCH", "/api/v1/resumes/r1/cover-letter"},
      {"PATCH", "/api/v1/resumes/r1/outreach-message"},
      {"POST", "/api/v1/resumes/r1/generate-cover-letter"},
      {"POST", "/api/v1/resumes/r1/generate-outreach"},
      {"GET", "/api/v1/resumes/r1/job-description"},
      {"GET", "/api/v1/resumes/r1/cover-letter/pdf"},
      {"POST", "/api/v1/resumes/r1/master"},
      {"POST", "/api/v1/jobs/upload"},
      {"GET", "/api/v1/jobs/j1"},
      {"GET", "/api/v1/health"},
      {"GET", "/api/v1/status"},
      {"GET", "/api/v1/config/features"},
      {"PUT", "/api/v1/config/features"},
      {"GET", "/api/v1/config/language"},
      {"PUT", "/api/v1/config/language"},
      {"GET", "/api/v1/config/prompts"},
      {"PUT", "/api/v1/config/prompts"},
  };
  for (const auto& [method, path] : routes) {
    const ApiResponse response = call(method, path);
    EXPECT_NE(response.status, 405) << method << " " << path;
    EXPECT_NE(detail_of(response), "Not Found") << method << " " << path;
    EXPECT_LT(response.status, 500) << method << " " << path << ": " << response.body;
  }
}

TEST_F(RouterTest, UnknownPathIs404NotFound) {
  for (const char* path : {"/", "/api", "/api/v1", "/api/v1/nothing", "/api/v1/resumes/a/b/c/d",
                           "/api/v2/health", "", "relative/path"}) {
    const ApiResponse response = call("GET", path);
    EXPECT_TRUE(is_json_error(response, 404)) << path;
    EXPECT_EQ(detail_of(response), "Not Found") << path;
  }
}

TEST_F(RouterTest, KnownPathWithAnotherMethodIs405WithAllow) {
  const ApiResponse upload = call("GET", "/api/v1/resumes/upload");
  EXPECT_TRUE(is_json_error(upload, 405));
  // Also matched by PATCH/DELETE /resumes/{resume_id}: Allow lists every method of the path.
  EXPECT_EQ(upload.headers.at("allow"), "DELETE, PATCH, POST");

  const ApiResponse jobs = call("DELETE", "/api/v1/jobs/upload");
  EXPECT_TRUE(is_json_error(jobs, 405));
  EXPECT_EQ(jobs.headers.at("allow"), "GET, POST");  // POST /jobs/upload and GET /jobs/{job_id}

  const ApiResponse health = call("POST", "/api/v1/health");
  EXPECT_TRUE(is_json_error(health, 405));
  EXPECT_EQ(health.headers.at("allow"), "GET");
  EXPECT_TRUE(is_json_error(call("HEAD", "/api/v1/health"), 405));
  EXPECT_TRUE(is_json_error(call("get", "/api/v1/health"), 405));  // methods are case-sensitive
}

TEST_F(RouterTest, ParameterSegmentTakesAnyOtherMethodOnAnExactPath) {
  // As in Starlette: DELETE /resumes/list is DELETE /resumes/{resume_id} with id "list".
  const ApiResponse response = call("DELETE", "/api/v1/resumes/list");
  EXPECT_TRUE(is_json_error(response, 404));
  EXPECT_NE(detail_of(response), "Not Found");
}

TEST_F(RouterTest, TrailingSlashRedirectsToTheRoute) {
  const ApiResponse response = call("GET", "/api/v1/health/");
  EXPECT_EQ(response.status, 307);
  EXPECT_EQ(response.headers.at("location"), "/api/v1/health");

  const ApiResponse with_query = call("GET", "/api/v1/resumes/", "", {{"resume_id", "a b&c"}});
  EXPECT_EQ(with_query.status, 307);
  EXPECT_EQ(with_query.headers.at("location"), "/api/v1/resumes?resume_id=a%20b%26c");

  EXPECT_TRUE(is_json_error(call("GET", "/api/v1/nothing/"), 404));
}

TEST_F(RouterTest, EmptySegmentNeverMatchesAParameter) {
  EXPECT_TRUE(is_json_error(call("GET", "/api/v1/jobs/"), 404));
  EXPECT_TRUE(is_json_error(call("DELETE", "/api/v1/resumes//cover-letter"), 404));
}

TEST(RouterExtension, ExactSegmentsWinWhateverTheOrderOfRegistration) {
  auto router = make_router();
  router->add("GET", "/x/{id}/y", [](const ApiRequest&, const std::vector<std::string>& params) {
    return json_response(200, Json{{"route", "param"}, {"id", params.at(0)}});
  });
  router->add("GET", "/x/special/y", [](const ApiRequest&, const std::vector<std::string>&) {
    return json_response(200, Json{{"route", "exact"}});
  });
  router->add("GET", "/x/special/{z}", [](const ApiRequest&, const std::vector<std::string>&) {
    return json_response(200, Json{{"route", "exact-then-param"}});
  });
  EXPECT_EQ(body_json(router->handle(make_request("GET", "/x/special/y")))["route"], "exact");
  EXPECT_EQ(body_json(router->handle(make_request("GET", "/x/special/q")))["route"],
            "exact-then-param");
  const Json other = body_json(router->handle(make_request("GET", "/x/other/y")));
  EXPECT_EQ(other["route"], "param");
  EXPECT_EQ(other["id"], "other");
}

TEST(RouterExtension, ParametersArriveInOrder) {
  auto router = make_router();
  router->add("POST", "/a/{p}/b/{q}",
              [](const ApiRequest&, const std::vector<std::string>& params) {
                return json_response(200, Json(params));
              });
  EXPECT_EQ(body_json(router->handle(make_request("POST", "/a/1/b/two"))),
            Json::array({"1", "two"}));
}

TEST(RouterExtension, AThrowingHandlerIsA500WithAGenericDetail) {
  auto router = make_router();
  router->add("GET", "/boom",
              [](const ApiRequest&, const std::vector<std::string>&) -> ApiResponse {
                throw std::runtime_error("secret internal state");
              });
  router->add("GET", "/boom2",
              [](const ApiRequest&, const std::vector<std::string>&) -> ApiResponse { throw 42; });
  for (const char* path : {"/boom", "/boom2"}) {
    ApiResponse response;
    EXPECT_NO_THROW(response = router->handle(make_request("GET", path)));
    EXPECT_TRUE(is_json_error(response, 500));
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
  }
}

TEST(RouterExtension, RoutesMayBeAddedWhileRequestsAreHandled) {
  auto router = make_router();
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done.load()) {
      const ApiResponse response = router->handle(make_request("GET", "/api/v1/health"));
      ASSERT_EQ(response.status, 200);
    }
  });
  for (int i = 0; i < 200; ++i) {
    router->add("GET", "/extra/" + std::to_string(i),
                [](const ApiRequest&, const std::vector<std::string>&) {
                  return json_response(200, Json::object());
                });
  }
  done = true;
  reader.join();
  EXPECT_EQ(router->handle(make_request("GET", "/extra/199")).status, 200);
}

}  // namespace
}  // namespace rm::test
