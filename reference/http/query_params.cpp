#include "reference/http/query_params.hpp"

#include <cctype>
#include <climits>

#include "reference/http/json_body.hpp"

namespace rm {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// Decimal integer with an optional sign; saturates far outside int's range so
// that the range check, not the parser, reports a huge number.
std::optional<long long> parse_integer(std::string_view text) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  long long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value < LLONG_MAX / 100) value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

}  // namespace

bool is_language_tag(std::string_view text) {
  const auto lower_at = [&](std::size_t i) { return text[i] >= 'a' && text[i] <= 'z'; };
  const auto upper_at = [&](std::size_t i) { return text[i] >= 'A' && text[i] <= 'Z'; };
  if (text.size() == 2) return lower_at(0) && lower_at(1);
  if (text.size() == 5) {
    return lower_at(0) && lower_at(1) && text[2] == '-' && upper_at(3) && upper_at(4);
  }
  return false;
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  std::optional<std::string> found;
  for (const auto& [key, value] : request_.query) {
    if (key == name) found = value;
  }
  return found;
}

void QueryParams::fail(std::string_view name, const std::string& message) {
  if (!failure_) failure_ = validation_failure("query." + std::string(name), message);
}

std::string QueryParams::required_string(std::string_view name) {
  std::optional<std::string> value = get(name);
  if (!value) {
    fail(name, "Field required");
    return {};
  }
  return *value;
}

int QueryParams::integer_in_range(std::string_view name, int fallback, int min, int max) {
  const std::optional<std::string> text = get(name);
  if (!text) return fallback;
  const std::optional<long long> value = parse_integer(*text);
  if (!value) {
    fail(name, "Input should be a valid integer, unable to parse string as an integer");
    return fallback;
  }
  if (*value < min) {
    fail(name, "Input should be greater than or equal to " + std::to_string(min));
    return fallback;
  }
  if (*value > max) {
    fail(name, "Input should be less than or equal to " + std::to_string(max));
    return fallback;
  }
  return static_cast<int>(*value);
}

bool QueryParams::boolean(std::string_view name, bool fallback) {
  const std::optional<std::string> text = get(name);
  if (!text) return fallback;
  const std::string word = lower(trim(*text));
  if (word == "true" || word == "1" || word == "yes" || word == "on" || word == "t" ||
      word == "y") {
    return true;
  }
  if (word == "false" || word == "0" || word == "no" || word == "off" || word == "f" ||
      word == "n") {
    return false;
  }
  fail(name, "Input should be a valid boolean, unable to interpret input");
  return fallback;
}

std::string QueryParams::one_of(std::string_view name, std::string fallback,
                                std::initializer_list<std::string_view> allowed,
                                std::string_view pattern) {
  std::optional<std::string> text = get(name);
  if (!text) return fallback;
  for (const std::string_view candidate : allowed) {
    if (*text == candidate) return *text;
  }
  fail(name, "String should match pattern '" + std::string(pattern) + "'");
  return fallback;
}

std::optional<std::string> QueryParams::language_tag(std::string_view name) {
  std::optional<std::string> text = get(name);
  if (!text) return std::nullopt;
  if (!is_language_tag(*text)) {
    fail(name, "String should match pattern '^[a-z]{2}(-[A-Z]{2})?$'");
    return std::nullopt;
  }
  return text;
}

}  // namespace rm
