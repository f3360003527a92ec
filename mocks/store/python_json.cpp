#include "mocks/store/python_json.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace rm {
namespace {

bool is_decimal(std::string_view key) {
  return !key.empty() &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Ascending, with decimal keys first and by value ("2" before "10"), the order in
// which TinyDB inserts documents.
bool key_before(std::string_view a, std::string_view b) {
  bool da = is_decimal(a);
  bool db = is_decimal(b);
  if (da != db) return da;
  if (da) {
    // Strip leading zeros so that the length comparison is a value comparison.
    auto trim = [](std::string_view s) {
      size_t nz = s.find_first_not_of('0');
      return nz == std::string_view::npos ? std::string_view("0") : s.substr(nz);
    };
    std::string_view ta = trim(a);
    std::string_view tb = trim(b);
    if (ta.size() != tb.size()) return ta.size() < tb.size();
    if (ta != tb) return ta < tb;
  }
  return a < b;
}

void append_u_escape(std::string& out, uint32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at s[i], advancing i; throws on malformed input.
uint32_t decode_utf8(std::string_view s, size_t& i) {
  auto bad = [] { throw std::invalid_argument("string is not valid UTF-8"); };
  auto byte = [&](size_t at) { return static_cast<unsigned char>(s[at]); };
  unsigned char lead = byte(i);
  int extra = 0;
  uint32_t cp = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    bad();
  }
  if (i + extra >= s.size()) bad();
  for (int k = 1; k <= extra; ++k) {
    unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) bad();
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) bad();
  i += 1 + extra;
  return cp;
}

// json.dumps' ensure_ascii encoding: printable ASCII as is, the usual short
// escapes, everything else \uXXXX (lowercase hex, surrogate pairs above U+FFFF).
void append_string(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = decode_utf8(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (cp >= 0x20 && cp <= 0x7E) {
      out += static_cast<char>(cp);
    } else if (cp <= 0xFFFF) {
      append_u_escape(out, cp);
    } else {
      uint32_t v = cp - 0x10000;
      append_u_escape(out, 0xD800 | (v >> 10));
      append_u_escape(out, 0xDC00 | (v & 0x3FF));
    }
  }
  out += '"';
}

class Writer {
 public:
  explicit Writer(int indent) : indent_(indent) {}

  void value(const Json& v, const OrderedJson* layout, int depth) {
    switch (v.type()) {
      case Json::value_t::object:
        object(v, layout, depth);
        break;
      case Json::value_t::array:
        array(v, layout, depth);
        break;
      case Json::value_t::string:
        append_string(out_, v.get_ref<const std::string&>());
        break;
      // nlohmann's shortest round-trip doubles print like Python's repr
      // ("1.0", "1e-05", "1e+16"), integers print the same in both.
      default:
        out_ += v.dump();
        break;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void object(const Json& v, const OrderedJson* layout, int depth) {
    if (v.empty()) {
      out_ += "{}";
      return;
    }
    out_ += '{';
    bool first = true;
    auto member = [&](const std::string& key, const Json& child, const OrderedJson* child_layout) {
      separator(first, depth + 1);
      append_string(out_, key);
      out_ += ": ";
      value(child, child_layout, depth + 1);
    };
    std::unordered_set<std::string_view> placed;
    if (layout != nullptr && layout->is_object()) {
      for (auto it = layout->begin(); it != layout->end(); ++it) {
        auto found = v.find(it.key());
        if (found == v.end()) continue;
        member(it.key(), *found, &it.value());
        placed.insert(it.key());
      }
    }
    std::vector<const std::string*> rest;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!placed.count(it.key())) rest.push_back(&it.key());
    }
    std::stable_sort(rest.begin(), rest.end(),
                     [](const std::string* a, const std::string* b) { return key_before(*a, *b); });
    for (const std::string* key : rest) member(*key, v.at(*key), nullptr);
    close(depth, '}');
  }

  void array(const Json& v, const OrderedJson* layout, int depth) {
    if (v.empty()) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    bool first = true;
    const bool has_layout = layout != nullptr && layout->is_array();
    for (size_t i = 0; i < v.size(); ++i) {
      separator(first, depth + 1);
      value(v[i], has_layout && i < layout->size() ? &(*layout)[i] : nullptr, depth + 1);
    }
    close(depth, ']');
  }

  // Before an element: "," / ", " after the first one, then the line break and
  // indentation when indenting.
  void separator(bool& first, int depth) {
    if (!first) out_ += indent_ < 0 ? ", " : ",";
    first = false;
    newline(depth);
  }

  void close(int depth, char bracket) {
    newline(depth);
    out_ += bracket;
  }

  void newline(int depth) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<size_t>(indent_) * depth, ' ');
  }

  int indent_;
  std::string out_;
};

}  // namespace

std::string to_python_json(const Json& value, const OrderedJson* layout, int indent) {
  Writer writer(indent);
  writer.value(value, layout, 0);
  return writer.take();
}

}  // namespace rm
