#include "reference/service/defects.hpp"

#include <cctype>
#include <cstdio>

namespace rm {

std::string issue_id(Issue issue) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "API-%03d", static_cast<int>(issue));
  return buffer;
}

std::optional<Issue> parse_issue_id(std::string_view text) {
  std::string digits;
  std::size_t i = 0;
  if (text.size() >= 3 && std::toupper(static_cast<unsigned char>(text[0])) == 'A' &&
      std::toupper(static_cast<unsigned char>(text[1])) == 'P' &&
      std::toupper(static_cast<unsigned char>(text[2])) == 'I') {
    i = 3;
    if (i < text.size() && text[i] == '-') ++i;
  }
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    digits.push_back(text[i]);
  }
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  const int n = std::stoi(digits);
  if (n < 1 || n > kIssueCount) return std::nullopt;
  return static_cast<Issue>(n);
}

}  // namespace rm
