// Request validation: 422 naming the body or the offending field/parameter,
// FastAPI's order (the body is checked before the resource is looked up), and
// never a 5xx for bad client input.
#include "scenarios/router/router_fixture.hpp"

namespace rm::test {
namespace {

using ::testing::HasSubstr;

TEST_F(RouterTest, BodyThatIsNotJsonIs422NamingTheBody) {
  for (const char* body : {"{", "not json", "{\"resume_id\": }", "[1,2", "\xff\xfe"}) {
    const ApiResponse response = call("POST", "/api/v1/resumes/improve/preview", body);
    EXPECT_TRUE(is_json_error(response, 422)) << body;
    EXPECT_THAT(detail_of(response), HasSubstr("body")) << body;
  }
}

TEST_F(RouterTest, EmptyBodyIs422FieldRequired) {
  const ApiResponse response = call("POST", "/api/v1/resumes/improve/preview", "");
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_THAT(detail_of(response), HasSubstr("body"));
  EXPECT_THAT(detail_of(response), HasSubstr("Field required"));
}

TEST_F(RouterTest, BodyOfAnotherJsonTypeIs422) {
  for (const char* body : {"[]", "\"text\"", "42", "null", "true"}) {
    EXPECT_TRUE(is_json_error(call("POST", "/api/v1/jobs/upload", body), 422)) << body;
  }
}

TEST_F(RouterTest, MissingRequiredFieldIs422NamingIt) {
  const ApiResponse response =
      call("POST", "/api/v1/resumes/improve/preview", R"({"job_id": "j"})");
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_EQ(detail_of(response), "body.resume_id: Field required");
}

TEST_F(RouterTest, FieldOfTheWrongTypeIs422NamingIt) {
  const ApiResponse number =
      call("POST", "/api/v1/resumes/improve", R"({"resume_id": 5, "job_id": "j"})");
  EXPECT_TRUE(is_json_error(number, 422));
  EXPECT_THAT(detail_of(number), HasSubstr("body.resume_id"));

  const ApiResponse prompt = call("POST", "/api/v1/resumes/improve/preview",
                                  R"({"resume_id": "r", "job_id": "j", "prompt_id": []})");
  EXPECT_TRUE(is_json_error(prompt, 422));
  EXPECT_THAT(detail_of(prompt), HasSubstr("body.prompt_id"));
}

TEST_F(RouterTest, ValidBodyReachesTheService) {
  // Well-formed request for a resume that does not exist: the service's 404.
  const ApiResponse response = call("POST", "/api/v1/resumes/improve/preview",
                                    R"({"resume_id": "nope", "job_id": "j", "prompt_id": null})");
  EXPECT_TRUE(is_json_error(response, 404));
}

TEST_F(RouterTest, DeeplyNestedJsonIsRefusedNotCrashed) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const ApiResponse response = call("POST", "/api/v1/jobs/upload", deep);
  EXPECT_TRUE(is_json_error(response, 422));
  const std::string nested_field =
      R"({"job_descriptions": )" + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_TRUE(is_json_error(call("POST", "/api/v1/jobs/upload", nested_field), 422));
}

TEST_F(RouterTest, JobUploadValidation) {
  const ApiResponse not_list = call("POST", "/api/v1/jobs/upload", R"({"job_descriptions": "x"})");
  EXPECT_TRUE(is_json_error(not_list, 422));
  EXPECT_THAT(detail_of(not_list), HasSubstr("body.job_descriptions"));

  const ApiResponse item = call("POST", "/api/v1/jobs/upload", R"({"job_descriptions": ["a", 1]})");
  EXPECT_TRUE(is_json_error(item, 422));
  EXPECT_THAT(detail_of(item), HasSubstr("body.job_descriptions.1"));

  const ApiResponse resume_id =
      call("POST", "/api/v1/jobs/upload", R"({"job_descriptions": ["a"], "resume_id": 3})");
  EXPECT_TRUE(is_json_error(resume_id, 422));
  EXPECT_THAT(detail_of(resume_id), HasSubstr("body.resume_id"));

  // Semantics, not schema: the service's 400.
  EXPECT_TRUE(
      is_json_error(call("POST", "/api/v1/jobs/upload", R"({"job_descriptions": []})"), 400));
  EXPECT_TRUE(
      is_json_error(call("POST", "/api/v1/jobs/upload", R"({"job_descriptions": ["  "]})"), 400));

  const ApiResponse ok = call("POST", "/api/v1/jobs/upload",
                              R"({"job_descriptions": ["Engineer"], "resume_id": null})");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(RouterTest, ConfirmValidation) {
  const Json base = {{"resume_id", "r"}, {"job_id", "j"}, {"improved_data", Json::object()}};

  Json missing = base;
  const ApiResponse no_improvements =
      call("POST", "/api/v1/resumes/improve/confirm", missing.dump());
  EXPECT_TRUE(is_json_error(no_improvements, 422));
  EXPECT_THAT(detail_of(no_improvements), HasSubstr("body.improvements"));

  Json no_data = base;
  no_data.erase("improved_data");
  no_data["improvements"] = Json::array();
  const ApiResponse data = call("POST", "/api/v1/resumes/improve/confirm", no_data.dump());
  EXPECT_TRUE(is_json_error(data, 422));
  EXPECT_THAT(detail_of(data), HasSubstr("body.improved_data"));

  Json bad_item = base;
  bad_item["improvements"] = Json::array({Json{{"lineNumber", 1}}});
  const ApiResponse suggestion = call("POST", "/api/v1/resumes/improve/confirm", bad_item.dump());
  EXPECT_TRUE(is_json_error(suggestion, 422));
  EXPECT_THAT(detail_of(suggestion), HasSubstr("body.improvements.0.suggestion"));

  Json bad_line = base;
  bad_line["improvements"] = Json::array({Json{{"suggestion", "s"}, {"lineNumber", "x"}}});
  const ApiResponse line = call("POST", "/api/v1/resumes/improve/confirm", bad_line.dump());
  EXPECT_TRUE(is_json_error(line, 422));
  EXPECT_THAT(detail_of(line), HasSubstr("body.improvements.0.lineNumber"));

  // A float without a fractional part is an integer (pydantic), within the
  // integer's range only: 6.5e43 is refused, not converted (found by fuzzing).
  // The detail says why: out of range, or a fractional part. Without the range
  // check first, 6.5e43 converted (undefined) and was called fractional.
  const std::pair<const char*, const char*> odd_numbers[] = {
      {"6.555555555555555555555e43", "unable to parse number"},
      {"-1e300", "unable to parse number"},
      {"9.3e18", "unable to parse number"},
      {"1.5", "fractional part"}};
  for (const auto& [number, why] : odd_numbers) {
    Json odd = base;
    odd["improvements"] = Json::array({Json{{"suggestion", "s"}, {"lineNumber", 0}}});
    std::string body = odd.dump();
    const std::string zero = "\"lineNumber\":0";
    body.replace(body.find(zero), zero.size(), std::string("\"lineNumber\":") + number);
    const ApiResponse refused = call("POST", "/api/v1/resumes/improve/confirm", body);
    EXPECT_TRUE(is_json_error(refused, 422)) << number;
    EXPECT_THAT(detail_of(refused), HasSubstr("body.improvements.0.lineNumber")) << number;
    EXPECT_THAT(detail_of(refused), HasSubstr(why)) << number;
  }

  Json not_objects = base;
  not_objects["improvements"] = Json::array({"text"});
  EXPECT_TRUE(
      is_json_error(call("POST", "/api/v1/resumes/improve/confirm", not_objects.dump()), 422));

  // Schema-valid: the service decides (unknown resume -> 404).
  Json valid = base;
  valid["improvements"] = Json::array({Json{{"suggestion", "s"}, {"lineNumber", nullptr}}});
  EXPECT_TRUE(is_json_error(call("POST", "/api/v1/resumes/improve/confirm", valid.dump()), 404));
}

TEST_F(RouterTest, GetResumeRequiresResumeIdQuery) {
  const ApiResponse response = call("GET", "/api/v1/resumes");
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_EQ(detail_of(response), "query.resume_id: Field required");
  EXPECT_TRUE(is_json_error(call("GET", "/api/v1/resumes", "", {{"resume_id", "x"}}), 404));
}

TEST_F(RouterTest, ListIncludeMasterMustBeABoolean) {
  EXPECT_EQ(call("GET", "/api/v1/resumes/list", "", {{"include_master", "true"}}).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/resumes/list", "", {{"include_master", "0"}}).status, 200);
  const ApiResponse response =
      call("GET", "/api/v1/resumes/list", "", {{"include_master", "maybe"}});
  EXPECT_TRUE(is_json_error(response, 422));
  EXPECT_THAT(detail_of(response), HasSubstr("query.include_master"));
}

TEST_F(RouterTest, PdfQueryOutOfRangeIs422NamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"marginTop", "4"},       {"marginBottom", "26"},
      {"marginLeft", "abc"},    {"marginRight", "1.5"},
      {"sectionSpacing", "0"},  {"itemSpacing", "6"},
      {"lineHeight", ""},       {"fontSize", "99999999999999999999"},
      {"headerScale", "-1"},    {"pageSize", "A5"},
      {"pageSize", "a4"},       {"headerFont", "comic"},
      {"bodyFont", "Serif"},    {"accentColor", "purple"},
      {"compactMode", "maybe"}, {"showContactIcons", "2"},
      {"lang", "EN"},           {"lang", "en-us"},
      {"lang", "eng"}};
  for (const auto& [name, value] : bad) {
    const ApiResponse response = call("GET", "/api/v1/resumes/r1/pdf", "", {{name, value}});
    EXPECT_TRUE(is_json_error(response, 422)) << name << "=" << value;
    EXPECT_THAT(detail_of(response), HasSubstr("query." + name)) << name << "=" << value;
  }
  const ApiResponse cover =
      call("GET", "/api/v1/resumes/r1/cover-letter/pdf", "", {{"pageSize", "B5"}});
  EXPECT_TRUE(is_json_error(cover, 422));
  EXPECT_THAT(detail_of(cover), HasSubstr("query.pageSize"));
}

TEST_F(RouterTest, PdfQueryInRangeReachesTheService) {
  const std::vector<std::pair<std::string, std::string>> good = {
      {"template", "anything"},    {"pageSize", "LETTER"},  {"marginTop", "5"},
      {"marginBottom", "25"},      {"sectionSpacing", "1"}, {"headerScale", "5"},
      {"headerFont", "mono"},      {"bodyFont", "serif"},   {"compactMode", "true"},
      {"showContactIcons", "off"}, {"accentColor", "red"},  {"lang", "pt-BR"}};
  const ApiResponse response = call("GET", "/api/v1/resumes/missing/pdf", "", good);
  EXPECT_TRUE(is_json_error(response, 404)) << response.body;  // the service's "Resume not found"
}

TEST_F(RouterTest, PatchResumeValidatesTheBodyBeforeLookingTheResumeUp) {
  const ApiResponse wrong_type =
      call("PATCH", "/api/v1/resumes/missing", R"({"workExperience": "not a list"})");
  EXPECT_TRUE(is_json_error(wrong_type, 422));
  EXPECT_THAT(detail_of(wrong_type), HasSubstr("workExperience"));
  EXPECT_TRUE(is_json_error(call("PATCH", "/api/v1/resumes/missing", "[]"), 422));
  EXPECT_TRUE(is_json_error(call("PATCH", "/api/v1/resumes/missing", "{}"), 404));
}

TEST_F(RouterTest, MessagePatchesRequireContentString) {
  for (const char* path :
       {"/api/v1/resumes/r/cover-letter", "/api/v1/resumes/r/outreach-message"}) {
    const ApiResponse missing = call("PATCH", path, "{}");
    EXPECT_TRUE(is_json_error(missing, 422)) << path;
    EXPECT_EQ(detail_of(missing), "body.content: Field required");
    EXPECT_TRUE(is_json_error(call("PATCH", path, R"({"content": 1})"), 422)) << path;
    EXPECT_TRUE(is_json_error(call("PATCH", path, R"({"content": "hi"})"), 404)) << path;
  }
}

TEST_F(RouterTest, ConfigPutsCheckFieldTypes) {
  const ApiResponse features =
      call("PUT", "/api/v1/config/features", R"({"enable_cover_letter": "yes"})");
  EXPECT_TRUE(is_json_error(features, 422));
  EXPECT_THAT(detail_of(features), HasSubstr("body.enable_cover_letter"));

  const ApiResponse ok = call("PUT", "/api/v1/config/features",
                              R"({"enable_cover_letter": true, "enable_outreach_message": null})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body_json(ok)["enable_cover_letter"], true);
  EXPECT_EQ(body_json(call("GET", "/api/v1/config/features"))["enable_cover_letter"], true);

  const ApiResponse language = call("PUT", "/api/v1/config/language", R"({"ui_language": 7})");
  EXPECT_TRUE(is_json_error(language, 422));
  EXPECT_THAT(detail_of(language), HasSubstr("body.ui_language"));
  EXPECT_TRUE(
      is_json_error(call("PUT", "/api/v1/config/language", R"({"ui_language": "xx"})"), 400));

  const ApiResponse prompts =
      call("PUT", "/api/v1/config/prompts", R"({"default_prompt_id": false})");
  EXPECT_TRUE(is_json_error(prompts, 422));
  EXPECT_THAT(detail_of(prompts), HasSubstr("body.default_prompt_id"));
  EXPECT_TRUE(is_json_error(
      call("PUT", "/api/v1/config/prompts", R"({"default_prompt_id": "nope"})"), 400));
  EXPECT_EQ(call("PUT", "/api/v1/config/prompts", R"({"default_prompt_id": "full"})").status, 200);
}

TEST_F(RouterTest, GarbageInputNeverGivesA5xx) {
  const std::vector<std::string> bodies = {"",
                                           "{}",
                                           "[]",
                                           "null",
                                           "{\"a\":1}",
                                           "\x01\x02",
                                           std::string(1000, '{'),
                                           "{\"resume_id\":{\"$ne\":1}}"};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/v1/resumes/upload"},
      {"POST", "/api/v1/resumes/improve/preview"},
      {"POST", "/api/v1/resumes/improve/confirm"},
      {"POST", "/api/v1/resumes/improve"},
      {"PATCH", "/api/v1/resumes/x"},
      {"PATCH", "/api/v1/resumes/x/cover-letter"},
      {"PATCH", "/api/v1/resumes/x/outreach-message"},
      {"POST", "/api/v1/jobs/upload"},
      {"PUT", "/api/v1/config/features"},
      {"PUT", "/api/v1/config/language"},
      {"PUT", "/api/v1/config/prompts"}};
  for (const auto& [method, path] : routes) {
    for (const std::string& body : bodies) {
      const ApiResponse response = call(method, path, body);
      EXPECT_LT(response.status, 500) << method << " " << path << " " << body;
      EXPECT_GE(response.status, 200);
    }
  }
}

}  // namespace
}  // namespace rm::test
