// Diff between the original and the improved ResumeData.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_diff.hpp"

namespace rm {
namespace {

Json dump(const char* json_text) {
  const ResumeDataCheck check = validate_resume_data(Json::parse(json_text));
  if (!check.ok()) throw std::runtime_error(*check.error);
  return check.data;
}

Json change(const char* path, const char* field_type, const char* change_type, Json original,
            Json updated, const char* confidence) {
  return {{"field_path", path},
          {"field_type", field_type},
          {"change_type", change_type},
          {"original_value", std::move(original)},
          {"new_value", std::move(updated)},
          {"confidence", confidence}};
}

TEST(ResumeDiff, IdenticalResumesHaveNoChanges) {
  const Json r =
      dump(R"({"summary": "S", "workExperience": [{"title": "Dev", "description": ["a"]}],
                          "additional": {"technicalSkills": ["C++"]}})");
  const ResumeDiff d = calculate_resume_diff(r, r);
  EXPECT_EQ(d.detailed_changes, Json::array());
  EXPECT_EQ(d.summary, Json::parse(R"({"total_changes":0,"skills_added":0,"skills_removed":0,
    "descriptions_modified":0,"certifications_added":0,"high_risk_changes":0})"));
}

TEST(ResumeDiff, SummaryAddedModifiedRemovedIgnoringOuterWhitespace) {
  const Json empty = dump("{}");
  const Json a = dump(R"({"summary": "  Old  "})");
  const Json b = dump(R"({"summary": "New"})");
  EXPECT_EQ(calculate_resume_diff(empty, b).detailed_changes[0],
            change("summary", "summary", "added", nullptr, "New", "medium"));
  EXPECT_EQ(calculate_resume_diff(a, b).detailed_changes[0],
            change("summary", "summary", "modified", "Old", "New", "medium"));
  EXPECT_EQ(calculate_resume_diff(a, empty).detailed_changes[0],
            change("summary", "summary", "removed", "Old", nullptr, "medium"));
  EXPECT_EQ(calculate_resume_diff(a, dump(R"({"summary": "Old"})")).detailed_changes.size(), 0u);
}

TEST(ResumeDiff, SkillsCaseInsensitiveOrderIgnoredAddedIsHighRisk) {
  const Json a = dump(R"({"additional": {"technicalSkills": ["Python", "SQL", " "]}})");
  const Json b = dump(R"({"additional": {"technicalSkills": ["sql", "python", "Kubernetes"]}})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  ASSERT_EQ(d.detailed_changes.size(), 1u);
  EXPECT_EQ(d.detailed_changes[0],
            change("additional.technicalSkills", "skill", "added", nullptr, "Kubernetes", "high"));
  EXPECT_EQ(d.summary["skills_added"], 1);
  EXPECT_EQ(d.summary["high_risk_changes"], 1);
  const ResumeDiff back = calculate_resume_diff(b, a);
  ASSERT_EQ(back.detailed_changes.size(), 1u);
  EXPECT_EQ(back.detailed_changes[0], change("additional.technicalSkills", "skill", "removed",
                                             "Kubernetes", nullptr, "medium"));
  EXPECT_EQ(back.summary["skills_removed"], 1);
  EXPECT_EQ(back.summary["high_risk_changes"], 0);
}

TEST(ResumeDiff, CertificationsAddedAreHighRisk) {
  const Json a = dump(R"({"additional": {"certificationsTraining": ["AWS SA"]}})");
  const Json b = dump(R"({"additional": {"certificationsTraining": ["aws sa", "CKA"]}})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  ASSERT_EQ(d.detailed_changes.size(), 1u);
  EXPECT_EQ(d.detailed_changes[0], change("additional.certificationsTraining", "certification",
                                          "added", nullptr, "CKA", "high"));
  EXPECT_EQ(d.summary["certifications_added"], 1);
  EXPECT_EQ(d.summary["high_risk_changes"], 1);
}

TEST(ResumeDiff, DescriptionBulletsFollowSequenceMatching) {
  // Python's difflib gives: equal a, replace b->B, equal c, delete e.
  const Json a = dump(R"({"workExperience": [{"description": ["a", "b", "c", "e"]}]})");
  const Json b = dump(R"({"workExperience": [{"description": ["a", "B", "c"]}]})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  const char* path = "workExperience[0].description";
  ASSERT_EQ(d.detailed_changes.size(), 2u) << d.detailed_changes.dump();
  EXPECT_EQ(d.detailed_changes[0], change(path, "description", "modified", "b", "B", "medium"));
  EXPECT_EQ(d.detailed_changes[1], change(path, "description", "removed", "e", nullptr, "low"));
  EXPECT_EQ(d.summary["descriptions_modified"], 1);
}

TEST(ResumeDiff, UnevenReplaceSplitsIntoModifiedAndAdded) {
  const Json a = dump(R"({"workExperience": [{"description": ["x", "old", "y"]}]})");
  const Json b = dump(R"({"workExperience": [{"description": ["x", "new1", "new2", "y"]}]})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  const char* path = "workExperience[0].description";
  ASSERT_EQ(d.detailed_changes.size(), 2u) << d.detailed_changes.dump();
  EXPECT_EQ(d.detailed_changes[0],
            change(path, "description", "modified", "old", "new1", "medium"));
  EXPECT_EQ(d.detailed_changes[1], change(path, "description", "added", nullptr, "new2", "medium"));
}

TEST(ResumeDiff, MovedBulletIsADeleteAndAnInsert) {
  // difflib on [p,q,r] -> [q,r,p]: delete p, equal q r, insert p.
  const Json a = dump(R"({"workExperience": [{"description": ["p", "q", "r"]}]})");
  const Json b = dump(R"({"workExperience": [{"description": ["q", "r", "p"]}]})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  const char* path = "workExperience[0].description";
  ASSERT_EQ(d.detailed_changes.size(), 2u) << d.detailed_changes.dump();
  EXPECT_EQ(d.detailed_changes[0], change(path, "description", "removed", "p", nullptr, "low"));
  EXPECT_EQ(d.detailed_changes[1], change(path, "description", "added", nullptr, "p", "medium"));
}

TEST(ResumeDiff, NewExperienceEntryIsHighRiskWithItsBullets) {
  const Json a = dump(R"({"workExperience": [{"title": "Dev", "company": "A", "years": "2020"}]})");
  const Json b = dump(R"({"workExperience": [{"title": "Dev", "company": "A", "years": "2020"},
                                             {"title": "CTO", "company": "B", "description": ["x"]}]})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  ASSERT_EQ(d.detailed_changes.size(), 2u) << d.detailed_changes.dump();
  EXPECT_EQ(d.detailed_changes[0], change("workExperience[1].description", "description", "added",
                                          nullptr, "x", "medium"));
  EXPECT_EQ(d.detailed_changes[1],
            change("workExperience[1]", "experience", "added", nullptr, "CTO | B", "high"));
  EXPECT_EQ(d.summary["high_risk_changes"], 1);
}

TEST(ResumeDiff, EntryChangesIgnoreExperienceDescriptionsButNotOthers) {
  const Json a = dump(R"({"workExperience": [{"title": "Dev", "description": ["a"]}],
                          "education": [{"degree": "BSc", "description": "x"}],
                          "personalProjects": [{"name": "P", "description": ["a"]}]})");
  const Json b = dump(R"({"workExperience": [{"title": "Dev", "description": ["b"]}],
                          "education": [{"degree": "BSc", "description": "y"}],
                          "personalProjects": [{"name": "P", "description": ["b"]}]})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  ASSERT_EQ(d.detailed_changes.size(), 3u) << d.detailed_changes.dump();
  EXPECT_EQ(d.detailed_changes[0]["field_type"], "description");
  EXPECT_EQ(d.detailed_changes[1],
            change("education[0]", "education", "modified", "BSc", "BSc", "medium"));
  EXPECT_EQ(d.detailed_changes[2],
            change("personalProjects[0]", "project", "modified", "P", "P", "medium"));
}

TEST(ResumeDiff, RemovedEntriesAndFallbackLabels) {
  const Json a = dump(R"({"education": [{}, {}], "personalProjects": [{}]})");
  const Json b = dump("{}");
  const ResumeDiff d = calculate_resume_diff(a, b);
  ASSERT_EQ(d.detailed_changes.size(), 3u);
  EXPECT_EQ(d.detailed_changes[0],
            change("education[0]", "education", "removed", "Education #1", nullptr, "medium"));
  EXPECT_EQ(d.detailed_changes[1],
            change("education[1]", "education", "removed", "Education #2", nullptr, "medium"));
  EXPECT_EQ(d.detailed_changes[2],
            change("personalProjects[0]", "project", "removed", "Project #1", nullptr, "medium"));
  EXPECT_EQ(d.summary["total_changes"], 3);
}

TEST(ResumeDiff, FieldTypesAreFromTheBackendSet) {
  const Json a = dump(R"({"summary": "a", "workExperience": [{"description": ["a"]}],
    "education": [{}], "personalProjects": [{}],
    "additional": {"technicalSkills": ["x"], "certificationsTraining": ["c"]}})");
  const Json b = dump(R"({"summary": "b", "workExperience": [{"description": ["b"]}, {}],
    "education": [{"degree": "d"}], "personalProjects": [{"name": "n"}],
    "additional": {"technicalSkills": ["y"], "certificationsTraining": ["d"]}})");
  const ResumeDiff d = calculate_resume_diff(a, b);
  const std::set<std::string> types = {"skill",      "description", "summary", "certification",
                                       "experience", "education",   "project"};
  const std::set<std::string> kinds = {"added", "removed", "modified"};
  const std::set<std::string> confidences = {"low", "medium", "high"};
  ASSERT_GT(d.detailed_changes.size(), 7u);
  for (const Json& c : d.detailed_changes) {
    EXPECT_TRUE(types.contains(c["field_type"].get<std::string>())) << c;
    EXPECT_TRUE(kinds.contains(c["change_type"].get<std::string>())) << c;
    EXPECT_TRUE(confidences.contains(c["confidence"].get<std::string>())) << c;
  }
  EXPECT_EQ(d.summary["total_changes"], d.detailed_changes.size());
}

TEST(ResumeDiff, NotResumeDataThrowsInvalidArgument) {
  const Json ok = dump("{}");
  EXPECT_THROW(calculate_resume_diff(Json::array(), ok), std::invalid_argument);
  EXPECT_THROW(calculate_resume_diff(ok, "text"), std::invalid_argument);
  EXPECT_THROW(calculate_resume_diff(ok, Json::parse(R"({"workExperience": "x"})")),
               std::invalid_argument);
}

TEST(ResumeDiff, PartialInputsAreFilledWithDefaults) {
  const ResumeDiff d = calculate_resume_diff(Json::object(), Json::parse(R"({"summary": "x"})"));
  EXPECT_EQ(d.summary["total_changes"], 1);
}

}  // namespace
}  // namespace rm
