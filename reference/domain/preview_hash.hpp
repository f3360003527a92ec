#pragma once
// The preview hash of the contract: SHA-256 (hex) of the canonical JSON of the
// improved ResumeData's full model dump. Canonical = every string NFC-normalised,
// object keys sorted, separators ',' and ':', non-ASCII kept as UTF-8.
#include <string>
#include <string_view>

#include "reference/ports/document.hpp"

namespace rm {

// Invalid UTF-8 never throws: each maximal invalid subsequence becomes U+FFFD
// first (as Python's decode(errors="replace") would), then NFC applies.
std::string nfc_normalize(std::string_view utf8);
// NFC plus Unicode case folding: the key for case-insensitive comparisons
// (Python's str.casefold()).
std::string casefold(std::string_view utf8);
std::string canonical_json(const Json& value);
std::string sha256_hex(std::string_view bytes);
// sha256_hex(canonical_json(model_dump)); callers pass validate_resume_data(x).data.
std::string preview_hash(const Json& model_dump);

}  // namespace rm
