// API-011: when the resume is deleted while a request is in flight, the update
// that matches nothing becomes a 404 "no longer exists"; nothing is re-created.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Invoke;

class Api011 : public ServiceFixture {
 protected:
  // The resume is deleted just before its update reaches the store.
  void delete_before_update(const std::string& resume_id) {
    ON_CALL(*store, update_resume(resume_id, _))
        .WillByDefault(Invoke([this](const std::string& id, const Json& patch) {
          memory->delete_resume(id);
          return memory->update_resume(id, patch);
        }));
  }

  std::string tailored_with_job() {
    const std::string master = seed_master();
    return seed_tailored(master, seed_job(), /*with_improvement=*/true);
  }

  static void expect_gone(const Outcome<Json>& result) {
    ASSERT_FALSE(result.ok()) << result.value();
    EXPECT_EQ(result.failure().status, 404);
    EXPECT_TRUE(mentions(result.failure().detail, "no longer exists")) << result.failure().detail;
  }
};

TEST_F(Api011, UploadWhoseResumeIsDeletedDuringTheParse) {
  ON_CALL(*llm, parse_resume(_)).WillByDefault(Invoke([this](const std::string&) {
    for (const Document& resume : memory->list_resumes()) {
      memory->delete_resume(resume.at("resume_id"));
    }
    return master_data().dump();
  }));
  expect_gone(service().upload_resume({"ada.pdf", "application/pdf", "bytes"}));
  EXPECT_EQ(stats().total_resumes, 0);
}

TEST_F(Api011, GeneratedCoverLetterForADeletedResume) {
  const std::string id = tailored_with_job();
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Invoke([this, id](const MessageInput&) {
    memory->delete_resume(id);
    return std::string("Dear hiring manager");
  }));
  const int before = stats().total_resumes;
  expect_gone(service().generate_cover_letter(id));
  EXPECT_FALSE(memory->get_resume(id).has_value());
  EXPECT_EQ(stats().total_resumes, before - 1);
}

TEST_F(Api011, GeneratedOutreachForADeletedResume) {
  const std::string id = tailored_with_job();
  ON_CALL(*llm, outreach(_)).WillByDefault(Invoke([this, id](const MessageInput&) {
    memory->delete_resume(id);
    return std::string("Hi there");
  }));
  expect_gone(service().generate_outreach(id));
  EXPECT_FALSE(memory->get_resume(id).has_value());
}

TEST_F(Api011, PatchesOfADeletedResume) {
  const std::string id = seed_master();
  delete_before_update(id);
  expect_gone(service().update_resume(id, master_data()));
  const std::string second = seed_master();
  delete_before_update(second);
  expect_gone(service().update_cover_letter(second, "Dear"));
  const std::string third = seed_master();
  delete_before_update(third);
  expect_gone(service().update_outreach_message(third, "Hi"));
  EXPECT_EQ(stats().total_resumes, 0);
}

TEST_F(Api011, GenerationSucceedsWhenTheResumeStays) {
  const std::string id = tailored_with_job();
  auto result = service().generate_cover_letter(id);
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  EXPECT_EQ(result.value().at("content"), "Dear hiring manager, ...");
  EXPECT_EQ(stored(id).at("cover_letter"), "Dear hiring manager, ...");
}

TEST_F(Api011, DefectReportsSuccessForTheDeletedResume) {
  make_service(Issue::kApi011);
  const std::string id = tailored_with_job();
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Invoke([this, id](const MessageInput&) {
    memory->delete_resume(id);
    return std::string("Dear hiring manager");
  }));
  EXPECT_TRUE(service().generate_cover_letter(id).ok());
  const std::string patched = seed_master();
  delete_before_update(patched);
  EXPECT_TRUE(service().update_resume(patched, master_data()).ok());
  EXPECT_FALSE(memory->get_resume(patched).has_value());
}

}  // namespace
}  // namespace rm::service_test
