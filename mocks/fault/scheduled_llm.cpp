#include "mocks/fault/scheduled_llm.hpp"

namespace rm {

ScheduledLlm::ScheduledLlm(std::shared_ptr<Llm> inner, std::shared_ptr<Scheduler> scheduler)
    : LlmWrapper(std::move(inner)), scheduler_(std::move(scheduler)) {}

template <class Call>
std::string ScheduledLlm::around(const char* operation, Call&& call) {
  if (!scheduler_->is_actor_thread()) return call();
  scheduler_->reach(std::string("before llm.") + operation);
  std::string answer = call();
  scheduler_->reach(std::string("after llm.") + operation);
  return answer;
}

std::string ScheduledLlm::parse_resume(const std::string& markdown) {
  return around("parse_resume", [&] { return LlmWrapper::parse_resume(markdown); });
}

std::string ScheduledLlm::extract_keywords(const std::string& job_description) {
  return around("extract_keywords", [&] { return LlmWrapper::extract_keywords(job_description); });
}

std::string ScheduledLlm::improve(const ImproveInput& input) {
  return around("improve", [&] { return LlmWrapper::improve(input); });
}

std::string ScheduledLlm::refine(const RefineInput& input) {
  return around("refine", [&] { return LlmWrapper::refine(input); });
}

std::string ScheduledLlm::cover_letter(const MessageInput& input) {
  return around("cover_letter", [&] { return LlmWrapper::cover_letter(input); });
}

std::string ScheduledLlm::outreach(const MessageInput& input) {
  return around("outreach", [&] { return LlmWrapper::outreach(input); });
}

}  // namespace rm
