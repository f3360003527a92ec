// API-002: concurrent first uploads into an empty store make exactly one master.
#include <latch>
#include <thread>

#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Invoke;

class Api002 : public ServiceFixture {
 protected:
  static constexpr int kUploads = 3;

  // Every upload that looks for a master waits until all have looked: each
  // check happens before any insert, the interleaving the fault contract names.
  void force_check_before_insert() {
    ON_CALL(*store, get_master_resume()).WillByDefault(Invoke([this] {
      auto master = memory->get_master_resume();
      all_checked_.arrive_and_wait();
      return master;
    }));
  }

  // Runs kUploads uploads on their own threads; returns their responses.
  std::vector<Json> upload_concurrently() {
    std::vector<Json> bodies(kUploads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kUploads; ++i) {
      threads.emplace_back([this, i, &bodies] {
        auto result = service().upload_resume(
            {"cv" + std::to_string(i) + ".pdf", "application/pdf", "bytes"});
        if (result.ok()) bodies[i] = result.value();
      });
    }
    for (auto& thread : threads) thread.join();
    return bodies;
  }

  int stored_masters() const {
    int masters = 0;
    for (const Document& resume : memory->list_resumes()) {
      masters += resume.value("is_master", false) ? 1 : 0;
    }
    return masters;
  }

  static int responses_saying_master(const std::vector<Json>& bodies) {
    int masters = 0;
    for (const Json& body : bodies) masters += body.value("is_master", false) ? 1 : 0;
    return masters;
  }

 private:
  std::latch all_checked_{kUploads};
};

TEST_F(Api002, MasterIsDecidedAtomicallyByTheStore) {
  EXPECT_CALL(*store, create_resume(_, MasterPolicy::kMasterIfNone)).Times(1);
  EXPECT_CALL(*store, get_master_resume()).Times(0);
  ASSERT_TRUE(service().upload_resume({"cv.pdf", "application/pdf", "bytes"}).ok());
}

TEST_F(Api002, InterleavedFirstUploadsMakeExactlyOneMaster) {
  make_service();
  force_check_before_insert();
  const std::vector<Json> bodies = upload_concurrently();
  EXPECT_EQ(stats().total_resumes, kUploads);
  EXPECT_EQ(stored_masters(), 1);
  EXPECT_EQ(responses_saying_master(bodies), 1);
}

TEST_F(Api002, DefectChecksThenInsertsAndMakesSeveralMasters) {
  make_service(Issue::kApi002);
  force_check_before_insert();
  const std::vector<Json> bodies = upload_concurrently();
  EXPECT_EQ(stats().total_resumes, kUploads);
  EXPECT_EQ(stored_masters(), kUploads);
  EXPECT_EQ(responses_saying_master(bodies), kUploads);
}

}  // namespace
}  // namespace rm::service_test
