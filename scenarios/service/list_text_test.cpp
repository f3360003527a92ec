// GET /resumes/list's serialised answer (ResumeService::list_resumes_text): the
// same JSON as list_resumes, rebuilt after every write to a resume, with a fresh
// request_id each time, over a store that shares its snapshot of summaries.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

class ListText : public ServiceFixture {
 protected:
  ListText() : direct(ServicePorts{memory, llm, converter, settings}) {}

  NewResume resume(const std::string& filename) {
    NewResume r;
    r.content = "# " + filename;
    r.content_type = "md";
    r.filename = filename;
    r.processing_status = "ready";
    return r;
  }

  // The answer's JSON and the list_resumes answer, without their request_ids.
  void expect_same_as_list(bool include_master) {
    auto text = direct.list_resumes_text(include_master);
    auto json = direct.list_resumes(include_master);
    ASSERT_TRUE(text.ok());
    ASSERT_TRUE(json.ok());
    Json parsed = Json::parse(text.value());
    EXPECT_EQ(parsed.at("request_id").get<std::string>().size(), 36u);
    parsed.erase("request_id");
    Json expected = json.value();
    expected.erase("request_id");
    EXPECT_EQ(parsed, expected) << "include_master=" << include_master;
  }

  std::vector<std::string> listed_filenames(bool include_master) {
    std::vector<std::string> names;
    const Json answer = Json::parse(direct.list_resumes_text(include_master).value());
    for (const Json& s : answer.at("data")) names.push_back(s.at("filename"));
    return names;
  }

  ResumeService direct;  // straight over the MemoryStore, no mock between
};

TEST_F(ListText, IsTheListAnswerSerialisedWithAFreshRequestId) {
  memory->create_resume(resume("master.pdf"), MasterPolicy::kMasterIfNone);
  memory->create_resume(resume("other.pdf"), MasterPolicy::kNotMaster);
  for (bool include_master : {true, false, true, false}) expect_same_as_list(include_master);
  const auto first = Json::parse(direct.list_resumes_text(true).value());
  const auto second = Json::parse(direct.list_resumes_text(true).value());
  EXPECT_NE(first.at("request_id"), second.at("request_id"));
  EXPECT_EQ(first.at("data"), second.at("data"));
}

TEST_F(ListText, FollowsEveryWriteToAResume) {
  const std::string master =
      memory->create_resume(resume("master.pdf"), MasterPolicy::kMasterIfNone)["resume_id"];
  const std::string other =
      memory->create_resume(resume("other.pdf"), MasterPolicy::kNotMaster)["resume_id"];
  EXPECT_EQ(listed_filenames(false), std::vector<std::string>{"other.pdf"});

  ASSERT_TRUE(memory->update_resume(other, {{"filename", "renamed.pdf"}}).has_value());
  EXPECT_EQ(listed_filenames(false), std::vector<std::string>{"renamed.pdf"});
  ASSERT_TRUE(memory->set_master(other));
  EXPECT_EQ(listed_filenames(false), std::vector<std::string>{"master.pdf"});
  ASSERT_TRUE(memory->delete_resume(master));
  EXPECT_TRUE(listed_filenames(false).empty());
  EXPECT_EQ(listed_filenames(true), std::vector<std::string>{"renamed.pdf"});
  memory->clear();
  EXPECT_TRUE(listed_filenames(true).empty());
  expect_same_as_list(true);
}

TEST_F(ListText, StorageFailureIsThe500OfTheListing) {
  ResumeService mocked(ServicePorts{store, llm, converter, settings});
  ON_CALL(*store, list_resumes()).WillByDefault([]() -> std::vector<Document> {
    throw StoreError("disk gone");
  });
  auto text = mocked.list_resumes_text(true);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.failure().status, 500);
}

}  // namespace
}  // namespace rm::service_test
