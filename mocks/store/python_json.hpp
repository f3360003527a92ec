#pragma once
// JSON text byte-for-byte as Python's json module writes it, so that a file we
// rewrite reads like one the Python backend wrote (TinyDB's database.json,
// config.json) and a diff shows only what changed.
#include <string>

#include "reference/ports/document.hpp"

namespace rm {

// A parsed document that remembers the order of its object keys.
using OrderedJson = nlohmann::ordered_json;

// Python's json.dumps(value) when indent < 0, json.dumps(value, indent=indent)
// otherwise: ensure_ascii escaping, separators ", " and ": " ("," before a line
// break when indented).
//
// Json keeps object keys sorted, but Python keeps insertion order, so the order is
// taken from `layout` (typically the same file as last read): an object's keys that
// its counterpart in `layout` has come first, in that order; the others follow in
// ascending order, numeric keys (TinyDB document ids) by value. Without a layout,
// keys are ascending.
//
// Throws std::invalid_argument for a string that is not valid UTF-8.
std::string to_python_json(const Json& value, const OrderedJson* layout = nullptr, int indent = -1);

}  // namespace rm
