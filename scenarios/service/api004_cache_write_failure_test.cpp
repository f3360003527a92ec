// API-004: a failed write of the job keyword cache or of the preview hash does
// not fail the preview, and data.warnings names what was not saved.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;
using ::testing::Truly;

const auto kKeywordCacheWrite = Truly([](const Json& patch) {
  return patch.contains("job_keywords") && patch.contains("job_keywords_hash");
});

class Api004 : public ServiceFixture {
 protected:
  Api004() : resume_id(seed_master()), job_id(seed_job()) {}

  Json preview() {
    auto result = service().improve_preview({resume_id, job_id, std::nullopt});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value() : Json{{"data", {{"warnings", Json::array()}}}};
  }

  static bool names_keyword_cache(const Json& body) {
    return has_warning(body, {"keyword", "cache"});
  }
  static bool says_confirm_refused(const Json& body) {
    return has_warning(body, {"preview hash", "confirm", "refused"});
  }

  std::string resume_id;
  std::string job_id;
};

TEST_F(Api004, SuccessfulWritesGiveNoWarningsAndFillTheCache) {
  const Json body = preview();
  EXPECT_EQ(body.at("data").at("warnings"), Json::array());
  const Document job = *memory->get_job(job_id);
  EXPECT_EQ(job.at("job_keywords"), job_keywords());
  EXPECT_TRUE(job.at("preview_hashes").contains("keywords"));
  // The cache is used: a second preview does not extract again.
  EXPECT_CALL(*llm, extract_keywords(_)).Times(0);
  preview();
}

TEST_F(Api004, KeywordCacheWriteMatchingNothingIsAWarning) {
  ON_CALL(*store, update_job(_, kKeywordCacheWrite)).WillByDefault(Return(std::nullopt));
  const Json body = preview();
  EXPECT_TRUE(names_keyword_cache(body)) << body.at("data").at("warnings");
  EXPECT_FALSE(says_confirm_refused(body));
}

TEST_F(Api004, KeywordCacheWriteErrorIsAWarning) {
  ON_CALL(*store, update_job(_, kKeywordCacheWrite)).WillByDefault(Throw(StoreError("io error")));
  const Json body = preview();
  EXPECT_TRUE(names_keyword_cache(body)) << body.at("data").at("warnings");
}

TEST_F(Api004, PreviewHashNotSavedSaysConfirmWillBeRefused) {
  ON_CALL(*store, set_preview_hash(_, _, _)).WillByDefault(Return(false));
  const Json body = preview();
  EXPECT_TRUE(says_confirm_refused(body)) << body.at("data").at("warnings");
  EXPECT_FALSE(names_keyword_cache(body));
}

TEST_F(Api004, PreviewHashWriteErrorSaysConfirmWillBeRefused) {
  ON_CALL(*store, set_preview_hash(_, _, _)).WillByDefault(Throw(StoreError("io error")));
  const Json body = preview();
  EXPECT_TRUE(says_confirm_refused(body)) << body.at("data").at("warnings");
}

TEST_F(Api004, DefectOnlyLogsBothFailures) {
  make_service(Issue::kApi004);
  ON_CALL(*store, update_job(_, kKeywordCacheWrite)).WillByDefault(Throw(StoreError("io error")));
  ON_CALL(*store, set_preview_hash(_, _, _)).WillByDefault(Return(false));
  const Json body = preview();
  EXPECT_FALSE(names_keyword_cache(body));
  EXPECT_FALSE(says_confirm_refused(body));
  EXPECT_EQ(body.at("data").at("warnings"), Json::array());
}

}  // namespace
}  // namespace rm::service_test
