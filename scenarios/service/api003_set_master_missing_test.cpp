// API-003: setting a missing resume as master answers 404 and leaves the master alone.
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;

class Api003 : public ServiceFixture {};

TEST_F(Api003, MissingIdIsNotFoundAndTheMasterStays) {
  const std::string master = seed_master();
  EXPECT_CALL(*store, set_master("no-such-id"));
  EXPECT_CALL(*store, update_resume(_, _)).Times(0);
  auto result = service().set_master("no-such-id");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().status, 404);
  const auto current = memory->get_master_resume();
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->at("resume_id"), master);
}

TEST_F(Api003, ExistingIdBecomesTheOnlyMaster) {
  const std::string master = seed_master();
  const std::string other = seed_unparsed_resume();
  auto result = service().set_master(other);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (Json{{"resume_id", other}, {"is_master", true}}));
  EXPECT_EQ(memory->get_master_resume()->at("resume_id"), other);
  EXPECT_EQ(stored(master).at("is_master"), false);
}

TEST_F(Api003, DefectUnsetsTheMasterAndClaimsSuccess) {
  seed_master();
  make_service(Issue::kApi003);
  auto result = service().set_master("no-such-id");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().at("is_master"), true);
  EXPECT_FALSE(memory->get_master_resume().has_value());
}

}  // namespace
}  // namespace rm::service_test
