#include "reference/domain/preview_hash.hpp"

#include <openssl/evp.h>
#include <utf8proc.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

namespace rm {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool in_range(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Well-formed UTF-8 per Unicode table 3-7; every maximal subpart of an
// ill-formed sequence becomes one U+FFFD (the "substitution of maximal
// subparts" practice that Python's decoder follows).
std::string sanitize_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (b0 < 0x80) {
      out.push_back(static_cast<char>(b0));
      ++i;
      continue;
    }
    std::size_t need = 0;                // continuation bytes after the lead
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation
    if (in_range(b0, 0xC2, 0xDF)) {
      need = 1;
    } else if (b0 == 0xE0) {
      need = 2, lo = 0xA0;
    } else if (in_range(b0, 0xE1, 0xEC) || b0 == 0xEE || b0 == 0xEF) {
      need = 2;
    } else if (b0 == 0xED) {
      need = 2, hi = 0x9F;  // no surrogates
    } else if (b0 == 0xF0) {
      need = 3, lo = 0x90;
    } else if (in_range(b0, 0xF1, 0xF3)) {
      need = 3;
    } else if (b0 == 0xF4) {
      need = 3, hi = 0x8F;  // nothing above U+10FFFF
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    std::size_t len = 1;
    bool valid = true;
    for (std::size_t k = 0; k < need; ++k) {
      if (i + len >= in.size()) {
        valid = false;
        break;
      }
      const auto c = static_cast<unsigned char>(in[i + len]);
      const bool ok = k == 0 ? in_range(c, lo, hi) : in_range(c, 0x80, 0xBF);
      if (!ok) {
        valid = false;
        break;
      }
      ++len;
    }
    if (valid) {
      out.append(in.substr(i, len));
    } else {
      out += kReplacement;
    }
    i += len;
  }
  return out;
}

std::string utf8proc_transform(std::string_view utf8, int options) {
  const std::string clean = sanitize_utf8(utf8);
  utf8proc_uint8_t* raw = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                          static_cast<utf8proc_ssize_t>(clean.size()), &raw,
                                          static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(raw, &std::free);
  if (n < 0) {
    // Only reachable on allocation failure: the input was sanitised above.
    throw std::runtime_error(std::string("utf8proc: ") + utf8proc_errmsg(n));
  }
  return std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// json.dumps(ensure_ascii=False): only '"', '\\' and C0 controls are escaped.
void append_string(std::string& out, std::string_view raw) {
  const std::string s = nfc_normalize(raw);
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

// Python's float.__repr__: shortest round-trip digits, positional notation
// for decimal exponents in [-4, 16), otherwise d.ddde+XX; NaN/Infinity as
// json.dumps writes them (allow_nan=True).
void append_float(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Infinity" : "Infinity";
    return;
  }
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  if (!sci.empty() && sci.front() == '-') {
    out.push_back('-');
    sci.remove_prefix(1);
  }
  const std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  const int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int decpt = exp10 + 1;  // digits are 0.d1d2... * 10^decpt
  const int n = static_cast<int>(digits.size());
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out += digits;
    } else if (decpt >= n) {
      out += digits;
      out.append(static_cast<std::size_t>(decpt - n), '0');
      out += ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(decpt));
      out.push_back('.');
      out += digits.substr(static_cast<std::size_t>(decpt));
    }
    return;
  }
  out.push_back(digits[0]);
  if (n > 1) {
    out.push_back('.');
    out += digits.substr(1);
  }
  out.push_back('e');
  out.push_back(exp10 < 0 ? '-' : '+');
  const int mag = std::abs(exp10);
  if (mag < 10) out.push_back('0');
  out += std::to_string(mag);
}

void append_canonical(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      out += "null";
      break;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      break;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<std::int64_t>());
      break;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<std::uint64_t>());
      break;
    case Json::value_t::number_float:
      append_float(out, value.get<double>());
      break;
    case Json::value_t::string:
      append_string(out, value.get_ref<const std::string&>());
      break;
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const Json& item : value) {
        if (!first) out.push_back(',');
        first = false;
        append_canonical(out, item);
      }
      out.push_back(']');
      break;
    }
    case Json::value_t::object: {
      // Keys are NFC-normalised before sorting, as the backend does. Byte order
      // of UTF-8 equals code point order, which is Python's str order. When two
      // keys normalise to the same key, the one later in the input's (byte)
      // order wins, as a later key wins in a Python dict.
      std::map<std::string, const Json*> sorted;
      for (const auto& [key, item] : value.items()) {
        sorted[nfc_normalize(key)] = &item;
      }
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : sorted) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, key);
        out.push_back(':');
        append_canonical(out, *item);
      }
      out.push_back('}');
      break;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      throw std::invalid_argument("canonical_json: value has no JSON form");
  }
}

}  // namespace

std::string nfc_normalize(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);  // ASCII is always NFC
  return utf8proc_transform(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string casefold(std::string_view utf8) {
  return utf8proc_transform(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string canonical_json(const Json& value) {
  std::string out;
  append_canonical(out, value);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("sha256: EVP_Digest failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

std::string preview_hash(const Json& model_dump) { return sha256_hex(canonical_json(model_dump)); }

}  // namespace rm
