// Job keywords against a resume.
#include <gtest/gtest.h>

#include "reference/domain/job_keywords.hpp"

namespace rm {
namespace {

using Strings = std::vector<std::string>;

const Json kResume = Json::parse(R"({
  "personalInfo": {"name": "Ada", "title": "Backend Engineer", "email": "kafka@example.com"},
  "summary": "Builds services in Python.",
  "workExperience": [{"title": "Dev", "company": "Acme", "description": ["Ran PostgreSQL at scale"]}],
  "education": [{"degree": "BSc", "institution": "MIT", "description": "Thesis on Compilers"}],
  "personalProjects": [{"name": "Tool", "role": "Author", "description": ["Used Rust"]}],
  "additional": {"technicalSkills": ["Docker"], "languages": ["Französisch"],
                 "certificationsTraining": ["CKA"], "awards": ["Hackathon winner"]},
  "customSections": {"talks": {"sectionType": "itemList",
                               "items": [{"title": "GraphQL talk", "description": ["On gRPC"]}]},
                     "extra": {"sectionType": "text", "text": "Terraform fan"}}})");

TEST(JobKeywords, ListMergesTheThreeFieldsDedupedCaseInsensitively) {
  const Json extraction = Json::parse(R"({
    "required_skills": ["Python", " AWS ", ""], "preferred_skills": ["python", "Kubernetes", 3],
    "keywords": ["aws", "microservices"], "key_responsibilities": ["Lead team"],
    "experience_years": 5})");
  EXPECT_EQ(keyword_list(extraction), (Strings{"Python", "AWS", "Kubernetes", "microservices"}));
}

TEST(JobKeywords, ListOfSomethingElseIsEmpty) {
  EXPECT_TRUE(keyword_list(Json::array()).empty());
  EXPECT_TRUE(keyword_list(Json::parse(R"({"required_skills": "Python"})")).empty());
  EXPECT_TRUE(keyword_list(nullptr).empty());
}

TEST(JobKeywords, MissingLooksEverywhereReadableButContactDetails) {
  const Strings keywords = {"python",      "POSTGRESQL", "compilers", "rust",
                            "docker",      "cka",        "hackathon", "graphql",
                            "grpc",        "terraform",  "backend",   "acme",
                            "französisch", "Kafka",      "Java",      "FRANZÖSISCH"};
  EXPECT_EQ(missing_keywords(kResume, keywords), (Strings{"Kafka", "Java"}));
}

TEST(JobKeywords, MatchingIsUnicodeCaseInsensitiveAndNfcAware) {
  const Json resume = Json::parse(R"({"summary": "Straße café"})");
  EXPECT_TRUE(missing_keywords(resume, {"STRASSE", "Cafe\u0301"}).empty());
}

TEST(JobKeywords, MatchPercentage) {
  EXPECT_DOUBLE_EQ(keyword_match_percentage(kResume, {}), 100.0);
  EXPECT_DOUBLE_EQ(keyword_match_percentage(kResume, {"Python", "Java"}), 50.0);
  EXPECT_DOUBLE_EQ(keyword_match_percentage(kResume, {"Java"}), 0.0);
  EXPECT_DOUBLE_EQ(keyword_match_percentage(kResume, {"Python", "Docker", "Rust", "Go"}), 75.0);
}

TEST(JobKeywords, NonResumeInputHasNoText) {
  EXPECT_EQ(missing_keywords(Json::array(), {"x"}), (Strings{"x"}));
  EXPECT_EQ(missing_keywords(Json::parse(R"({"summary": 5, "workExperience": "x"})"), {"x"}),
            (Strings{"x"}));
}

TEST(JobKeywords, SuggestionsNameNewlyCoveredKeywords) {
  const Json original = Json::parse(R"({"summary": "Python developer"})");
  const Json improved = Json::parse(R"({"summary": "Python developer using AWS and Docker"})");
  const Json s = improvement_suggestions(original, improved, {"Python", "AWS", "Docker", "Go"});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NE(s[0]["suggestion"].get<std::string>().find("AWS"), std::string::npos);
  EXPECT_NE(s[1]["suggestion"].get<std::string>().find("Docker"), std::string::npos);
  EXPECT_TRUE(s[0]["lineNumber"].is_null());
}

TEST(JobKeywords, SuggestionsFallBackToOneGenericSuggestion) {
  const Json r = Json::parse(R"({"summary": "x"})");
  const Json s = improvement_suggestions(r, r, {"Go"});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_FALSE(s[0]["suggestion"].get<std::string>().empty());
  EXPECT_TRUE(s[0].contains("lineNumber"));
  EXPECT_TRUE(s[0]["lineNumber"].is_null());
}

}  // namespace
}  // namespace rm
