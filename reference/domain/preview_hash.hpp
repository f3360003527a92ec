#pragma once
// The preview hash of the contract: SHA-256 (hex) of the canonical JSON of the
// improved ResumeData's full model dump. Canonical = every string NFC-normalised,
// object keys sorted, separators ',' and ':', non-ASCII kept as UTF-8.
#include <string>
#include <string_view>

#include "reference/ports/document.hpp"

namespace rm {

std::string nfc_normalize(std::string_view utf8);
std::string canonical_json(const Json& value);
std::string sha256_hex(std::string_view bytes);
// sha256_hex(canonical_json(model_dump)); callers pass validate_resume_data(x).data.
std::string preview_hash(const Json& model_dump);

}  // namespace rm
