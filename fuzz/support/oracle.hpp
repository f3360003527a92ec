#pragma once
// What a fuzz target does when its oracle does not hold: print one clear line
// naming the target and the property, then abort() so that libFuzzer records
// the input as a crash (crash-<sha1>) and the campaign reports it.
#include <string>
#include <string_view>

namespace rm::fuzz {

[[noreturn]] void oracle_failed(std::string_view target, std::string_view property,
                                std::string_view evidence = {});

// oracle_failed unless `holds`.
inline void require(bool holds, std::string_view target, std::string_view property,
                    std::string_view evidence = {}) {
  if (!holds) oracle_failed(target, property, evidence);
}

// At most `limit` bytes of `text`, for evidence lines.
std::string shorten(std::string_view text, std::size_t limit = 300);

}  // namespace rm::fuzz
