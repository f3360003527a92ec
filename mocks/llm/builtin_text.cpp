#include "mocks/llm/builtin_text.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace rm::builtin {

std::string trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  auto begin = text.find_first_not_of(ws);
  if (begin == std::string_view::npos) return "";
  auto end = text.find_last_not_of(ws);
  return std::string(text.substr(begin, end - begin + 1));
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         to_lower(text.substr(0, prefix.size())) == to_lower(prefix);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> split_any(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    std::string piece = trim(text.substr(start, end - start));
    if (!piece.empty()) parts.push_back(std::move(piece));
    start = end + 1;
  }
  return parts;
}

std::string strip_markup(std::string_view line) {
  std::string text = trim(line);
  std::size_t begin = 0;
  while (begin < text.size() && (text[begin] == '#' || text[begin] == '*' || text[begin] == '_' ||
                                 text[begin] == '>' || text[begin] == ' ' || text[begin] == '\t')) {
    ++begin;
  }
  std::size_t end = text.size();
  while (end > begin && (text[end - 1] == '*' || text[end - 1] == '_' || text[end - 1] == ' ' ||
                         text[end - 1] == '\t')) {
    --end;
  }
  return text.substr(begin, end - begin);
}

std::string replace_all(std::string_view text, std::string_view what, std::string_view with) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  for (auto pos = text.find(what); pos != std::string_view::npos; pos = text.find(what, start)) {
    out.append(text.substr(start, pos - start));
    out.append(with);
    start = pos + what.size();
  }
  out.append(text.substr(start));
  return out;
}

std::string bullet_text(std::string_view line) {
  std::string text = trim(line);
  constexpr std::string_view kDot = "\xE2\x80\xA2";  // U+2022 bullet
  if (text.size() >= 2 && (text[0] == '-' || text[0] == '*' || text[0] == '+') &&
      (text[1] == ' ' || text[1] == '\t')) {
    return trim(std::string_view(text).substr(2));
  }
  if (std::string_view(text).substr(0, kDot.size()) == kDot) {
    return trim(std::string_view(text).substr(kDot.size()));
  }
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits > 0 && digits + 1 < text.size() && (text[digits] == '.' || text[digits] == ')') &&
      text[digits + 1] == ' ') {
    return trim(std::string_view(text).substr(digits + 2));
  }
  return "";
}

bool is_bullet(std::string_view line) { return !bullet_text(line).empty(); }

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

namespace {
void collect_strings(const Json& value, std::string& out) {
  if (value.is_string()) {
    out += to_lower(value.get_ref<const std::string&>());
    out += '\n';
  } else if (value.is_structured()) {
    for (const auto& child : value) collect_strings(child, out);
  }
}
}  // namespace

std::string lowered_text_of(const Json& value) {
  std::string out;
  collect_strings(value, out);
  return out;
}

std::vector<std::string> unique_ci(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (seen.insert(to_lower(item)).second) out.push_back(item);
  }
  return out;
}

std::string join_human(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string greeting(const std::string& language, bool formal) {
  if (language == "es") return formal ? "Estimado equipo de selección:" : "Hola,";
  if (language == "pt") return formal ? "Prezada equipe de recrutamento," : "Olá,";
  if (language == "zh") return formal ? "尊敬的招聘团队：" : "你好，";
  if (language == "ja") return formal ? "採用ご担当者様" : "こんにちは、";
  return formal ? "Dear Hiring Manager," : "Hi,";
}

std::string stable_dump(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rm::builtin
