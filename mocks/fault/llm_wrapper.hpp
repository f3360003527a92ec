#pragma once
// An Llm that forwards every call to another (LevelDB's EnvWrapper pattern).
#include <memory>
#include <utility>

#include "reference/ports/llm.hpp"

namespace rm {

class LlmWrapper : public Llm {
 public:
  explicit LlmWrapper(std::shared_ptr<Llm> target) : target_(std::move(target)) {}
  Llm& target() const { return *target_; }

  std::string parse_resume(const std::string& markdown) override {
    return target_->parse_resume(markdown);
  }
  std::string extract_keywords(const std::string& job_description) override {
    return target_->extract_keywords(job_description);
  }
  std::string improve(const ImproveInput& input) override { return target_->improve(input); }
  std::string refine(const RefineInput& input) override { return target_->refine(input); }
  std::string cover_letter(const MessageInput& input) override {
    return target_->cover_letter(input);
  }
  std::string outreach(const MessageInput& input) override { return target_->outreach(input); }
  LlmHealth health() override { return target_->health(); }

 private:
  std::shared_ptr<Llm> target_;
};

}  // namespace rm
