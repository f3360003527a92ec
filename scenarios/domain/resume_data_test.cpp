// ResumeData validation: defaults, the path of each wrong-typed field, sectionType.
#include <gtest/gtest.h>

#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

std::string error_of(const std::string& json_text) {
  const ResumeDataCheck check = validate_resume_data(Json::parse(json_text));
  return check.error.value_or("<valid>");
}

TEST(ResumeData, EmptyObjectGetsEveryDefault) {
  const ResumeDataCheck check = validate_resume_data(Json::object());
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check.data.at("personalInfo").at("website"), nullptr);
  EXPECT_EQ(check.data.at("summary"), "");
  EXPECT_EQ(check.data.at("workExperience"), Json::array());
  EXPECT_EQ(check.data.at("additional").at("awards"), Json::array());
  EXPECT_EQ(check.data.at("sectionMeta"), Json::array());
  EXPECT_EQ(check.data.at("customSections"), Json::object());
  EXPECT_EQ(check.data.size(), 8u);
}

TEST(ResumeData, NestedDefaultsAreFilled) {
  const ResumeDataCheck check = validate_resume_data(Json::parse(R"({
    "workExperience": [{}], "education": [{}], "personalProjects": [{}],
    "sectionMeta": [{"id": "a", "key": "a", "displayName": "A", "sectionType": "text"}],
    "customSections": {"c": {"sectionType": "itemList", "items": [{}]}}})"));
  ASSERT_TRUE(check.ok()) << *check.error;
  EXPECT_EQ(check.data["workExperience"][0],
            Json::parse(
                R"({"id":0,"title":"","company":"","location":null,"years":"","description":[]})"));
  EXPECT_EQ(check.data["education"][0],
            Json::parse(R"({"id":0,"institution":"","degree":"","years":"","description":null})"));
  EXPECT_EQ(
      check.data["personalProjects"][0],
      Json::parse(
          R"({"id":0,"name":"","role":"","years":"","github":null,"website":null,"description":[]})"));
  EXPECT_EQ(
      check.data["sectionMeta"][0],
      Json::parse(
          R"({"id":"a","key":"a","displayName":"A","sectionType":"text","isDefault":true,"isVisible":true,"order":0})"));
  EXPECT_EQ(check.data["customSections"]["c"],
            Json::parse(R"({"sectionType":"itemList","strings":null,"text":null,"items":[
              {"id":0,"title":"","subtitle":null,"location":null,"years":"","description":[]}]})"));
}

TEST(ResumeData, UnknownKeysAreDropped) {
  const ResumeDataCheck check =
      validate_resume_data(Json::parse(R"({"extra": 1, "personalInfo": {"nickname": "x"}})"));
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check.data.contains("extra"));
  EXPECT_FALSE(check.data["personalInfo"].contains("nickname"));
}

TEST(ResumeData, OptionalFieldsAcceptNull) {
  EXPECT_EQ(error_of(R"({"personalInfo": {"website": null, "github": null},
                         "workExperience": [{"location": null}],
                         "education": [{"description": null}],
                         "customSections": {"x": {"sectionType": "text", "items": null,
                                                  "strings": null, "text": null}}})"),
            "<valid>");
}

TEST(ResumeData, RootMustBeAnObject) {
  EXPECT_FALSE(validate_resume_data(Json::array()).ok());
  EXPECT_FALSE(validate_resume_data("text").ok());
  EXPECT_FALSE(validate_resume_data(nullptr).ok());
}

struct WrongType {
  const char* input;
  const char* path;
};

class WrongTypeTest : public ::testing::TestWithParam<WrongType> {};

TEST_P(WrongTypeTest, ErrorNamesThePath) {
  const std::string error = error_of(GetParam().input);
  EXPECT_EQ(error.rfind(std::string(GetParam().path) + ": ", 0), 0u)
      << "error: " << error << "\nexpected path: " << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(
    Paths, WrongTypeTest,
    ::testing::Values(
        WrongType{R"({"personalInfo": "Ada"})", "personalInfo"},
        WrongType{R"({"personalInfo": {"name": 5}})", "personalInfo.name"},
        WrongType{R"({"personalInfo": {"email": null}})", "personalInfo.email"},
        WrongType{R"({"personalInfo": {"website": 1}})", "personalInfo.website"},
        WrongType{R"({"summary": ["a"]})", "summary"}, WrongType{R"({"summary": null})", "summary"},
        WrongType{R"({"workExperience": {}})", "workExperience"},
        WrongType{R"({"workExperience": null})", "workExperience"},
        WrongType{R"({"workExperience": ["job"]})", "workExperience[0]"},
        WrongType{R"({"workExperience": [{}, {"id": "1"}]})", "workExperience[1].id"},
        WrongType{R"({"workExperience": [{"id": true}]})", "workExperience[0].id"},
        WrongType{R"({"workExperience": [{"id": 1.0}]})", "workExperience[0].id"},
        WrongType{R"({"workExperience": [{"description": "one line"}]})",
                  "workExperience[0].description"},
        WrongType{R"({"workExperience": [{"description": ["ok", 2]}]})",
                  "workExperience[0].description[1]"},
        WrongType{R"({"workExperience": [{"location": 3}]})", "workExperience[0].location"},
        WrongType{R"({"education": [{"description": ["a"]}]})", "education[0].description"},
        WrongType{R"({"education": [{"years": 2020}]})", "education[0].years"},
        WrongType{R"({"personalProjects": [{"github": false}]})", "personalProjects[0].github"},
        WrongType{R"({"additional": []})", "additional"},
        WrongType{R"({"additional": {"technicalSkills": "C++"}})", "additional.technicalSkills"},
        WrongType{R"({"additional": {"awards": [null]}})", "additional.awards[0]"},
        WrongType{R"({"sectionMeta": {}})", "sectionMeta"},
        WrongType{R"({"sectionMeta": [{"key": "k", "displayName": "K", "sectionType": "text"}]})",
                  "sectionMeta[0].id"},
        WrongType{R"({"sectionMeta": [{"id": "a", "key": "k", "displayName": "K",
                                        "sectionType": "text", "isVisible": "yes"}]})",
                  "sectionMeta[0].isVisible"},
        WrongType{R"({"sectionMeta": [{"id": "a", "key": "k", "displayName": "K",
                                        "sectionType": "text", "order": "1"}]})",
                  "sectionMeta[0].order"},
        WrongType{R"({"customSections": []})", "customSections"},
        WrongType{R"({"customSections": {"v": "x"}})", "customSections.v"},
        WrongType{R"({"customSections": {"v": {"sectionType": "text", "text": 1}}})",
                  "customSections.v.text"},
        WrongType{R"({"customSections": {"v": {"sectionType": "stringList", "strings": [1]}}})",
                  "customSections.v.strings[0]"},
        WrongType{R"({"customSections": {"v": {"sectionType": "itemList", "items": {}}}})",
                  "customSections.v.items"},
        WrongType{R"({"customSections": {"v": {"sectionType": "itemList",
                                                "items": [{"description": [{}]}]}}})",
                  "customSections.v.items[0].description[0]"}));

class SectionTypeTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SectionTypeTest, InvalidSectionTypeIsRejected) {
  const Json bad = Json::parse(GetParam());
  const std::string meta_error = error_of(Json{
      {"sectionMeta", {{{"id", "a"}, {"key", "a"}, {"displayName", "A"}, {"sectionType", bad}}}}}
                                              .dump());
  EXPECT_EQ(meta_error.rfind("sectionMeta[0].sectionType: ", 0), 0u) << meta_error;
  const std::string custom_error =
      error_of(Json{{"customSections", {{"v", {{"sectionType", bad}}}}}}.dump());
  EXPECT_EQ(custom_error.rfind("customSections.v.sectionType: ", 0), 0u) << custom_error;
}

INSTANTIATE_TEST_SUITE_P(Values, SectionTypeTest,
                         ::testing::Values(R"("table")", R"("Text")", R"("")", "1", "null"));

TEST(ResumeData, MissingSectionTypeIsRejected) {
  EXPECT_EQ(error_of(R"({"customSections": {"v": {"text": "x"}}})")
                .rfind("customSections.v.sectionType: ", 0),
            0u);
}

TEST(ResumeData, EveryValidSectionTypeIsAccepted) {
  for (const char* type : {"personalInfo", "text", "itemList", "stringList"}) {
    EXPECT_TRUE(
        validate_resume_data(Json{{"customSections", {{"v", {{"sectionType", type}}}}}}).ok())
        << type;
  }
}

TEST(ResumeData, ValidationIsIdempotent) {
  const ResumeDataCheck first = validate_resume_data(
      Json::parse(R"({"personalInfo": {"name": "A"}, "workExperience": [{"id": 2}]})"));
  ASSERT_TRUE(first.ok());
  const ResumeDataCheck second = validate_resume_data(first.data);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first.data, second.data);
}

TEST(ResumeData, DefaultSectionMetaHasTheSixSections) {
  const Json meta = default_section_meta();
  ASSERT_EQ(meta.size(), 6u);
  const char* keys[] = {"personalInfo", "summary",          "workExperience",
                        "education",    "personalProjects", "additional"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(meta[i]["key"], keys[i]);
    EXPECT_EQ(meta[i]["id"], keys[i]);
    EXPECT_EQ(meta[i]["order"], i);
    EXPECT_EQ(meta[i]["isDefault"], true);
    EXPECT_EQ(meta[i]["isVisible"], true);
  }
  EXPECT_EQ(meta[0]["sectionType"], "personalInfo");
  EXPECT_EQ(meta[1]["sectionType"], "text");
  EXPECT_EQ(meta[5]["displayName"], "Skills & Awards");
  EXPECT_EQ(meta[5]["sectionType"], "stringList");
  // The defaults are themselves valid sectionMeta.
  EXPECT_TRUE(validate_resume_data(Json{{"sectionMeta", meta}}).ok());
}

TEST(ResumeData, WithDefaultSectionMetaFillsMissingOrEmpty) {
  EXPECT_EQ(with_default_section_meta(Json::object())["sectionMeta"], default_section_meta());
  EXPECT_EQ(with_default_section_meta(Json::object())["customSections"], Json::object());
  EXPECT_EQ(with_default_section_meta(Json{{"sectionMeta", Json::array()}})["sectionMeta"],
            default_section_meta());
  EXPECT_EQ(with_default_section_meta(Json{{"sectionMeta", nullptr}})["sectionMeta"],
            default_section_meta());
}

TEST(ResumeData, WithDefaultSectionMetaKeepsExistingValues) {
  const Json own = Json::parse(R"([{"id":"x","key":"x","displayName":"X","sectionType":"text"}])");
  const Json custom = Json::parse(R"({"x":{"sectionType":"text","text":"t"}})");
  const Json out = with_default_section_meta(
      Json{{"sectionMeta", own}, {"customSections", custom}, {"summary", "s"}});
  EXPECT_EQ(out["sectionMeta"], own);
  EXPECT_EQ(out["customSections"], custom);
  EXPECT_EQ(out["summary"], "s");
  // A present customSections, even null, is left alone (the backend checks `in`).
  EXPECT_EQ(with_default_section_meta(Json{{"customSections", nullptr}})["customSections"],
            nullptr);
}

}  // namespace
}  // namespace rm
