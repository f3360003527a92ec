#pragma once
// An Llm over any OpenAI-compatible endpoint (mock-llm, or a real provider):
// one POST {base}/chat/completions per operation, with a system message naming
// the task and a user message holding the operation's typed input as JSON (so
// mock-llm can rebuild it exactly). Each request carries `X-Operation: <op>`
// (the rm::llm_op names). With `plain_prompts` it words each operation in plain
// language instead (plain_prompts.hpp). The answer is choices[0].message.content verbatim:
// prose or broken JSON in the content is the service's to judge, not an error.
//
// Failures map onto LlmError: connection refused / reset -> kTransport, no answer
// within the timeouts -> kTimeout, 429 -> kRateLimited (the message keeps
// "retry_after=N" from Retry-After), 5xx -> kServerError, an unusable envelope or
// any other status -> kBadResponse.
#include <chrono>
#include <string>

#include <vector>

#include "reference/adapters/plain_prompts.hpp"
#include "reference/ports/llm.hpp"

namespace rm {

struct HttpLlmOptions {
  std::string base_url;  // e.g. "http://127.0.0.1:9000/v1" (a trailing '/' is ignored)
  std::string model = "rm-reference";
  std::string api_key;  // sent as "Authorization: Bearer <key>" when non-empty
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{30000};
  // false: typed JSON input + X-Operation (for mock-llm to rebuild it exactly),
  // health by GET /models. true: plain_prompts.hpp, no X-Operation, health by a
  // tiny completion (what a real model, and any other implementation, gets).
  bool plain_prompts = false;
};

class HttpLlm : public Llm {
 public:
  static constexpr const char* kProvider = "openai-compatible";

  explicit HttpLlm(HttpLlmOptions options);

  std::string parse_resume(const std::string& markdown) override;
  std::string extract_keywords(const std::string& job_description) override;
  std::string improve(const ImproveInput& input) override;
  std::string refine(const RefineInput& input) override;
  std::string cover_letter(const MessageInput& input) override;
  std::string outreach(const MessageInput& input) override;
  // GET {base}/models; never throws.
  LlmHealth health() override;

  const HttpLlmOptions& options() const { return options_; }

 private:
  std::string complete(const char* operation, const std::string& system, const Json& input);
  std::string complete(const ChatPrompt& prompt);
  // POSTs {base}/chat/completions; returns choices[0].message.content.
  std::string chat(const Json& request, std::vector<std::string> headers);

  HttpLlmOptions options_;
};

// The typed inputs as the JSON HttpLlm sends in its user message, and back; the
// mock-llm server uses the from_* side to call BuiltinLlm with the same input.
Json improve_input_to_json(const ImproveInput& input);
Json refine_input_to_json(const RefineInput& input);
Json message_input_to_json(const MessageInput& input);
ImproveInput improve_input_from_json(const Json& json);
RefineInput refine_input_from_json(const Json& json);
MessageInput message_input_from_json(const Json& json);

}  // namespace rm
