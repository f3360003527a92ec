#include "mocks/llm_server/chat_request.hpp"

#include <cstdint>
#include <cstdio>
#include <regex>

#include "mocks/llm/builtin_text.hpp"
#include "reference/ports/document.hpp"

namespace rm {
namespace {

// nullopt when the content is neither a string, null nor a list of parts.
std::optional<std::string> content_text(const Json& content) {
  if (content.is_string()) return content.get<std::string>();
  if (content.is_null()) return std::string();
  if (!content.is_array()) return std::nullopt;
  std::string text;
  for (const Json& part : content) {
    if (!part.is_object()) return std::nullopt;
    const auto found = part.find("text");
    if (found == part.end()) continue;  // images and other parts carry no prompt text
    if (!found->is_string()) return std::nullopt;
    if (!text.empty()) text += "\n";
    text += found->get<std::string>();
  }
  return text;
}

}  // namespace

std::string ChatRequest::user_text() const {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") return it->content;
  }
  std::string all;
  for (const ChatMessage& message : messages) all += message.content + "\n";
  return all;
}

std::string ChatRequest::system_text() const {
  std::string all;
  for (const ChatMessage& message : messages) {
    if (message.role != "system" && message.role != "developer") continue;
    if (!all.empty()) all += "\n";
    all += message.content;
  }
  return all;
}

std::string ChatRequest::prompt() const { return without_retry_hint(user_text()); }

bool ChatRequest::wants_json() const {
  if (json_mode) return true;
  return builtin::to_lower(system_text()).find("json") != std::string::npos;
}

std::optional<ChatRequest> parse_chat_request(const std::string& body, std::string& error) {
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("messages") || !json["messages"].is_array()) {
    error = "the body must be {\"messages\": [...]}";
    return std::nullopt;
  }
  ChatRequest request;
  for (const Json& message : json["messages"]) {
    const auto content = message.is_object() && message.contains("content")
                             ? content_text(message["content"])
                             : std::nullopt;
    if (!content) {
      error = "each message needs a string content";
      return std::nullopt;
    }
    const auto role = message.find("role");
    request.messages.push_back(ChatMessage{
        role != message.end() && role->is_string() ? role->get<std::string>() : "user", *content});
  }
  if (json.contains("model") && json["model"].is_string()) request.model = json["model"];
  if (const auto format = json.find("response_format");
      format != json.end() && format->is_object()) {
    const std::string type = format->value("type", std::string());
    request.json_mode = type == "json_object" || type == "json_schema";
  }
  return request;
}

std::string without_retry_hint(std::string_view text) {
  // Tolerant of case and spacing; only a trailing hint is a retry's addition.
  static const std::regex hint(R"(\s*IMPORTANT:\s*Output ONLY a valid JSON object\b[^\n]*\s*$)",
                               std::regex::ECMAScript | std::regex::icase);
  std::string out(text);
  // The hint sits in the last few lines; searching only the tail keeps long prompts cheap.
  const std::size_t tail = out.size() > 400 ? out.size() - 400 : 0;
  std::smatch match;
  const std::string end = out.substr(tail);
  if (std::regex_search(end, match, hint)) out.resize(tail + match.position(0));
  return out;
}

std::string fingerprint(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

}  // namespace rm
