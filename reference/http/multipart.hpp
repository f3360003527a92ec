#pragma once
// A multipart/form-data parser (RFC 7578 over RFC 2046): the boundary comes from
// the Content-Type header; each part has Content-Disposition (form-data; name;
// filename or RFC 5987 filename*) and an optional Content-Type. Works on the
// whole body in memory (bounded by kMaxRequestBodyBytes) and never reads outside
// it: malformed input is an error, not a crash.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rm {

struct MultipartPart {
  std::string name;                     // Content-Disposition name ("" when absent)
  std::optional<std::string> filename;  // present for a file part (may be "")
  std::string content_type;             // the part's Content-Type, "" when absent
  std::string data;
};

struct MultipartError {
  std::string reason;
};

using MultipartResult = std::variant<std::vector<MultipartPart>, MultipartError>;

// True when `content_type` is multipart/form-data (any case, parameters ignored).
bool is_multipart_form_data(std::string_view content_type);

// The boundary parameter of a Content-Type header (quoted or not); nullopt when
// missing or not 1..70 characters.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parses `body` framed by the boundary of `content_type`.
MultipartResult parse_multipart(std::string_view content_type, std::string_view body);

// The value of a header parameter such as `name` in
// `form-data; name="file"; filename="cv.pdf"`; quoted strings are unescaped,
// `name*=UTF-8''...` (RFC 5987) is percent-decoded and preferred over `name`.
std::optional<std::string> header_parameter(std::string_view header_value, std::string_view name);

}  // namespace rm
