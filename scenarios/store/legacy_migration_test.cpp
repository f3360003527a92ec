// API-005's inference rule and migration on raw TinyDB tables.
#include <gtest/gtest.h>

#include "mocks/store/legacy_migration.hpp"
#include "reference/domain/processing_status.hpp"

namespace rm {
namespace {

TEST(LegacyMigration, InfersStatusFromWhatTheRecordHolds) {
  EXPECT_EQ(inferred_processing_status({{"content", "x"}, {"processed_data", {{"a", 1}}}}),
            "ready");
  EXPECT_EQ(inferred_processing_status({{"content", ""}, {"processed_data", {{"a", 1}}}}), "ready");
  EXPECT_EQ(inferred_processing_status({{"content", "x"}, {"processed_data", nullptr}}), "pending");
  EXPECT_EQ(inferred_processing_status({{"content", "x"}}), "pending");
  EXPECT_EQ(inferred_processing_status({{"content", ""}, {"processed_data", nullptr}}), "failed");
  EXPECT_EQ(inferred_processing_status(Json::object()), "failed");
}

TEST(LegacyMigration, WritesOnlyTheMissingStatus) {
  Json tables = {{"resumes",
                  {{"1", {{"content", "x"}, {"processing_status", "processing"}}},
                   {"2", {{"content", "x"}, {"processed_data", {{"a", 1}}}, {"updated_at", "t"}}},
                   {"3", {{"content", "x"}, {"processing_status", nullptr}}}}},
                 {"jobs", {{"1", {{"content", "no status here"}}}}}};
  Json expected = tables;
  expected["resumes"]["2"]["processing_status"] = "ready";
  expected["resumes"]["3"]["processing_status"] = "pending";
  EXPECT_EQ(migrate_legacy_resumes(tables), 2);
  EXPECT_EQ(tables, expected);
  EXPECT_EQ(migrate_legacy_resumes(tables), 0);
  EXPECT_EQ(tables, expected);
}

TEST(LegacyMigration, NoResumesTableIsNothingToDo) {
  Json tables = Json::object();
  EXPECT_EQ(migrate_legacy_resumes(tables), 0);
  EXPECT_EQ(tables, Json::object());
}

}  // namespace
}  // namespace rm
