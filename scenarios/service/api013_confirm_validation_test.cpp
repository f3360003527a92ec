// API-013: confirm validates improved_data (422 naming the field, nothing
// stored), and a failed improvement-record write leaves no orphan tailored resume.
#include "reference/domain/preview_hash.hpp"
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Throw;

class Api013 : public ServiceFixture {
 protected:
  Api013() : resume_id(seed_master()), job_id(seed_job()) {}

  Json preview() {
    auto result = service().improve_preview({resume_id, job_id, std::nullopt});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value().at("data") : Json::object();
  }

  Outcome<Json> confirm(const Json& improved_data) {
    return service().improve_confirm(
        {resume_id, job_id, std::nullopt, improved_data, Json::array()});
  }

  // A previewed resume with one field of the wrong type.
  static Json wrong_type(Json data) {
    data["workExperience"][0]["description"] = "Built Python services";
    return data;
  }
  static Json bad_section_type(Json data) {
    data["sectionMeta"] = Json::array({{{"id", "summary"},
                                        {"key", "summary"},
                                        {"displayName", "Summary"},
                                        {"sectionType", "table"},
                                        {"isDefault", true},
                                        {"isVisible", true},
                                        {"order", 1}}});
    return data;
  }

  bool has_orphan() const {
    for (const Document& resume : memory->list_resumes()) {
      if (resume.value("parent_id", Json()).is_string() &&
          !memory->get_improvement_by_tailored_resume(resume.at("resume_id"))) {
        return true;
      }
    }
    return false;
  }

  std::string resume_id;
  std::string job_id;
};

TEST_F(Api013, InvalidImprovedDataIs422NamingTheFieldAndStoresNothing) {
  const Json previewed = preview().at("resume_preview");
  EXPECT_CALL(*store, create_resume(_, _)).Times(0);
  EXPECT_CALL(*store, create_improvement(_)).Times(0);
  const StoreStats before = stats();

  auto result = confirm(wrong_type(previewed));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 422);
  EXPECT_TRUE(mentions(result.failure().detail, "workExperience")) << result.failure().detail;

  result = confirm(bad_section_type(previewed));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 422);
  EXPECT_TRUE(mentions(result.failure().detail, "sectionType") ||
              mentions(result.failure().detail, "sectionMeta"))
      << result.failure().detail;

  EXPECT_EQ(stats().total_resumes, before.total_resumes);
  EXPECT_EQ(stats().total_improvements, before.total_improvements);
}

TEST_F(Api013, FailedImprovementRecordLeavesNoOrphan) {
  const Json previewed = preview().at("resume_preview");
  ON_CALL(*store, create_improvement(_)).WillByDefault(Throw(StoreError("disk full")));
  EXPECT_CALL(*store, delete_resume(_)).Times(1);
  const StoreStats before = stats();
  auto result = confirm(previewed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 500);
  EXPECT_TRUE(mentions(result.failure().detail, "nothing was stored")) << result.failure().detail;
  EXPECT_FALSE(mentions(result.failure().detail, "disk full"));
  EXPECT_EQ(stats().total_resumes, before.total_resumes);
  EXPECT_FALSE(has_orphan());
}

TEST_F(Api013, ImproveAlsoLeavesNoOrphan) {
  ON_CALL(*store, create_improvement(_)).WillByDefault(Throw(StoreError("disk full")));
  auto result = service().improve({resume_id, job_id, std::nullopt});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 500);
  EXPECT_EQ(stats().total_resumes, 1);
  EXPECT_FALSE(has_orphan());
}

TEST_F(Api013, ValidConfirmStoresBothRecords) {
  auto result = confirm(preview().at("resume_preview"));
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  const std::string tailored = result.value().at("data").at("resume_id");
  EXPECT_EQ(stored(tailored).at("parent_id"), resume_id);
  EXPECT_TRUE(memory->get_improvement_by_tailored_resume(tailored).has_value());
}

TEST_F(Api013, DefectStoresUnvalidatedDataAndLeavesOrphans) {
  make_service(Issue::kApi013);
  // Raw data whose hash the job holds, as if a preview had produced it.
  const Json raw = wrong_type(preview().at("resume_preview"));
  memory->update_job(job_id, {{"preview_hashes", {{"keywords", preview_hash(raw)}}}});
  auto result = confirm(raw);
  ASSERT_TRUE(result.ok()) << result.failure().detail;
  EXPECT_EQ(stored(result.value().at("data").at("resume_id")).at("processed_data"), raw);

  ON_CALL(*store, create_improvement(_)).WillByDefault(Throw(StoreError("disk full")));
  result = confirm(raw);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 500);
  EXPECT_TRUE(has_orphan());
}

}  // namespace
}  // namespace rm::service_test
