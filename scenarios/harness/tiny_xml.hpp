#pragma once
// A small, strict XML reader for checking the harness's junit.xml in tests:
// one root element, properly nested and closed tags, quoted attributes, only the
// five predefined entities and numeric character references, no stray '<' or
// '&'. It builds the element tree so that tests can count testsuites and
// testcases. Not a general XML parser (no DTD, CDATA or processing instructions
// except the leading XML declaration).
#include <cctype>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace rm::harness::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;

  std::vector<const XmlElement*> all(const std::string& child_name) const {
    std::vector<const XmlElement*> found;
    for (const auto& child : children) {
      if (child->name == child_name) found.push_back(child.get());
    }
    return found;
  }
  const XmlElement* first(const std::string& child_name) const {
    const auto found = all(child_name);
    return found.empty() ? nullptr : found.front();
  }
  int number(const std::string& attribute) const { return std::stoi(attributes.at(attribute)); }
};

class TinyXml {
 public:
  // Throws std::runtime_error naming the offset of the first problem.
  static std::unique_ptr<XmlElement> parse(const std::string& text) {
    TinyXml reader(text);
    return reader.document();
  }

 private:
  explicit TinyXml(const std::string& text) : s_(text) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("XML: " + what + " at offset " + std::to_string(i_));
  }
  bool starts(const char* prefix) const {
    return s_.compare(i_, std::char_traits<char>::length(prefix), prefix) == 0;
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == ':' || static_cast<unsigned char>(c) >= 0x80;
  }
  std::string name() {
    const std::size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    if (start == i_) fail("expected a name");
    return s_.substr(start, i_ - start);
  }
  // Character data up to `stop`, entities decoded.
  std::string chars(char stop) {
    std::string out;
    while (i_ < s_.size() && s_[i_] != stop) {
      const char c = s_[i_];
      if (c == '<') fail("'<' in character data");
      if (c != '&') {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') fail("control character");
        out += c;
        ++i_;
        continue;
      }
      const std::size_t semi = s_.find(';', i_);
      if (semi == std::string::npos || semi - i_ > 10) fail("unterminated entity");
      const std::string entity = s_.substr(i_ + 1, semi - i_ - 1);
      static const std::map<std::string, std::string> kNamed = {
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
      if (auto it = kNamed.find(entity); it != kNamed.end()) {
        out += it->second;
      } else if (entity.size() > 1 && entity[0] == '#') {
        const long code = entity[1] == 'x' ? std::stol(entity.substr(2), nullptr, 16)
                                           : std::stol(entity.substr(1));
        if (code != 9 && code != 10 && code != 13 && code < 0x20) fail("bad character reference");
        if (code < 0x80)
          out += static_cast<char>(code);
        else
          out += "?";  // tests only compare ASCII
      } else {
        fail("unknown entity &" + entity + ";");
      }
      i_ = semi + 1;
    }
    return out;
  }
  std::unique_ptr<XmlElement> element() {
    if (!starts("<")) fail("expected '<'");
    ++i_;
    auto e = std::make_unique<XmlElement>();
    e->name = name();
    while (true) {
      skip_space();
      if (starts("/>")) {
        i_ += 2;
        return e;
      }
      if (starts(">")) {
        ++i_;
        break;
      }
      const std::string attribute = name();
      skip_space();
      if (!starts("=")) fail("expected '='");
      ++i_;
      skip_space();
      if (!starts("\"")) fail("expected '\"'");
      ++i_;
      std::string value = chars('"');
      if (!starts("\"")) fail("unterminated attribute");
      ++i_;
      if (!e->attributes.emplace(attribute, value).second) fail("duplicate attribute " + attribute);
    }
    while (true) {
      e->text += chars('<');
      if (i_ >= s_.size()) fail("unclosed <" + e->name + ">");
      if (starts("</")) {
        i_ += 2;
        if (name() != e->name) fail("mismatched close of <" + e->name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++i_;
        return e;
      }
      e->children.push_back(element());
    }
  }
  std::unique_ptr<XmlElement> document() {
    if (starts("<?xml")) {
      const std::size_t end = s_.find("?>", i_);
      if (end == std::string::npos) fail("unterminated declaration");
      i_ = end + 2;
    }
    skip_space();
    auto root = element();
    skip_space();
    if (i_ != s_.size()) fail("content after the root element");
    return root;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

}  // namespace rm::harness::test
