// Every endpoint with a JSON body: malformed JSON, bodies that are not objects,
// a wrong content type, missing required fields, fields of the wrong type, and
// the documented 400s (empty job list, blank description, unsupported language,
// unknown prompt id).
#include "scenarios/bad_input/bad_request.hpp"
#include "scenarios/support/json_checks.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

struct Endpoint {
  std::string label;  // test-name prefix
  std::string method;
  std::string path;
  std::function<json(const Seed&)> valid_body;  // accepted when sent as application/json
};

std::vector<Endpoint> endpoints() {
  return {
      {"Preview", "POST", "/api/v1/resumes/improve/preview",
       [](const Seed& s) {
         return json{{"resume_id", s.resume}, {"job_id", s.job}};
       }},
      {"Improve", "POST", "/api/v1/resumes/improve",
       [](const Seed& s) {
         return json{{"resume_id", s.resume}, {"job_id", s.job}};
       }},
      {"Confirm", "POST", "/api/v1/resumes/improve/confirm",
       [](const Seed& s) { return s.confirm; }},
      {"PatchResume", "PATCH", "/api/v1/resumes/{resume}",
       [](const Seed&) {
         return json{{"summary", "Changed by a bad request."}};
       }},
      {"CoverLetter", "PATCH", "/api/v1/resumes/{resume}/cover-letter",
       [](const Seed&) {
         return json{{"content", "Changed by a bad request."}};
       }},
      {"Outreach", "PATCH", "/api/v1/resumes/{resume}/outreach-message",
       [](const Seed&) {
         return json{{"content", "Changed by a bad request."}};
       }},
      {"Jobs", "POST", "/api/v1/jobs/upload",
       [](const Seed&) {
         return json{{"job_descriptions", {"A job."}}};
       }},
      {"Features", "PUT", "/api/v1/config/features",
       [](const Seed&) {
         return json{{"enable_cover_letter", true}};
       }},
      {"Language", "PUT", "/api/v1/config/language",
       [](const Seed&) {
         return json{{"ui_language", "es"}};
       }},
      {"Prompts", "PUT", "/api/v1/config/prompts",
       [](const Seed&) {
         return json{{"default_prompt_id", "full"}};
       }},
  };
}

// The same malformed bodies for every endpoint.
void add_generic_cases(std::vector<BadRequest>& out) {
  for (const auto& e : endpoints()) {
    out.push_back(json_text(e.label + "_MalformedJson", e.method, e.path, R"({"resume_id": )"));
    out.push_back(json_text(e.label + "_TrailingGarbage", e.method, e.path, "{} trailing"));
    out.push_back(json_text(e.label + "_SingleQuotes", e.method, e.path, "{'a': 1}"));
    out.push_back(json_text(e.label + "_EmptyBody", e.method, e.path, ""));
    out.push_back(json_text(e.label + "_ArrayBody", e.method, e.path, "[]"));
    out.push_back(json_text(e.label + "_StringBody", e.method, e.path, R"("text")"));
    out.push_back(json_text(e.label + "_NullBody", e.method, e.path, "null"));
    out.push_back(json_text(e.label + "_InvalidUtf8", e.method, e.path, "{\"x\": \"\xc3\x28\"}"));
    // A valid body under a content type that is not JSON.
    auto wrong_type = json_from(e.label + "_WrongContentType", e.method, e.path, e.valid_body);
    wrong_type.content_type = "text/plain";
    out.push_back(wrong_type);
    auto form_type = json_from(e.label + "_FormContentType", e.method, e.path, e.valid_body);
    form_type.content_type = "application/x-www-form-urlencoded";
    out.push_back(form_type);
  }
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  out.push_back(json_text("Jobs_DeeplyNested", "POST", "/api/v1/jobs/upload",
                          "{\"job_descriptions\": " + deep + "}"));
  out.push_back(json_text("PatchResume_DeeplyNested", "PATCH", "/api/v1/resumes/{resume}",
                          "{\"customSections\": " + deep + "}"));
}

