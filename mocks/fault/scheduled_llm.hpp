#pragma once
// An Llm decorator with a schedule point on both sides of every call
// ("before llm.<op>", "after llm.<op>"). An LLM call touches no table, so these
// points never conflict with another request's: exploration can stop a request
// there (a replayed schedule can hold it mid-request) but does not branch on them.
#include <memory>

#include "mocks/fault/llm_wrapper.hpp"
#include "mocks/fault/scheduler.hpp"

namespace rm {

class ScheduledLlm : public LlmWrapper {
 public:
  ScheduledLlm(std::shared_ptr<Llm> inner, std::shared_ptr<Scheduler> scheduler);

  std::string parse_resume(const std::string& markdown) override;
  std::string extract_keywords(const std::string& job_description) override;
  std::string improve(const ImproveInput& input) override;
  std::string refine(const RefineInput& input) override;
  std::string cover_letter(const MessageInput& input) override;
  std::string outreach(const MessageInput& input) override;

 private:
  template <class Call>
  std::string around(const char* operation, Call&& call);

  std::shared_ptr<Scheduler> scheduler_;
};

}  // namespace rm
