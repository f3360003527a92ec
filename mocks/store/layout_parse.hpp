#pragma once
// Reads a JSON text once into both the Json a store works on and the key-order
// layout that to_python_json writes it back with (python_json.hpp). Parsing into
// an OrderedJson instead looked every key up linearly, quadratic in a TinyDB
// table's size (10 000 resumes: most of a second), and then needed a deep copy.
#include <string_view>

#include "mocks/store/python_json.hpp"

namespace rm {

// The value of `text`, with `layout` set to its shape: every object and array as
// in the text, with its keys in the text's order, and every scalar null. A key
// given twice keeps its first place and its last value (as nlohmann's parsers do).
// Throws what Json::parse throws (parse_error; out_of_range for a number such as 1e309).
Json parse_keeping_layout(std::string_view text, OrderedJson& layout);

}  // namespace rm