// improve/preview and improve share ImproveRequest.
void add_improve_request_cases(std::vector<BadRequest>& out) {
  for (const std::string label : {"Preview", "Improve"}) {
    const std::string path =
        label == "Preview" ? "/api/v1/resumes/improve/preview" : "/api/v1/resumes/improve";
    const auto add = [&](const std::string& name, std::function<json(const Seed&)> body) {
      out.push_back(json_from(label + "_" + name, "POST", path, std::move(body)));
    };
    add("MissingResumeId", [](const Seed& s) { return json{{"job_id", s.job}}; });
    add("MissingJobId", [](const Seed& s) { return json{{"resume_id", s.resume}}; });
    add("EmptyObject", [](const Seed&) { return json::object(); });
    add("ResumeIdNumber", [](const Seed& s) { return json{{"resume_id", 5}, {"job_id", s.job}}; });
    add("ResumeIdNull", [](const Seed& s) {
      return json{{"resume_id", nullptr}, {"job_id", s.job}};
    });
    add("JobIdNull", [](const Seed& s) {
      return json{{"resume_id", s.resume}, {"job_id", nullptr}};
    });
    add("JobIdObject", [](const Seed& s) {
      return json{{"resume_id", s.resume}, {"job_id", {{"id", s.job}}}};
    });
    add("JobIdList", [](const Seed& s) {
      return json{{"resume_id", s.resume}, {"job_id", {s.job}}};
    });
    add("PromptIdNumber", [](const Seed& s) {
      return json{{"resume_id", s.resume}, {"job_id", s.job}, {"prompt_id", 7}};
    });
    add("PromptIdBool", [](const Seed& s) {
      return json{{"resume_id", s.resume}, {"job_id", s.job}, {"prompt_id", true}};
    });
  }
}

// A confirm body that differs from a valid one by `mutate`.
void add_confirm_cases(std::vector<BadRequest>& out) {
  const auto add = [&](const std::string& name, std::function<void(json&)> mutate) {
    out.push_back(json_from("Confirm_" + name, "POST", "/api/v1/resumes/improve/confirm",
                            [mutate](const Seed& s) {
                              json body = s.confirm;
                              mutate(body);
                              return body;
                            }));
  };
  add("MissingResumeId", [](json& b) { b.erase("resume_id"); });
  add("MissingJobId", [](json& b) { b.erase("job_id"); });
  add("ResumeIdNumber", [](json& b) { b["resume_id"] = 12; });
  add("PromptIdNumber", [](json& b) { b["prompt_id"] = 3; });
  add("MissingImprovedData", [](json& b) { b.erase("improved_data"); });
  add("ImprovedDataNull", [](json& b) { b["improved_data"] = nullptr; });
  add("ImprovedDataString", [](json& b) { b["improved_data"] = "resume"; });
  add("ImprovedDataList", [](json& b) { b["improved_data"] = json::array(); });
  add("MissingImprovements", [](json& b) { b.erase("improvements"); });
  add("ImprovementsObject", [](json& b) { b["improvements"] = json::object(); });
  add("ImprovementWithoutSuggestion", [](json& b) {
    b["improvements"] = json::array({{{"lineNumber", 1}}});
  });
  add("ImprovementSuggestionNumber", [](json& b) {
    b["improvements"] = json::array({{{"suggestion", 5}}});
  });
  add("ImprovementLineNumberText", [](json& b) {
    b["improvements"] = json::array({{{"suggestion", "Add Go"}, {"lineNumber", "three"}}});
  });
  add("ImprovementString", [](json& b) { b["improvements"] = json::array({"Add Go"}); });
  add("PersonalInfoString", [](json& b) { b["improved_data"]["personalInfo"] = "Ada"; });
  add("NameNumber", [](json& b) { b["improved_data"]["personalInfo"]["name"] = 7; });
  add("SummaryNumber", [](json& b) { b["improved_data"]["summary"] = 5; });
  add("WorkExperienceObject",
      [](json& b) { b["improved_data"]["workExperience"] = json::object(); });
  add("WorkDescriptionString", [](json& b) {
    b["improved_data"]["workExperience"] = json::array({{{"title", "Dev"}, {"description", "x"}}});
  });
  add("WorkIdText", [](json& b) {
    b["improved_data"]["workExperience"] = json::array({{{"id", "one"}, {"title", "Dev"}}});
  });
  add("EducationDescriptionNumber", [](json& b) {
    b["improved_data"]["education"] = json::array({{{"institution", "UCL"}, {"description", 1}}});
  });
  add("ProjectDescriptionString", [](json& b) {
    b["improved_data"]["personalProjects"] = json::array({{{"name", "P"}, {"description", "x"}}});
  });
  add("TechnicalSkillsString",
      [](json& b) { b["improved_data"]["additional"]["technicalSkills"] = "Python"; });
  add("LanguagesOfNumbers", [](json& b) {
    b["improved_data"]["additional"]["languages"] = json::array({1, 2});
  });
  add("SectionTypeUnknown", [](json& b) {
    b["improved_data"]["sectionMeta"] =
        json::array({{{"id", "x"}, {"key", "x"}, {"displayName", "X"}, {"sectionType", "table"}}});
  });
  add("SectionMetaWithoutId", [](json& b) {
    b["improved_data"]["sectionMeta"] =
        json::array({{{"key", "x"}, {"displayName", "X"}, {"sectionType", "text"}}});
  });
  add("CustomSectionTypeUnknown", [](json& b) {
    b["improved_data"]["customSections"] = {{"extra", {{"sectionType", "bogus"}}}};
  });
  add("CustomSectionsList", [](json& b) { b["improved_data"]["customSections"] = json::array(); });
}

