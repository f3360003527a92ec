#pragma once
// GoogleMock double of the Store port, for service unit tests.
#include <gmock/gmock.h>

#include "reference/ports/store.hpp"

namespace rm {

class MockStore : public Store {
 public:
  MOCK_METHOD(Document, create_resume, (const NewResume& resume, MasterPolicy policy), (override));
  MOCK_METHOD(std::optional<Document>, get_resume, (const std::string& resume_id), (override));
  MOCK_METHOD(std::vector<Document>, list_resumes, (), (override));
  MOCK_METHOD(std::optional<Document>, update_resume,
              (const std::string& resume_id, const Json& patch), (override));
  MOCK_METHOD(bool, delete_resume, (const std::string& resume_id), (override));
  MOCK_METHOD(std::optional<Document>, get_master_resume, (), (override));
  MOCK_METHOD(bool, set_master, (const std::string& resume_id), (override));
  MOCK_METHOD(Document, create_job, (const NewJob& job), (override));
  MOCK_METHOD(std::optional<Document>, get_job, (const std::string& job_id), (override));
  MOCK_METHOD(std::optional<Document>, update_job, (const std::string& job_id, const Json& patch),
              (override));
  MOCK_METHOD(bool, set_preview_hash,
              (const std::string& job_id, const std::string& prompt_id, const std::string& hash),
              (override));
  MOCK_METHOD(Document, create_improvement, (const NewImprovement& improvement), (override));
  MOCK_METHOD(std::optional<Document>, get_improvement_by_tailored_resume,
              (const std::string& tailored_resume_id), (override));
  MOCK_METHOD(StoreStats, stats, (), (override));
  MOCK_METHOD(Json, export_tables, (), (override));
  MOCK_METHOD(void, clear, (), (override));
};

}  // namespace rm
