#include "mocks/llm_server/prompt_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "mocks/llm/builtin_job_reader.hpp"
#include "mocks/llm/builtin_text.hpp"

namespace rm {
namespace {

using builtin::strip_markup;
using builtin::to_lower;
using builtin::trim;

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

bool contains_word(std::string_view lowered, std::string_view word) {
  for (auto pos = lowered.find(word); pos != std::string_view::npos;
       pos = lowered.find(word, pos + 1)) {
    const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(lowered[pos - 1]));
    const std::size_t after = pos + word.size();
    const bool right =
        after >= lowered.size() || !std::isalnum(static_cast<unsigned char>(lowered[after]));
    if (left && right) return true;
  }
  return false;
}

// A short line ending in ':' that is not a bullet, a heading or JSON.
bool is_label(std::string_view trimmed) {
  if (trimmed.size() < 2 || trimmed.size() > 120 || trimmed.back() != ':') return false;
  if (builtin::is_bullet(trimmed)) return false;
  return std::string_view("{[\"'|>#").find(trimmed.front()) == std::string_view::npos;
}

std::string label_name(std::string_view trimmed) {
  std::string name = to_lower(trimmed);
  while (!name.empty() && (name.back() == ':' || name.back() == ' ')) name.pop_back();
  return name;
}

bool names_resume(std::string_view lowered_label) {
  return contains_word(lowered_label, "resume") || contains_word(lowered_label, "cv") ||
         contains(lowered_label, "curriculum");
}

bool names_job(std::string_view lowered_label) {
  return contains(lowered_label, "job description") || contains(lowered_label, "job posting") ||
         contains(lowered_label, "job ad") || lowered_label == "job" ||
         contains(lowered_label, "vacancy");
}

// An output format shown to the model, never one of its inputs.
bool names_example(std::string_view lowered_label) {
  for (std::string_view word : {"example", "format", "schema", "template"}) {
    if (contains(lowered_label, word)) return true;
  }
  return false;
}

bool names_master(std::string_view lowered_label) {
  return contains(lowered_label, "master") || contains(lowered_label, "source of truth");
}

bool is_resume_object(const Json& value) {
  return value.is_object() &&
         ((value.contains("personalInfo") && value["personalInfo"].is_object()) ||
          value.contains("workExperience"));
}

// The end (one past the closing bracket) of the JSON value opening at `start`,
// strings and escapes respected; nullopt when it never closes.
std::optional<std::size_t> balanced_end(std::string_view text, std::size_t start) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t k = start; k < text.size(); ++k) {
    const char c = text[k];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return k + 1;
    }
  }
  return std::nullopt;
}

// Paragraphs a prompt closes a block with that tell the model what to do.
bool is_instruction(std::string_view first_line) {
  const std::string lowered = to_lower(trim(first_line));
  for (std::string_view start : {"output ", "return ", "respond ", "important:"}) {
    if (lowered.rfind(start, 0) == 0) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

// "Fabrikam Payments (Remote)", "Fabrikam Payments, Seattle" -> "Fabrikam Payments".
std::string company_name(std::string text) {
  for (std::string_view stop : {" (", ", ", " - ", " | ", ". "}) {
    if (auto pos = text.find(stop); pos != std::string::npos) text.resize(pos);
  }
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return trim(text);
}

// "Fabrikam Payments is moving ..." -> "Fabrikam Payments": a paragraph opening
// with one to four capitalised words and a verb of being or having.
std::optional<std::string> company_opening(std::string_view paragraph) {
  const auto words = builtin::split_any(paragraph, " \t\n");
  std::string name;
  for (std::size_t i = 0; i < words.size() && i < 5; ++i) {
    const std::string& word = words[i];
    if (i > 0 && (word == "is" || word == "are" || word == "has" || word == "builds")) {
      return name.empty() ? std::nullopt : std::optional<std::string>(name);
    }
    if (i == 4 || !std::isupper(static_cast<unsigned char>(word.front()))) return std::nullopt;
    name += (name.empty() ? "" : " ") + word;
  }
  return std::nullopt;
}

// Language names as prompts write them -> the codes of the `language` setting.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kLanguages{{
    {"english", "en"},
    {"spanish", "es"},
    {"español", "es"},
    {"portuguese", "pt"},
    {"chinese", "zh"},
    {"japanese", "ja"},
    {"german", "de"},
    {"french", "fr"},
    {"italian", "it"},
    {"dutch", "nl"},
    {"korean", "ko"},
    {"russian", "ru"},
    {"arabic", "ar"},
    {"hindi", "hi"},
    {"polish", "pl"},
    {"turkish", "tr"},
}};

}  // namespace

