#pragma once
// A DocumentConverter that forwards every call to another (LevelDB's EnvWrapper pattern).
#include <memory>
#include <utility>

#include "reference/ports/document_converter.hpp"

namespace rm {

class ConverterWrapper : public DocumentConverter {
 public:
  explicit ConverterWrapper(std::shared_ptr<DocumentConverter> target)
      : target_(std::move(target)) {}
  DocumentConverter& target() const { return *target_; }

  std::string to_markdown(const std::string& bytes, const std::string& filename,
                          const std::string& content_type) override {
    return target_->to_markdown(bytes, filename, content_type);
  }

 private:
  std::shared_ptr<DocumentConverter> target_;
};

}  // namespace rm
