#include "fuzz/support/oracle.hpp"

#include <cstdio>
#include <cstdlib>

namespace rm::fuzz {

void oracle_failed(std::string_view target, std::string_view property, std::string_view evidence) {
  std::fprintf(stderr, "\n==FUZZ ORACLE== %.*s: %.*s\n", static_cast<int>(target.size()),
               target.data(), static_cast<int>(property.size()), property.data());
  if (!evidence.empty()) {
    std::fprintf(stderr, "==FUZZ ORACLE== evidence: %.*s\n", static_cast<int>(evidence.size()),
                 evidence.data());
  }
  std::fflush(stderr);
  std::abort();
}

std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...(" + std::to_string(text.size()) + " bytes)";
}

}  // namespace rm::fuzz
