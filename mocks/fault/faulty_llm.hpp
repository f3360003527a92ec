#pragma once
// An Llm decorator that applies the injector's llm rules: throw, timeout,
// non_json, truncated_json, schema_invalid, wrong_but_valid, rate_limited,
// server_error, delay, gate. In-process a timeout throws at once (no waiting).
// health() never throws: the failing actions answer healthy=false with the error.
#include <memory>

#include "mocks/fault/fault_injector.hpp"
#include "mocks/fault/llm_wrapper.hpp"

namespace rm {

class FaultyLlm : public LlmWrapper {
 public:
  FaultyLlm(std::shared_ptr<Llm> inner, std::shared_ptr<FaultInjector> injector);

  std::string parse_resume(const std::string& markdown) override;
  std::string extract_keywords(const std::string& job_description) override;
  std::string improve(const ImproveInput& input) override;
  std::string refine(const RefineInput& input) override;
  std::string cover_letter(const MessageInput& input) override;
  std::string outreach(const MessageInput& input) override;
  LlmHealth health() override;

  FaultInjector& injector() const { return *injector_; }

 private:
  template <typename Call>
  std::string answer(const char* operation, FaultArgs args, Call&& real);

  std::shared_ptr<FaultInjector> injector_;
};

}  // namespace rm
