#pragma once
// The reference's prompts in plain language, as any implementation talking to a
// real chat model words them: no X-Operation header, the input written into the
// text, JSON mode where the answer is JSON. HttpLlm uses them with
// `--llm-prompts plain` (a real model needs them; against mock-llm they prove
// that it tells operations apart, and reads the resume and the job, by content
// alone). The wording is deliberately our own, not the Python backend's.
#include <string>

#include "reference/ports/llm.hpp"

namespace rm {

struct ChatPrompt {
  std::string system;
  std::string user;
  bool json_answer = true;  // response_format {"type": "json_object"}
  int max_tokens = 4096;
};

namespace plain_prompts {

ChatPrompt parse_resume(const std::string& markdown);
ChatPrompt extract_keywords(const std::string& job_description);
ChatPrompt improve(const ImproveInput& input);
ChatPrompt refine(const RefineInput& input);
ChatPrompt cover_letter(const MessageInput& input);
ChatPrompt outreach(const MessageInput& input);
// The health check: a tiny completion, as implementations without a model
// listing do it.
ChatPrompt health();

}  // namespace plain_prompts
}  // namespace rm
