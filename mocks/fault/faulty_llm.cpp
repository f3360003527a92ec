#include "mocks/fault/faulty_llm.hpp"

#include "mocks/fault/llm_fault_answers.hpp"

namespace rm {
namespace {

// The error an action raises, or nullopt for the actions that answer with text.
std::optional<LlmError> error_for(const FaultAction& action, std::string_view operation) {
  switch (action.kind) {
    case FaultActionKind::kThrow:
      return LlmError(LlmErrorKind::kFailed,
                      action.message.empty() ? failure_message(operation) : action.message);
    case FaultActionKind::kTimeout:
      return LlmError(LlmErrorKind::kTimeout, timeout_message(operation));
    case FaultActionKind::kRateLimited:
      return LlmError(LlmErrorKind::kRateLimited, rate_limited_message(action.retry_after));
    case FaultActionKind::kServerError:
      return LlmError(LlmErrorKind::kServerError, server_error_message(action.status));
    default:
      return std::nullopt;
  }
}

}  // namespace

FaultyLlm::FaultyLlm(std::shared_ptr<Llm> inner, std::shared_ptr<FaultInjector> injector)
    : LlmWrapper(std::move(inner)), injector_(std::move(injector)) {}

template <typename Call>
std::string FaultyLlm::answer(const char* operation, FaultArgs args, Call&& real) {
  auto action = injector_->on_call(FaultComponent::kLlm, operation, args);
  if (!action) return real();
  if (auto error = error_for(*action, operation)) throw *error;
  switch (action->kind) {
    case FaultActionKind::kNonJson:
      return non_json_answer(operation);
    case FaultActionKind::kTruncatedJson:
      return truncated_answer(real());
    case FaultActionKind::kSchemaInvalid:
      return schema_invalid_answer(operation);
    case FaultActionKind::kWrongButValid:
      return wrong_but_valid_answer(operation, real());
    default:
      return real();
  }
}

std::string FaultyLlm::parse_resume(const std::string& markdown) {
  return answer("parse_resume", {}, [&] { return LlmWrapper::parse_resume(markdown); });
}

std::string FaultyLlm::extract_keywords(const std::string& job_description) {
  return answer("extract_keywords", {},
                [&] { return LlmWrapper::extract_keywords(job_description); });
}

std::string FaultyLlm::improve(const ImproveInput& input) {
  return answer("improve", {{"prompt_id", input.prompt_id}, {"language", input.language}},
                [&] { return LlmWrapper::improve(input); });
}

std::string FaultyLlm::refine(const RefineInput& input) {
  return answer("refine", {}, [&] { return LlmWrapper::refine(input); });
}

std::string FaultyLlm::cover_letter(const MessageInput& input) {
  return answer("cover_letter", {{"language", input.language}},
                [&] { return LlmWrapper::cover_letter(input); });
}

std::string FaultyLlm::outreach(const MessageInput& input) {
  return answer("outreach", {{"language", input.language}},
                [&] { return LlmWrapper::outreach(input); });
}

LlmHealth FaultyLlm::health() {
  auto action = injector_->on_call(FaultComponent::kLlm, "health");
  LlmHealth health = LlmWrapper::health();
  if (action) {
    if (auto error = error_for(*action, "health")) {
      health.healthy = false;
      health.error = error->what();
    }
  }
  return health;
}

}  // namespace rm