void add_patch_resume_cases(std::vector<BadRequest>& out) {
  const auto add = [&](const std::string& name, json body) {
    out.push_back(json_from("PatchResume_" + name, "PATCH", "/api/v1/resumes/{resume}",
                            [body](const Seed&) { return body; }));
  };
  add("SummaryNumber", {{"summary", 5}});
  add("SummaryList", {{"summary", {"a"}}});
  add("PersonalInfoList", {{"personalInfo", json::array()}});
  add("EmailNumber", {{"personalInfo", {{"email", 42}}}});
  add("WorkExperienceObject", {{"workExperience", json::object()}});
  add("WorkYearsNumber", {{"workExperience", json::array({{{"years", 2020}}})}});
  add("EducationDescriptionNumber", {{"education", json::array({{{"description", 5}}})}});
  add("ProjectsString", {{"personalProjects", "none"}});
  add("TechnicalSkillsString", {{"additional", {{"technicalSkills", "Python"}}}});
  add("AwardsOfNumbers", {{"additional", {{"awards", json::array({1})}}}});
  add("AdditionalList", {{"additional", json::array()}});
  add("SectionTypeUnknown",
      {{"sectionMeta",
        json::array(
            {{{"id", "x"}, {"key", "x"}, {"displayName", "X"}, {"sectionType", "table"}}})}});
  add("SectionOrderText", {{"sectionMeta", json::array({{{"id", "x"},
                                                         {"key", "x"},
                                                         {"displayName", "X"},
                                                         {"sectionType", "text"},
                                                         {"order", "first"}}})}});
  add("SectionMetaWithoutKey",
      {{"sectionMeta",
        json::array({{{"id", "x"}, {"displayName", "X"}, {"sectionType", "text"}}})}});
  add("CustomSectionTypeUnknown", {{"customSections", {{"x", {{"sectionType", "bogus"}}}}}});
  add("CustomSectionTextNumber",
      {{"customSections", {{"x", {{"sectionType", "text"}, {"text", 5}}}}}});
  add("CustomSectionsList", {{"customSections", json::array()}});
}

void add_message_cases(std::vector<BadRequest>& out) {
  for (const std::string label : {"CoverLetter", "Outreach"}) {
    const std::string path = label == "CoverLetter" ? "/api/v1/resumes/{resume}/cover-letter"
                                                    : "/api/v1/resumes/{resume}/outreach-message";
    const auto add = [&](const std::string& name, json body) {
      out.push_back(
          json_from(label + "_" + name, "PATCH", path, [body](const Seed&) { return body; }));
    };
    add("MissingContent", json::object());
    add("ContentNumber", {{"content", 5}});
    add("ContentNull", {{"content", nullptr}});
    add("ContentList", {{"content", {"Dear team."}}});
  }
}

