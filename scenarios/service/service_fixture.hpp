#pragma once
// The service-layer test fixture: a ResumeService over GoogleMock ports. The
// store mock delegates to a real MemoryStore by default, so a test overrides
// only the one operation whose fault it injects and checks the stored state in
// the MemoryStore afterwards. The LLM mock answers every operation with a
// valid, deterministic answer unless a test says otherwise.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "mocks/gmock/mock_document_converter.hpp"
#include "mocks/gmock/mock_llm.hpp"
#include "mocks/gmock/mock_settings_store.hpp"
#include "mocks/gmock/mock_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/service/resume_service.hpp"

namespace rm::service_test {

inline constexpr const char* kJobText =
    "Senior Python engineer. Required: Python, Kubernetes. Nice to have: Go.";

// The master resume's structured data (what an upload's parse stored).
Json master_data();
// The improvement the LLM returns: other wording, and invented contact details.
Json improved_answer();
// What extract_keywords returns for kJobText.
Json job_keywords();

// Case-insensitive substring test, for checks on free text.
bool mentions(const std::string& text, const std::string& needle);
// Whether any warning of an ImproveResponse mentions every one of `needles`.
bool has_warning(const Json& response, std::initializer_list<const char*> needles);

class ServiceFixture : public ::testing::Test {
 protected:
  ServiceFixture();

  // A service over the mocks, with `defect` re-enabled (none by default).
  ResumeService& make_service(std::optional<Issue> defect = std::nullopt);
  ResumeService& service() { return service_ ? *service_ : make_service(); }

  // A master resume with processed data, stored directly in the MemoryStore.
  std::string seed_master();
  // A resume with markdown content only (no processed_data).
  std::string seed_unparsed_resume();
  std::string seed_job(const std::string& content = kJobText);
  // A tailored resume of `parent_id` with processed data, and (when
  // `with_improvement`) its improvement record for `job_id`.
  std::string seed_tailored(const std::string& parent_id, const std::string& job_id,
                            bool with_improvement);

  Document stored(const std::string& resume_id) const;
  StoreStats stats() const { return memory->stats(); }

  void enable_features(bool cover_letter, bool outreach);

  std::shared_ptr<MemoryStore> memory = std::make_shared<MemoryStore>();
  std::shared_ptr<::testing::NiceMock<MockStore>> store =
      std::make_shared<::testing::NiceMock<MockStore>>();
  std::shared_ptr<::testing::NiceMock<MockLlm>> llm =
      std::make_shared<::testing::NiceMock<MockLlm>>();
  std::shared_ptr<::testing::NiceMock<MockDocumentConverter>> converter =
      std::make_shared<::testing::NiceMock<MockDocumentConverter>>();
  std::shared_ptr<::testing::NiceMock<MockSettingsStore>> settings =
      std::make_shared<::testing::NiceMock<MockSettingsStore>>();
  Json settings_json = Json::object();

 private:
  std::unique_ptr<ResumeService> service_;
};

}  // namespace rm::service_test
