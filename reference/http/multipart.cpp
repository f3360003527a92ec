#include "reference/http/multipart.hpp"

#include <cctype>

#include "reference/http/url_codec.hpp"

namespace rm {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

struct Parameter {
  std::string name;  // lower-cased
  std::string value;
};

// `type/sub; a=1; b="x;y"` -> {a:1, b:x;y}. Never reads past the end of `header`.
std::vector<Parameter> parse_parameters(std::string_view header) {
  std::vector<Parameter> out;
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos && pos < header.size()) {
    ++pos;  // the ';'
    while (pos < header.size() && is_space(header[pos])) ++pos;
    const std::size_t name_start = pos;
    while (pos < header.size() && header[pos] != '=' && header[pos] != ';') ++pos;
    Parameter parameter;
    parameter.name = lower(trim(header.substr(name_start, pos - name_start)));
    if (pos < header.size() && header[pos] == '=') {
      ++pos;
      while (pos < header.size() && is_space(header[pos])) ++pos;
      if (pos < header.size() && header[pos] == '"') {
        ++pos;
        while (pos < header.size() && header[pos] != '"') {
          // Only \" and \\ are escapes: browsers send Windows paths with bare backslashes.
          if (header[pos] == '\\' && pos + 1 < header.size() &&
              (header[pos + 1] == '"' || header[pos + 1] == '\\')) {
            ++pos;
          }
          parameter.value.push_back(header[pos]);
          ++pos;
        }
        pos = header.find(';', pos);
      } else {
        const std::size_t value_start = pos;
        pos = header.find(';', pos);
        const std::size_t end = pos == std::string_view::npos ? header.size() : pos;
        parameter.value = std::string(trim(header.substr(value_start, end - value_start)));
      }
    } else if (pos >= header.size()) {
      pos = std::string_view::npos;
    }
    if (!parameter.name.empty()) out.push_back(std::move(parameter));
  }
  return out;
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
  return out;
}

// RFC 5987 ext-value: charset'language'percent-encoded.
std::optional<std::string> decode_ext_value(std::string_view value) {
  const std::size_t first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string charset = lower(value.substr(0, first));
  std::string decoded = percent_decode(value.substr(second + 1));
  if (charset == "iso-8859-1" || charset == "latin1") return latin1_to_utf8(decoded);
  return decoded;
}

// Where the delimiter line starting at `at` ("--boundary") ends: after its CRLF,
// or at the closing "--". nullopt when what follows the boundary makes it
// content rather than a delimiter.
struct DelimiterEnd {
  std::size_t next;  // first byte after the delimiter line
  bool closing;
};

std::optional<DelimiterEnd> delimiter_end(std::string_view body, std::size_t after_boundary) {
  std::size_t pos = after_boundary;
  if (body.substr(pos, 2) == "--") return DelimiterEnd{pos + 2, true};
  while (pos < body.size() && is_space(body[pos])) ++pos;  // transport padding
  if (pos == body.size()) return DelimiterEnd{pos, true};  // tolerate a missing "--"
  if (body.substr(pos, 2) == kCrlf) return DelimiterEnd{pos + 2, false};
  return std::nullopt;
}

std::optional<std::string> parse_part_headers(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return "malformed part header line";
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      has_disposition = true;
      part.name = header_parameter(value, "name").value_or("");
      part.filename = header_parameter(value, "filename");
    } else if (iequals(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return "a part has no Content-Disposition header";
  return std::nullopt;
}

}  // namespace

bool is_multipart_form_data(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  return iequals(trim(content_type.substr(0, semicolon)), "multipart/form-data");
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  for (Parameter& parameter : parse_parameters(content_type)) {
    if (parameter.name != "boundary") continue;
    if (parameter.value.empty() || parameter.value.size() > 70) return std::nullopt;
    return std::move(parameter.value);
  }
  return std::nullopt;
}

std::optional<std::string> header_parameter(std::string_view header_value, std::string_view name) {
  const std::vector<Parameter> parameters = parse_parameters(header_value);
  const std::string wanted = lower(name);
  const std::string extended = wanted + "*";
  for (const Parameter& parameter : parameters) {
    if (parameter.name == extended) {
      if (std::optional<std::string> decoded = decode_ext_value(parameter.value)) return decoded;
    }
  }
  for (const Parameter& parameter : parameters) {
    if (parameter.name == wanted) return parameter.value;
  }
  return std::nullopt;
}

MultipartResult parse_multipart(std::string_view content_type, std::string_view body) {
  if (!is_multipart_form_data(content_type)) {
    return MultipartError{"the content type is not multipart/form-data"};
  }
  const std::optional<std::string> boundary = multipart_boundary(content_type);
  if (!boundary) return MultipartError{"missing or invalid boundary in the content type"};
  const std::string dash_boundary = "--" + *boundary;
  const std::string delimiter = "\r\n" + dash_boundary;

  // The first delimiter may open the body or follow a preamble.
  std::optional<DelimiterEnd> line;
  if (body.substr(0, dash_boundary.size()) == dash_boundary) {
    line = delimiter_end(body, dash_boundary.size());
  }
  std::size_t search_from = 0;
  while (!line) {
    const std::size_t found = body.find(delimiter, search_from);
    if (found == std::string_view::npos) return MultipartError{"no boundary found in the body"};
    line = delimiter_end(body, found + delimiter.size());
    search_from = found + 1;
  }

  std::vector<MultipartPart> parts;
  while (!line->closing) {
    std::size_t pos = line->next;
    MultipartPart part;
    // The part's header block ends at the first blank line (at once when it is empty).
    const std::size_t headers_end = body.substr(pos, 2) == kCrlf ? pos : body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return MultipartError{"unterminated part headers"};
    if (auto error = parse_part_headers(body.substr(pos, headers_end - pos), part)) {
      return MultipartError{*error};
    }
    pos = headers_end == pos ? pos + 2 : headers_end + 4;
    // The content runs up to the next delimiter that is followed by "--" or a line end.
    std::optional<DelimiterEnd> next;
    std::size_t content_end = std::string_view::npos;
    for (std::size_t from = pos; !next;) {
      content_end = body.find(delimiter, from);
      if (content_end == std::string_view::npos) {
        return MultipartError{"a part is not terminated by the boundary"};
      }
      next = delimiter_end(body, content_end + delimiter.size());
      from = content_end + 1;
    }
    part.data = std::string(body.substr(pos, content_end - pos));
    parts.push_back(std::move(part));
    line = next;
  }
  return parts;
}

}  // namespace rm