void add_job_cases(std::vector<BadRequest>& out) {
  const auto add = [&](const std::string& name, json body, std::vector<int> statuses) {
    out.push_back(json_from(
        "Jobs_" + name, "POST", "/api/v1/jobs/upload", [body](const Seed&) { return body; },
        std::move(statuses)));
  };
  add("MissingDescriptions", json::object(), {422});
  add("DescriptionsString", {{"job_descriptions", "A job."}}, {422});
  add("DescriptionsNull", {{"job_descriptions", nullptr}}, {422});
  add("DescriptionNumber", {{"job_descriptions", {1}}}, {422});
  add("DescriptionNull", {{"job_descriptions", {nullptr}}}, {422});
  add("ResumeIdNumber", {{"job_descriptions", {"A job."}}, {"resume_id", 5}}, {422});
  // The documented 400s.
  add("EmptyList", {{"job_descriptions", json::array()}}, {400});
  add("EmptyDescription", {{"job_descriptions", {""}}}, {400});
  add("BlankDescription", {{"job_descriptions", {"   "}}}, {400});
  add("WhitespaceDescription", {{"job_descriptions", {"\n\t \r\n"}}}, {400});
  add("OneBlankAmongValid", {{"job_descriptions", {"A real job.", "  "}}}, {400});
}

void add_config_cases(std::vector<BadRequest>& out) {
  const auto add = [&](const std::string& name, const std::string& path, json body,
                       std::vector<int> statuses) {
    out.push_back(json_from(
        name, "PUT", path, [body](const Seed&) { return body; }, std::move(statuses)));
  };
  const std::string features = "/api/v1/config/features";
  add("Features_CoverLetterText", features, {{"enable_cover_letter", "definitely"}}, {422});
  add("Features_CoverLetterList", features, {{"enable_cover_letter", {true}}}, {422});
  add("Features_CoverLetterTwo", features, {{"enable_cover_letter", 2}}, {422});
  add("Features_OutreachObject", features, {{"enable_outreach_message", {{"on", true}}}}, {422});
  const std::string language = "/api/v1/config/language";
  add("Language_UiUnsupported", language, {{"ui_language", "fr"}}, {400});
  add("Language_ContentUnsupported", language, {{"content_language", "klingon"}}, {400});
  add("Language_UpperCase", language, {{"ui_language", "EN"}}, {400});
  add("Language_EmptyString", language, {{"content_language", ""}}, {400});
  add("Language_OneValidOneNot", language, {{"ui_language", "es"}, {"content_language", "de"}},
      {400});
  add("Language_UiNumber", language, {{"ui_language", 5}}, {422});
  add("Language_ContentList", language, {{"content_language", {"en"}}}, {422});
  const std::string prompts = "/api/v1/config/prompts";
  add("Prompts_UnknownId", prompts, {{"default_prompt_id", "aggressive"}}, {400});
  add("Prompts_UpperCaseId", prompts, {{"default_prompt_id", "KEYWORDS"}}, {400});
  add("Prompts_EmptyId", prompts, {{"default_prompt_id", ""}}, {400});
  add("Prompts_IdNumber", prompts, {{"default_prompt_id", 5}}, {422});
  add("Prompts_IdList", prompts, {{"default_prompt_id", {"nudge"}}}, {422});
}

std::vector<BadRequest> cases() {
  std::vector<BadRequest> out;
  add_generic_cases(out);
  add_improve_request_cases(out);
  add_confirm_cases(out);
  add_patch_resume_cases(out);
  add_message_cases(out);
  add_job_cases(out);
  add_config_cases(out);
  return out;
}

class JsonBadInput : public BadInputTest {};

TEST_P(JsonBadInput, IsRejectedAndStoresNothing) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Json, JsonBadInput, ::testing::ValuesIn(cases()), case_name);

// The contract names no status for a preview with a prompt id it does not know,
// but it is client input: never a server error, and the server stays up.
TEST_F(JsonBadInput, PreviewWithUnknownPromptIdIsNotAServerError) {
  ASSERT_TRUE(seed_error_.empty()) << seed_error_;
  const auto response = client().post_json(
      api("/resumes/improve/preview"),
      {{"resume_id", seed_.resume}, {"job_id", seed_.job}, {"prompt_id", "no-such-prompt"}});
  EXPECT_LT(response.status, 500) << response.body;
  EXPECT_NE(response.status, 0) << response.transport_error;
  EXPECT_EQ(client().get(api("/health")).status, 200);
}

}  // namespace
}  // namespace rm::test
