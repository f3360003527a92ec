#pragma once
// A whole command-line value as a number: nothing before or after it, no sign
// the type cannot hold, no overflow (std::from_chars), else nullopt.
#include <charconv>
#include <optional>
#include <string>
#include <system_error>

namespace rm::harness {

template <typename Number>
std::optional<Number> parse_number(const std::string& text) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace rm::harness