PromptReader::PromptReader(std::string text) : text_(std::move(text)) {
  lines_ = builtin::split_lines(text_);
  std::vector<std::size_t> begins{0};  // each line's offset in text_
  for (auto at = text_.find('\n'); at != std::string::npos; at = text_.find('\n', at + 1)) {
    begins.push_back(at + 1);
  }
  auto line_of = [&](std::size_t at) {
    return static_cast<std::size_t>(std::upper_bound(begins.begin(), begins.end(), at) -
                                    begins.begin()) -
           1;
  };

  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const std::string& line = lines_[i];
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    std::optional<std::size_t> start;
    std::string label;
    std::size_t label_line = i;
    if (line[first] == '{' || line[first] == '[') {
      start = begins[i] + first;
      // The label is the closest non-empty line above, when it is one.
      for (std::size_t j = i; j-- > 0;) {
        const std::string above = trim(lines_[j]);
        if (above.empty()) continue;
        if (is_label(above)) {
          label = label_name(above);
          label_line = j;
        }
        break;
      }
    } else if (const auto colon = line.find(':'); colon != std::string::npos) {
      const auto brace = line.find_first_not_of(" \t", colon + 1);
      if (brace != std::string::npos && (line[brace] == '{' || line[brace] == '[') &&
          !contains(line.substr(0, colon), "\"")) {
        start = begins[i] + brace;
        label = label_name(trim(std::string_view(line).substr(0, colon)));
      }
    }
    if (!start) continue;
    const auto end = balanced_end(text_, *start);
    if (!end) continue;
    Json value = Json::parse(text_.substr(*start, *end - *start), nullptr, false);
    if (value.is_discarded() || !value.is_structured()) continue;
    json_blocks_.push_back(JsonBlock{std::move(label), std::move(value), label_line});
    i = line_of(*end - 1);  // nested {...} inside the block are not blocks of their own
  }
}

std::string PromptReader::head() const {
  const auto start = text_.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  const auto end = text_.find("\n\n", start);
  const std::size_t length = end == std::string::npos ? std::string::npos : end - start;
  return builtin::utf8_prefix(trim(std::string_view(text_).substr(start, length)), 1000);
}

bool PromptReader::is_json_label(std::size_t line) const {
  return std::any_of(json_blocks_.begin(), json_blocks_.end(),
                     [&](const JsonBlock& block) { return block.label_line == line; });
}

std::string PromptReader::text_block(std::size_t first, bool stop_at_job,
                                     bool stop_at_resume) const {
  std::size_t last = first;
  for (; last < lines_.size(); ++last) {
    if (is_json_label(last)) break;
    const std::string line = trim(lines_[last]);
    if (!is_label(line)) continue;
    const std::string name = label_name(line);
    if ((stop_at_job && names_job(name)) || (stop_at_resume && names_resume(name))) break;
  }
  // Paragraphs [begin, end) of the block; trailing instructions are dropped.
  std::vector<std::pair<std::size_t, std::size_t>> paragraphs;
  for (std::size_t i = first; i < last; ++i) {
    if (trim(lines_[i]).empty()) continue;
    std::size_t end = i;
    while (end < last && !trim(lines_[end]).empty()) ++end;
    paragraphs.emplace_back(i, end);
    i = end;
  }
  while (paragraphs.size() > 1 && is_instruction(lines_[paragraphs.back().first])) {
    paragraphs.pop_back();
  }
  if (paragraphs.empty()) return "";
  return trim(joined(lines_, paragraphs.front().first, paragraphs.back().second));
}

std::optional<std::string> PromptReader::resume_markdown() const {
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const std::string line = trim(lines_[i]);
    if (!is_label(line) || is_json_label(i)) continue;
    const std::string name = label_name(line);
    if (!names_resume(name) || names_master(name) || names_example(name)) continue;
    std::string block = text_block(i + 1, /*stop_at_job=*/true, /*stop_at_resume=*/false);
    if (!block.empty()) return block;
  }
  return std::nullopt;
}

std::optional<Json> PromptReader::output_example() const {
  std::optional<Json> found;
  for (const JsonBlock& block : json_blocks_) {
    if (block.value.is_object() && names_example(block.label)) found = block.value;
  }
  return found;
}

std::optional<Json> PromptReader::resume_json() const {
  std::optional<Json> master;
  for (const JsonBlock& block : json_blocks_) {
    if (!is_resume_object(block.value) || names_example(block.label)) continue;
    if (!names_master(block.label)) return block.value;
    if (!master) master = block.value;
  }
  return master;  // a prompt with only a master works on that one
}

std::optional<Json> PromptReader::master_resume_json() const {
  for (const JsonBlock& block : json_blocks_) {
    if (is_resume_object(block.value) && names_master(block.label)) return block.value;
  }
  return std::nullopt;
}

std::optional<std::string> PromptReader::job_text() const {
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const std::string line = trim(lines_[i]);
    if (!is_label(line) || is_json_label(i) || !names_job(label_name(line))) continue;
    std::string block = text_block(i + 1, /*stop_at_job=*/false, /*stop_at_resume=*/true);
    if (!block.empty()) return block;
  }
  return std::nullopt;
}

