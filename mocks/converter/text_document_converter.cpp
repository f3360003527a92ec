#include "mocks/converter/text_document_converter.hpp"

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace rm {
namespace {

std::string hex_code_point(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string hex_byte(unsigned char byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(byte));
  return buf;
}

[[noreturn]] void reject(const std::string& why, const std::string& filename, std::size_t offset) {
  throw ConversionError("cannot convert '" + filename + "': " + why + " at byte offset " +
                        std::to_string(offset) + " (only UTF-8 text is accepted)");
}

bool allowed_control(std::uint32_t cp) { return cp == '\t' || cp == '\n' || cp == '\r'; }

bool is_control(std::uint32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
void check_text(std::string_view text, const std::string& filename) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (lead < 0x80) {
      cp = lead;
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      cp = lead & 0x1F;
      length = 2;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      cp = lead & 0x0F;
      length = 3;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      cp = lead & 0x07;
      length = 4;
      min = 0x10000;
    } else {
      reject("invalid UTF-8 byte " + hex_byte(lead), filename, i);
    }
    if (i + length > text.size()) reject("truncated UTF-8 sequence", filename, i);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) reject("invalid UTF-8 sequence", filename, i);
      cp = (cp << 6) | (next & 0x3F);
    }
    if (length > 1 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
      reject("invalid UTF-8 sequence", filename, i);
    }
    if (is_control(cp) && !allowed_control(cp)) {
      reject("control character " + hex_code_point(cp), filename, i);
    }
    i += length;
  }
}

bool blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace

std::string TextDocumentConverter::to_markdown(const std::string& bytes,
                                               const std::string& filename,
                                               const std::string& content_type) {
  std::string_view text = bytes;
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  check_text(text, filename);
  if (blank(text)) {
    throw ConversionError("cannot convert '" + filename + "': the document contains no text");
  }
  std::string markdown;
  markdown.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      markdown.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      markdown.push_back(text[i]);
    }
  }
  return markdown;
}

}  // namespace rm
