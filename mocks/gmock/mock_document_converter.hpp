#pragma once
// GoogleMock double of the DocumentConverter port, for service unit tests.
#include <gmock/gmock.h>

#include "reference/ports/document_converter.hpp"

namespace rm {

class MockDocumentConverter : public DocumentConverter {
 public:
  MOCK_METHOD(std::string, to_markdown,
              (const std::string& bytes, const std::string& filename,
               const std::string& content_type),
              (override));
};

}  // namespace rm