std::optional<JobTitle> PromptReader::job_title() const {
  const auto job = job_text();
  if (!job) return std::nullopt;
  JobTitle out;
  std::string first_line;
  for (const std::string& raw : builtin::split_lines(*job)) {
    const std::string line = strip_markup(raw);
    if (line.empty()) continue;
    if (first_line.empty()) first_line = line;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string label = to_lower(trim(std::string_view(line).substr(0, colon)));
    const std::string value = trim(std::string_view(line).substr(colon + 1));
    if (value.empty()) continue;
    if (out.title.empty() &&
        (label == "job title" || label == "title" || label == "position" || label == "role")) {
      out.title = value;
    } else if (out.company.empty() && (label == "company" || label == "employer" ||
                                       label == "organization" || label == "organisation")) {
      out.company = company_name(value);
    }
  }
  if (out.title.empty()) {
    std::string line = first_line;
    while (!line.empty() && line.back() == '.') line.pop_back();
    for (std::string_view separator :
         {" at ", " @ ", " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
      const auto pos = line.find(separator);
      if (pos == std::string::npos || pos == 0) continue;
      out.title = trim(std::string_view(line).substr(0, pos));
      if (out.company.empty()) out.company = company_name(line.substr(pos + separator.size()));
      break;
    }
    if (out.title.empty() || out.title.size() > 100) out.title = builtin::job_role(*job);
  }
  if (out.company.empty()) {
    std::size_t begin = 0;
    for (int paragraph = 0; paragraph < 3 && begin < job->size(); ++paragraph) {
      std::size_t end = job->find("\n\n", begin);
      if (end == std::string::npos) end = job->size();
      if (auto name = company_opening(std::string_view(*job).substr(begin, end - begin))) {
        out.company = *name;
        break;
      }
      begin = end + 2;
    }
  }
  return out;
}

std::optional<Json> PromptReader::job_keywords() const {
  for (const JsonBlock& block : json_blocks_) {
    if (!block.value.is_object() || names_example(block.label)) continue;
    for (const char* key : {"required_skills", "preferred_skills", "keywords"}) {
      if (block.value.contains(key) && block.value[key].is_array()) return block.value;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> PromptReader::keyword_list() const {
  for (const JsonBlock& block : json_blocks_) {
    if (!block.value.is_array() || !contains(block.label, "keyword") ||
        names_example(block.label)) {
      continue;
    }
    std::vector<std::string> keywords;
    for (const Json& item : block.value) {
      if (item.is_string()) keywords.push_back(item.get<std::string>());
    }
    return keywords;
  }
  return std::nullopt;
}

std::optional<std::string> PromptReader::language() const {
  // The first instruction line naming a language: "IMPORTANT: Write in English.",
  // "Generate ALL text content (...) in Spanish."
  for (const std::string& raw : lines_) {
    if (raw.size() > 400) continue;
    const std::string line = to_lower(raw);
    const bool instruction = contains(line, "write") || contains(line, "generate") ||
                             contains(line, "respond") || contains(line, "language") ||
                             contains(line, "important");
    if (!instruction) continue;
    for (const auto& [name, code] : kLanguages) {
      if (contains_word(line, "in " + std::string(name))) return std::string(code);
    }
  }
  return std::nullopt;
}

std::optional<std::string> PromptReader::field(std::string_view label) const {
  const std::string wanted = to_lower(label);
  for (const std::string& raw : lines_) {
    const std::string line = strip_markup(raw);
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (to_lower(trim(std::string_view(line).substr(0, colon))) != wanted) continue;
    std::string value = trim(std::string_view(line).substr(colon + 1));
    if (!value.empty()) return value;
  }
  return std::nullopt;
}

std::optional<std::size_t> PromptReader::label_line_with(std::string_view word) const {
  const std::string wanted = to_lower(word);
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const std::string line = trim(lines_[i]);
    if (is_label(line) && contains(label_name(line), wanted)) return i;
  }
  return std::nullopt;
}

std::vector<std::string> PromptReader::bullets_after(std::string_view word) const {
  std::vector<std::string> bullets;
  const auto label = label_line_with(word);
  if (!label) return bullets;
  for (std::size_t i = *label + 1; i < lines_.size(); ++i) {
    const std::string line = trim(lines_[i]);
    if (line.empty()) {
      if (bullets.empty()) continue;
      break;
    }
    std::string bullet = builtin::bullet_text(line);
    if (bullet.empty()) break;
    bullets.push_back(std::move(bullet));
  }
  return bullets;
}

std::optional<std::string> PromptReader::paragraph_after(std::string_view word) const {
  const auto label = label_line_with(word);
  if (!label) return std::nullopt;
  std::size_t first = *label + 1;
  while (first < lines_.size() && trim(lines_[first]).empty()) ++first;
  std::size_t end = first;
  while (end < lines_.size() && !trim(lines_[end]).empty()) ++end;
  if (first >= end) return std::nullopt;
  return trim(joined(lines_, first, end));
}

std::vector<std::string> PromptReader::answers() const {
  std::vector<std::string> out;
  for (const std::string& raw : lines_) {
    const std::string line = trim(raw);
    if (line.size() > 2 && (line[0] == 'A' || line[0] == 'a') && line[1] == ':') {
      std::string value = trim(std::string_view(line).substr(2));
      if (!value.empty()) out.push_back(std::move(value));
    }
  }
  return out;
}

}  // namespace rm
