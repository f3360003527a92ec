#pragma once
// A chat-completions request as mock-llm reads it: the messages, whether the
// caller wants a JSON answer, and the prompt an operation is told from. Clients
// retry a bad JSON answer with a hint appended to the user message (the Python
// backend: "\n\nIMPORTANT: Output ONLY a valid JSON object. Start with { and end
// with }."); the prompt drops that hint so a retry reads, and counts, as the same
// request.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rm {

struct ChatMessage {
  std::string role;
  std::string content;
};

struct ChatRequest {
  std::vector<ChatMessage> messages;
  std::string model;       // empty when the body names none
  bool json_mode = false;  // response_format {"type": "json_object"} or "json_schema"

  // The last user message; all messages joined when there is no user message.
  std::string user_text() const;
  // The system messages joined by "\n".
  std::string system_text() const;
  // user_text() without a trailing retry hint.
  std::string prompt() const;
  // Whether the caller asks for JSON: json_mode, or a system message that says so.
  bool wants_json() const;
};

// The body as a ChatRequest; nullopt and `error` set when it is not
// {"messages": [{"role", "content"}, ...]}. A content may be a string, null, or
// OpenAI's list of parts (the text parts are joined).
std::optional<ChatRequest> parse_chat_request(const std::string& body, std::string& error);

// `text` without a trailing "IMPORTANT: Output ONLY a valid JSON object..." hint.
std::string without_retry_hint(std::string_view text);

// A stable 64-bit FNV-1a hash of `text` as 16 hex digits: the same prompt gets
// the same fingerprint in every run.
std::string fingerprint(std::string_view text);

}  // namespace rm
