#include "reference/domain/llm_json.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace rm {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::optional<Json> parse_object(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() != '{') return std::nullopt;
  Json parsed = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

// The contents of each ``` fenced block, language tag ("json") dropped.
std::optional<Json> from_fences(std::string_view text) {
  std::size_t pos = 0;
  while ((pos = text.find("```", pos)) != std::string_view::npos) {
    std::size_t body = pos + 3;
    const std::size_t line_end = text.find('\n', body);
    const std::size_t close = text.find("```", body);
    if (close == std::string_view::npos) return std::nullopt;  // unterminated fence
    // A tag is whatever follows the fence on its own line, when that is not JSON yet.
    if (line_end != std::string_view::npos && line_end < close) {
      const std::string_view tag = trim(text.substr(body, line_end - body));
      if (tag.empty() || tag.front() != '{') body = line_end + 1;
    }
    if (auto parsed = parse_object(text.substr(body, close - body))) return parsed;
    pos = close + 3;
  }
  return std::nullopt;
}

struct BracePair {
  std::size_t open;
  std::size_t close;
};

// Balanced {...} pairs in one pass, skipping braces inside JSON strings (only
// inside braces: a quote in the surrounding prose is not a string). Pairs inside
// a brace that never closes are dropped: that is a truncated answer, and its
// complete inner objects are fragments, not the answer.
std::vector<BracePair> brace_pairs(std::string_view text) {
  std::vector<BracePair> pairs;
  std::vector<std::size_t> open;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"' && !open.empty()) {
      in_string = true;
    } else if (c == '{') {
      open.push_back(i);
    } else if (c == '}' && !open.empty()) {
      pairs.push_back({open.back(), i});
      open.pop_back();
    }
  }
  if (!open.empty()) {
    const std::size_t unclosed = open.front();
    std::erase_if(pairs, [unclosed](const BracePair& p) { return p.open > unclosed; });
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const BracePair& a, const BracePair& b) { return a.open < b.open; });
  return pairs;
}

// The first balanced {...} in prose that parses; outer objects open earlier,
// so the outermost one wins. Attempts are capped so that adversarial text
// (thousands of braces) stays linear.
std::optional<Json> from_prose(std::string_view text) {
  constexpr std::size_t kMaxAttempts = 64;
  std::size_t attempts = 0;
  for (const BracePair& p : brace_pairs(text)) {
    if (++attempts > kMaxAttempts) break;
    if (auto parsed = parse_object(text.substr(p.open, p.close - p.open + 1))) return parsed;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Json> extract_json_object(std::string_view llm_text) {
  if (auto parsed = parse_object(llm_text)) return parsed;
  if (auto parsed = from_fences(llm_text)) return parsed;
  return from_prose(llm_text);
}

}  // namespace rm
