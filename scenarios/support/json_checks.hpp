#pragma once
// gtest assertions on the shape of JSON responses: a field is present with the
// right JSON type, an error response carries a non-empty string `detail`, a
// ResumeData / ImproveResponse has every documented field.
//   EXPECT_TRUE(has_field(body, "message", kString));
//   EXPECT_TRUE(is_error(response, 404));
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scenarios/support/http_client.hpp"

namespace rm::test {

// JSON types as a bit set, so that "string or null" is kString | kNull.
enum JsonKind : unsigned {
  kNull = 1u << 0,
  kBool = 1u << 1,
  kInteger = 1u << 2,  // a JSON number without fraction
  kNumber = 1u << 3,   // any JSON number (integers included)
  kString = 1u << 4,
  kArray = 1u << 5,
  kObject = 1u << 6,
};

// "string|null" for kString | kNull.
std::string kind_name(unsigned kinds);
// The kind of a value (kInteger | kNumber for an integer).
unsigned kind_of(const nlohmann::json& value);

// `object` is a JSON object holding `key` whose value is one of `kinds`.
::testing::AssertionResult has_field(const nlohmann::json& object, const std::string& key,
                                     unsigned kinds);

// Every element of `array` (which must be an array) is one of `kinds`.
::testing::AssertionResult all_elements(const nlohmann::json& array, unsigned kinds);

// The documented error shape: `status` (exactly), a JSON body whose `detail` is a
// non-empty string.
::testing::AssertionResult is_error(const HttpResponse& response, int status);
// Any 4xx with the error shape (used where several statuses are acceptable).
::testing::AssertionResult is_client_error(const HttpResponse& response);

// `response` is 200 with a JSON body (an object or an array).
::testing::AssertionResult is_json_ok(const HttpResponse& response);

// ResumeData with every field of the contract and the right types (after the
// server filled the defaults).
::testing::AssertionResult is_resume_data(const nlohmann::json& data);

// The body of GET /resumes?resume_id (also PATCH /resumes/{id}).
::testing::AssertionResult is_resume_fetch(const nlohmann::json& body);

// The body of POST /resumes/improve[/preview|/confirm]: every documented field.
::testing::AssertionResult is_improve_response(const nlohmann::json& body);

}  // namespace rm::test
