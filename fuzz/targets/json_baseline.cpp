// The yardstick: a bare nlohmann::json::parse of the input, nothing else, so that
// the exec/s of the other targets can be read against it (docs/fuzzing.md).
#include <cstddef>
#include <cstdint>

#include "reference/ports/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const rm::Json value = rm::Json::parse(data, data + size, nullptr, false);
  return value.is_discarded() ? 0 : 0;
}
