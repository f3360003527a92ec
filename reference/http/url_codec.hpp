#pragma once
// Percent-decoding of request targets, as the ASGI server in front of FastAPI does:
// the path is decoded before routing, the query string is split on '&' and '='
// with '+' meaning a space (application/x-www-form-urlencoded).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rm {

// "%41b%2" -> "Ab%2": a '%' that is not followed by two hex digits stays as is.
// `plus_as_space` turns '+' into ' ' (query strings only).
std::string percent_decode(std::string_view text, bool plus_as_space = false);

// Encodes every byte except unreserved characters (and '/' when `keep_slash`).
std::string percent_encode(std::string_view text, bool keep_slash = false);

// "a=1&b=x+y&a=2&c" -> {{"a","1"},{"b","x y"},{"a","2"},{"c",""}} in order; empty
// pieces ("a=1&&b=2") are skipped.
std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view query);

struct RequestTarget {
  std::string path;  // decoded
  std::vector<std::pair<std::string, std::string>> query;
};

// Splits an origin-form target "/p/a%20b?x=1#frag" into the decoded path and query.
RequestTarget parse_request_target(std::string_view target);

}  // namespace rm
