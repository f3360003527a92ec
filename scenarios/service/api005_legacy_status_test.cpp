// API-005: records without processing_status get it inferred from their data in
// GET and list: processed_data -> ready, content only -> pending, neither -> failed.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Return;

// A record as written before processing_status existed.
Document legacy(const std::string& id, const std::string& content, const Json& processed_data,
                int day) {
  return Json{{"resume_id", id},
              {"content", content},
              {"content_type", "md"},
              {"filename", id + ".pdf"},
              {"is_master", false},
              {"parent_id", nullptr},
              {"processed_data", processed_data},
              {"created_at", "2024-01-01T00:00:00+00:00"},
              {"updated_at", "2024-01-0" + std::to_string(day) + "T00:00:00+00:00"}};
}

class Api005 : public ServiceFixture {
 protected:
  Api005() {
    records = {legacy("parsed", "# Ada", master_data(), 1), legacy("pending", "# Ada", nullptr, 2),
               legacy("emptyyy", "", nullptr, 3)};
    for (const Document& record : records) {
      ON_CALL(*store, get_resume(record.at("resume_id").get<std::string>()))
          .WillByDefault(Return(record));
    }
    ON_CALL(*store, list_resumes()).WillByDefault(Return(records));
  }

  std::string status_in_get(const std::string& id) {
    auto result = service().get_resume(id);
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value().at("data").at("raw_resume").at("processing_status") : "";
  }

  std::map<std::string, std::string> statuses_in_list() {
    auto result = service().list_resumes(true);
    EXPECT_TRUE(result.ok());
    std::map<std::string, std::string> statuses;
    for (const Json& summary : result.value().at("data")) {
      statuses[summary.at("resume_id")] = summary.at("processing_status");
    }
    return statuses;
  }

  std::vector<Document> records;
};

TEST_F(Api005, StatusIsInferredInGetAndList) {
  EXPECT_EQ(status_in_get("parsed"), "ready");
  EXPECT_EQ(status_in_get("pending"), "pending");
  EXPECT_EQ(status_in_get("emptyyy"), "failed");
  const std::map<std::string, std::string> expected{
      {"parsed", "ready"}, {"pending", "pending"}, {"emptyyy", "failed"}};
  EXPECT_EQ(statuses_in_list(), expected);
}

TEST_F(Api005, StoredStatusIsShownAsIs) {
  Document record = legacy("parsed", "# Ada", master_data(), 1);
  record["processing_status"] = "failed";
  ON_CALL(*store, get_resume("parsed")).WillByDefault(Return(record));
  EXPECT_EQ(status_in_get("parsed"), "failed");
}

TEST_F(Api005, ReadsNeverWrite) {
  EXPECT_CALL(*store, update_resume(_, _)).Times(0);
  status_in_get("parsed");
  statuses_in_list();
}

TEST_F(Api005, ListIsNewestFirstAndHidesTheMasterUnlessAsked) {
  records[1]["is_master"] = true;
  ON_CALL(*store, list_resumes()).WillByDefault(Return(records));
  auto all = service().list_resumes(true);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all.value().at("data").size(), 3u);
  EXPECT_EQ(all.value().at("data")[0].at("resume_id"), "emptyyy");
  auto without = service().list_resumes(false);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without.value().at("data").size(), 2u);
}

TEST_F(Api005, DefectReadsEveryLegacyRecordAsPending) {
  make_service(Issue::kApi005);
  EXPECT_EQ(status_in_get("parsed"), "pending");
  EXPECT_EQ(status_in_get("emptyyy"), "pending");
  const std::map<std::string, std::string> expected{
      {"parsed", "pending"}, {"pending", "pending"}, {"emptyyy", "pending"}};
  EXPECT_EQ(statuses_in_list(), expected);
}

}  // namespace
}  // namespace rm::service_test
