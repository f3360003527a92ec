// API-005's inference rule, and what counts as a stored status at all.
#include "reference/domain/processing_status.hpp"

#include <gtest/gtest.h>

namespace rm {
namespace {

TEST(ProcessingStatus, AStoredContractStatusIsKept) {
  EXPECT_EQ(inferred_processing_status(Json{{"processing_status", "failed"}, {"content", "x"}}),
            "failed");
}

TEST(ProcessingStatus, MissingStatusIsInferredFromTheRecord) {
  EXPECT_EQ(inferred_processing_status(Json{{"processed_data", {{"a", 1}}}}), "ready");
  EXPECT_EQ(inferred_processing_status(Json{{"content", "text"}}), "pending");
  EXPECT_EQ(inferred_processing_status(Json{{"content", ""}}), "failed");
}

// Found by fuzz_smoke_stored_documents: a stored value outside the contract's four
// was shown as stored ("failedhas_master_"). It is inferred instead.
TEST(ProcessingStatus, AValueOutsideTheContractIsInferred) {
  EXPECT_EQ(inferred_processing_status(Json{{"processing_status", "failedhas_master_"}}), "failed");
  EXPECT_EQ(inferred_processing_status(Json{{"processing_status", 3}, {"content", "x"}}),
            "pending");
  EXPECT_FALSE(is_processing_status(Json("done")));
  for (const char* status : {"pending", "processing", "ready", "failed"}) {
    EXPECT_TRUE(is_processing_status(Json(status))) << status;
  }
}

}  // namespace
}  // namespace rm
