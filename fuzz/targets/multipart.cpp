// The multipart/form-data parser (reference/http/multipart.*). Oracles:
//   - parse(serialise(parts)) == parts, both for parts the parser produced from
//     arbitrary bytes and for parts generated from the input;
//   - limits hold: an accepted boundary is 1..70 characters, parts never hold
//     more bytes than the body, every part has come with a Content-Disposition.
// Input: byte 0 'S' = generate parts from the rest (FuzzedDataProvider);
// anything else = raw mode: the rest is "<content type>\n<body>".
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz/support/oracle.hpp"
#include "reference/http/multipart.hpp"
#include "reference/http/url_codec.hpp"

namespace {

constexpr const char* kTarget = "multipart";

// RFC 5987 ext-value: every byte survives, whatever it is.
std::string ext_value(std::string_view text) { return "UTF-8''" + rm::percent_encode(text); }

std::string serialise(const std::string& boundary, const std::vector<rm::MultipartPart>& parts) {
  std::string body;
  for (const rm::MultipartPart& part : parts) {
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name*=" + ext_value(part.name);
    if (part.filename) body += "; filename*=" + ext_value(*part.filename);
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.data + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return body;
}

std::string describe(const rm::MultipartPart& part) {
  return "{name=" + rm::fuzz::shorten(part.name, 60) +
         " filename=" + (part.filename ? rm::fuzz::shorten(*part.filename, 60) : "(none)") +
         " type=" + rm::fuzz::shorten(part.content_type, 60) +
         " data=" + std::to_string(part.data.size()) + "B}";
}

bool same(const rm::MultipartPart& a, const rm::MultipartPart& b) {
  return a.name == b.name && a.filename == b.filename && a.content_type == b.content_type &&
         a.data == b.data;
}

void check_round_trip(const std::string& boundary, const std::vector<rm::MultipartPart>& parts,
                      std::string_view origin) {
  std::string quoted;
  for (const char c : boundary) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  const std::string content_type = "multipart/form-data; boundary=\"" + quoted + "\"";
  const std::string body = serialise(boundary, parts);
  const rm::MultipartResult again = rm::parse_multipart(content_type, body);
  if (const auto* error = std::get_if<rm::MultipartError>(&again)) {
    rm::fuzz::oracle_failed(kTarget,
                            std::string("parse(serialise(parts)) refused parts ") +
                                std::string(origin) + ": " + error->reason,
                            rm::fuzz::shorten(body, 400));
  }
  const auto& reparsed = std::get<std::vector<rm::MultipartPart>>(again);
  if (reparsed.size() != parts.size()) {
    rm::fuzz::oracle_failed(kTarget, "parse(serialise(parts)) changed the number of parts",
                            std::to_string(parts.size()) + " -> " +
                                std::to_string(reparsed.size()) + ": " +
                                rm::fuzz::shorten(body, 400));
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!same(parts[i], reparsed[i])) {
      rm::fuzz::oracle_failed(
          kTarget, "parse(serialise(parts)) != parts",
          "part " + std::to_string(i) + ": " + describe(parts[i]) + " -> " + describe(reparsed[i]));
    }
  }
}

void raw_mode(std::string_view input) {
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return;
  std::string_view content_type = input.substr(0, newline);
  if (!content_type.empty() && content_type.back() == '\r') content_type.remove_suffix(1);
  // A header value never holds a line break (the framer refuses control bytes).
  if (content_type.find_first_of("\r\n") != std::string_view::npos) return;
  const std::string_view body = input.substr(newline + 1);

  const rm::MultipartResult result = rm::parse_multipart(content_type, body);
  if (std::holds_alternative<rm::MultipartError>(result)) {
    rm::fuzz::require(!std::get<rm::MultipartError>(result).reason.empty(), kTarget,
                      "a refusal without a reason");
    return;
  }
  const auto& parts = std::get<std::vector<rm::MultipartPart>>(result);
  const std::optional<std::string> boundary = rm::multipart_boundary(content_type);
  rm::fuzz::require(boundary && !boundary->empty() && boundary->size() <= 70, kTarget,
                    "a body was parsed with a boundary outside 1..70 characters");
  std::size_t total = 0;
  for (const rm::MultipartPart& part : parts) total += part.data.size();
  rm::fuzz::require(total <= body.size(), kTarget, "parts hold more bytes than the body");
  check_round_trip(*boundary, parts, "parsed from the input");
}

void structured_mode(FuzzedDataProvider& input) {
  static constexpr std::string_view kBoundaryChars =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
  std::string boundary;
  const std::size_t length = input.ConsumeIntegralInRange<std::size_t>(1, 70);
  for (std::size_t i = 0; i < length; ++i) {
    boundary +=
        kBoundaryChars[input.ConsumeIntegralInRange<std::size_t>(0, kBoundaryChars.size() - 1)];
  }
  // A trailing space would be trimmed from an unquoted value; it is quoted, but keep it simple.
  if (boundary.back() == ' ') boundary.back() = '_';
  const std::string delimiter = "\r\n--" + boundary;
  std::vector<rm::MultipartPart> parts(input.ConsumeIntegralInRange<std::size_t>(0, 6));
  for (rm::MultipartPart& part : parts) {
    part.name = input.ConsumeRandomLengthString(40);
    if (input.ConsumeBool()) part.filename = input.ConsumeRandomLengthString(40);
    std::string type = input.ConsumeRandomLengthString(40);
    // A header value: no line breaks, no surrounding blanks (the parser trims them).
    std::erase_if(type, [](char c) { return c == '\r' || c == '\n'; });
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(0, 1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    part.content_type = type;
    part.data = input.ConsumeRandomLengthString(400);
    // Content holding the delimiter is not representable in this framing.
    if ((part.data + "\r\n").find(delimiter) != std::string::npos) return;
  }
  check_round_trip(boundary, parts, "generated from the input");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] == 'S') {
    FuzzedDataProvider input(data + 1, size - 1);
    structured_mode(input);
  } else {
    raw_mode(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  }
  return 0;
}
