// Contract section 1, edits: PATCH /resumes/{id}, DELETE /resumes/{id},
// PATCH /resumes/{id}/cover-letter, PATCH /resumes/{id}/outreach-message,
// POST /resumes/{id}/master.
#include <gtest/gtest.h>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class EditTest : public ReferenceServerTest {
 protected:
  std::string master_id() {
    const auto list = client().get(api("/resumes/list?include_master=true")).json();
    for (const auto& item : list["data"]) {
      if (item["is_master"] == true) return item["resume_id"].get<std::string>();
    }
    return {};
  }
};

TEST_F(EditTest, PatchStoresResumeDataAndAnswersTheGetShape) {
  const auto id = upload_resume(client(), sample_resume_text("Ada Lovelace"));
  auto data = get_resume(client(), id)["data"]["processed_resume"];
  data["summary"] = "Mathematician and first programmer.";
  data["additional"]["technicalSkills"] = json::array({"Analytical Engine", "Bernoulli numbers"});

  const auto response = client().patch_json(api("/resumes/" + id), data);
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_resume_fetch(body));
  EXPECT_EQ(body["data"]["resume_id"], id);
  EXPECT_EQ(body["data"]["raw_resume"]["processing_status"], "ready");
  EXPECT_EQ(body["data"]["processed_resume"]["summary"], "Mathematician and first programmer.");

  const auto stored = get_resume(client(), id)["data"]["processed_resume"];
  EXPECT_EQ(stored["summary"], "Mathematician and first programmer.");
  EXPECT_EQ(stored["additional"]["technicalSkills"], data["additional"]["technicalSkills"]);
}

TEST_F(EditTest, PatchFillsDefaultsForMissingFields) {
  const auto id = upload_resume(client());
  const auto response =
      client().patch_json(api("/resumes/" + id), {{"personalInfo", {{"name", "Only Name"}}}});
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(is_resume_fetch(body));
  const auto& data = body["data"]["processed_resume"];
  ASSERT_TRUE(is_resume_data(data));
  EXPECT_EQ(data["personalInfo"]["name"], "Only Name");
  EXPECT_EQ(data["personalInfo"]["email"], "");
  EXPECT_EQ(data["summary"], "");
  EXPECT_EQ(data["workExperience"], json::array());
}

TEST_F(EditTest, PatchOfUnknownResumeIs404) {
  EXPECT_TRUE(
      is_error(client().patch_json(api("/resumes/no-such-resume"), {{"summary", "x"}}), 404));
}

TEST_F(EditTest, PatchOfInvalidResumeDataIs422AndChangesNothing) {
  const auto id = upload_resume(client());
  const auto before = get_resume(client(), id)["data"];
  EXPECT_TRUE(is_error(client().patch_json(api("/resumes/" + id), {{"summary", 42}}), 422));
  EXPECT_TRUE(is_error(
      client().patch_json(api("/resumes/" + id), {{"workExperience", {{{"description", "x"}}}}}),
      422));
  EXPECT_EQ(get_resume(client(), id)["data"], before);
}

TEST_F(EditTest, DeleteRemovesTheResume) {
  const auto id = upload_resume(client());
  const auto before = database_stats(client());
  const auto response = client().del(api("/resumes/" + id));
  ASSERT_TRUE(is_json_ok(response));
  EXPECT_EQ(response.json(), json({{"message", "Resume deleted successfully"}}));
  EXPECT_TRUE(is_error(client().get(api("/resumes?resume_id=" + id)), 404));
  EXPECT_EQ(database_stats(client())["total_resumes"], before["total_resumes"].get<int>() - 1);
}

TEST_F(EditTest, DeleteOfUnknownResumeIs404) {
  EXPECT_TRUE(is_error(client().del(api("/resumes/no-such-resume")), 404));
}

TEST_F(EditTest, CoverLetterAndOutreachPatchesAreStored) {
  const auto id = upload_resume(client());
  const auto letter = client().patch_json(api("/resumes/" + id + "/cover-letter"),
                                          {{"content", "Dear team, I would like to join."}});
  ASSERT_TRUE(is_json_ok(letter));
  EXPECT_TRUE(has_field(letter.json(), "message", kString));
  const auto outreach = client().patch_json(api("/resumes/" + id + "/outreach-message"),
                                            {{"content", "Hello, a quick note."}});
  ASSERT_TRUE(is_json_ok(outreach));
  EXPECT_TRUE(has_field(outreach.json(), "message", kString));

  const auto stored = get_resume(client(), id)["data"];
  EXPECT_EQ(stored["cover_letter"], "Dear team, I would like to join.");
  EXPECT_EQ(stored["outreach_message"], "Hello, a quick note.");
}

TEST_F(EditTest, CoverLetterAndOutreachPatchesOfUnknownResumeAre404) {
  const auto before = database_stats(client());
  EXPECT_TRUE(is_error(
      client().patch_json(api("/resumes/no-such-resume/cover-letter"), {{"content", "x"}}), 404));
  EXPECT_TRUE(is_error(
      client().patch_json(api("/resumes/no-such-resume/outreach-message"), {{"content", "x"}}),
      404));
  EXPECT_EQ(database_stats(client()), before) << "no record is created";
}

TEST_F(EditTest, SetMasterMovesTheFlag) {
  upload_resume(client());
  const auto other = upload_resume(client());
  const auto response = client().post(api("/resumes/" + other + "/master"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_EQ(body["resume_id"], other);
  EXPECT_EQ(body["is_master"], true);
  EXPECT_EQ(master_id(), other);
  int masters = 0;
  const auto list = client().get(api("/resumes/list?include_master=true")).json()["data"];
  for (const auto& item : list) {
    masters += item["is_master"] == true ? 1 : 0;
  }
  EXPECT_EQ(masters, 1);
}

TEST_F(EditTest, SetMasterOfUnknownResumeIs404AndKeepsTheMaster) {
  upload_resume(client());
  const auto master = master_id();
  ASSERT_FALSE(master.empty());
  EXPECT_TRUE(is_error(client().post(api("/resumes/no-such-resume/master")), 404));
  EXPECT_EQ(master_id(), master);
  EXPECT_EQ(database_stats(client())["has_master_resume"], true);
}

}  // namespace
}  // namespace rm::test
