#pragma once
// The table-driven core of the bad-input suite. A BadRequest names one request
// the contract rejects; BadInputTest sends it to a shared reference-server and
// checks: the documented status (never 5xx) with a non-empty string `detail`,
// the server still answers GET /health with 200, and — when the request must
// store nothing — the observable state (database stats, the seeded records, the
// job, the config) is exactly what it was before.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {

// Records created once per suite, for requests that need real ids.
struct Seed {
  std::string resume;    // the master resume (has a cover letter)
  std::string tailored;  // a tailored resume of `resume` for `job`
  std::string job;
  nlohmann::json confirm;  // a valid confirm body for a fresh preview of resume/job
};

struct BadRequest {
  std::string name;  // the test name: letters, digits and '_'
  std::string method;
  std::string path;          // "{resume}", "{tailored}" and "{job}" are replaced by the seed's ids
  std::string content_type;  // "" sends no Content-Type
  std::function<std::string(const Seed&)> body;  // nullptr: no body
  std::vector<int> statuses;                     // the acceptable statuses (all 4xx)
  bool stores_nothing = true;
};

// A JSON request whose body is `body` verbatim (it may be malformed on purpose).
BadRequest json_text(std::string name, std::string method, std::string path, std::string body,
                     std::vector<int> statuses = {422});
// A JSON request whose body is computed from the seed (e.g. a mutated confirm body).
BadRequest json_from(std::string name, std::string method, std::string path,
                     std::function<nlohmann::json(const Seed&)> body,
                     std::vector<int> statuses = {422});
// A bodiless request (GET with a bad query, ...).
BadRequest bare(std::string name, std::string method, std::string path,
                std::vector<int> statuses = {422});

// multipart/form-data with the given parts; `filename` empty = a plain form field,
// `content_type` empty = no part Content-Type header.
struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string data;
};
inline constexpr const char* kBoundary = "bad-input-boundary-2f9c";
std::string multipart(const std::vector<FormPart>& parts);

void PrintTo(const BadRequest& request, std::ostream* out);
std::string case_name(const ::testing::TestParamInfo<BadRequest>& info);

class BadInputTest : public ReferenceServerTest, public ::testing::WithParamInterface<BadRequest> {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite() { ReferenceServerTest::TearDownTestSuite(); }

  // Sends `request` and checks everything the header comment says.
  void check(const BadRequest& request);
  // Everything a rejected request must leave as it was.
  nlohmann::json snapshot();

  inline static Seed seed_;
  inline static std::string seed_error_;
};

}  // namespace rm::test
