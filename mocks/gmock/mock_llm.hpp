#pragma once
// GoogleMock double of the Llm port, for service unit tests.
#include <gmock/gmock.h>

#include "reference/ports/llm.hpp"

namespace rm {

class MockLlm : public Llm {
 public:
  MOCK_METHOD(std::string, parse_resume, (const std::string& markdown), (override));
  MOCK_METHOD(std::string, extract_keywords, (const std::string& job_description), (override));
  MOCK_METHOD(std::string, improve, (const ImproveInput& input), (override));
  MOCK_METHOD(std::string, refine, (const RefineInput& input), (override));
  MOCK_METHOD(std::string, cover_letter, (const MessageInput& input), (override));
  MOCK_METHOD(std::string, outreach, (const MessageInput& input), (override));
  MOCK_METHOD(LlmHealth, health, (), (override));
};

}  // namespace rm
