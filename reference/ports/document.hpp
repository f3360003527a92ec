#pragma once
// Stored records are JSON objects, shaped exactly like the Python backend's
// TinyDB documents, so that a legacy record with missing fields stays representable.
#include <nlohmann/json.hpp>

namespace rm {

using Json = nlohmann::json;
using Document = nlohmann::json;

}  // namespace rm
