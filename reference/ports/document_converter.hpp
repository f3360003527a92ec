#pragma once
// Uploaded document bytes -> markdown. The Python backend uses markitdown; the
// reference's default accepts UTF-8 text in any allowed content type.
#include <stdexcept>
#include <string>

namespace rm {

// The document cannot be converted (the contract answers 422).
class ConversionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DocumentConverter {
 public:
  virtual ~DocumentConverter() = default;
  virtual std::string to_markdown(const std::string& bytes, const std::string& filename,
                                  const std::string& content_type) = 0;
};

}  // namespace rm
