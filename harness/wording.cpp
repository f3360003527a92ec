#include "harness/wording.hpp"

#include <algorithm>
#include <utility>

namespace rm::harness {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
// Bytes of non-ASCII UTF-8 sequences count as letters: "café" stays one word.
bool is_word_char(char c) {
  return is_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}
bool is_clause_break(char c) {
  return c == ';' || c == '!' || c == '?' || c == ',' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '\n';
}
bool is_conjunction(std::string_view word) {
  return word == "but" || word == "however" || word == "whereas" || word == "although" ||
         word == "though" || word == "while";
}
bool is_negator(std::string_view word) {
  return word == "not" || word == "no" || word == "never" || word == "without" ||
         word == "nothing" || word == "none" || word == "nor" || word == "neither";
}

// Typographic apostrophes as ASCII ones, and a space at each camelCase hump
// ("personalInfo" -> "personal Info", "JSONDecode" -> "JSON Decode").
std::string prepare(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+2018 / U+2019 (E2 80 98 / E2 80 99)
    if (i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80' &&
        (text[i + 2] == '\x98' || text[i + 2] == '\x99')) {
      plain += '\'';
      i += 2;
      continue;
    }
    plain += text[i];
  }
  std::string out;
  out.reserve(plain.size() + plain.size() / 8);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    if (i > 0 && is_upper(c)) {
      const char prev = plain[i - 1];
      const bool hump = is_lower(prev) || is_digit(prev);
      const bool acronym_end = is_upper(prev) && i + 1 < plain.size() && is_lower(plain[i + 1]);
      if (hump || acronym_end) out += ' ';
    }
    out += c;
  }
  return out;
}

std::string lower(std::string word) {
  for (char& c : word) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return word;
}

// One raw token (letters, digits, inner apostrophes) as normalised words.
void emit(std::string token, std::vector<std::string>& out) {
  token = lower(std::move(token));
  if (token.size() > 3 && token.ends_with("n't")) {
    std::string base = token.substr(0, token.size() - 3);
    if (base == "ca") base = "can";
    if (base == "wo") base = "will";
    if (base == "sha") base = "shall";
    out.push_back(std::move(base));
    out.emplace_back("not");
    return;
  }
  // "resume's", "they're", "it'll": the stem carries the meaning here.
  if (const auto apostrophe = token.find('\''); apostrophe != std::string::npos) {
    token.resize(apostrophe);
  }
  if (!token.empty()) out.push_back(std::move(token));
}

std::vector<std::string> split_pattern(std::string_view phrase) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= phrase.size()) {
    const std::size_t end = std::min(phrase.find(' ', start), phrase.size());
    if (end > start) out.emplace_back(phrase.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool word_matches(std::string_view pattern, std::string_view word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return word == pattern;
}

struct Span {
  std::size_t begin;
  std::size_t end;  // one past the last word
};

std::vector<Span> occurrences(const std::vector<std::string>& words, Phrases any) {
  std::vector<Span> out;
  for (std::string_view phrase : any) {
    const std::vector<std::string> pattern = split_pattern(phrase);
    if (pattern.empty() || pattern.size() > words.size()) continue;
    for (std::size_t i = 0; i + pattern.size() <= words.size(); ++i) {
      bool all = true;
      for (std::size_t j = 0; j < pattern.size() && all; ++j) {
        all = word_matches(pattern[j], words[i + j]);
      }
      if (all) out.push_back({i, i + pattern.size()});
    }
  }
  return out;
}

}  // namespace

bool Clause::has(Phrases any) const { return !occurrences(words_, any).empty(); }

bool Clause::has_affirmed(Phrases any) const {
  for (const Span& span : occurrences(words_, any)) {
    const std::size_t from = span.begin >= 2 ? span.begin - 2 : 0;
    const bool negated = std::any_of(words_.begin() + static_cast<std::ptrdiff_t>(from),
                                     words_.begin() + static_cast<std::ptrdiff_t>(span.begin),
                                     [](const std::string& w) { return is_negator(w); });
    if (!negated) return true;
  }
  return false;
}

bool Clause::before(Phrases first, Phrases then, int max_gap, Phrases blockers) const {
  const auto blocking = occurrences(words_, blockers);
  for (const Span& a : occurrences(words_, first)) {
    for (const Span& b : occurrences(words_, then)) {
      if (b.begin < a.end || b.begin - a.end > static_cast<std::size_t>(max_gap)) continue;
      const bool blocked = std::any_of(blocking.begin(), blocking.end(), [&](const Span& x) {
        return x.begin >= a.end && x.end <= b.begin;
      });
      if (!blocked) return true;
    }
  }
  return false;
}

Wording::Wording(std::string_view text) {
  const std::string prepared = prepare(text);
  std::vector<std::string> words;
  const auto close_clause = [&] {
    if (!words.empty()) clauses_.emplace_back(std::move(words));
    words.clear();
  };
  std::string token;
  const auto close_token = [&] {
    if (token.empty()) return;
    std::vector<std::string> emitted;
    emit(std::move(token), emitted);
    token.clear();
    for (std::string& word : emitted) {
      if (is_conjunction(word)) {
        close_clause();
      } else {
        words.push_back(std::move(word));
      }
    }
  };
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    const char c = prepared[i];
    const char next = i + 1 < prepared.size() ? prepared[i + 1] : ' ';
    if (is_word_char(c)) {
      token += c;
    } else if (c == '\'' && !token.empty() && is_alpha(token.back()) && is_alpha(next)) {
      token += c;  // an inner apostrophe: "can't", "resume's"
    } else {
      close_token();
      // A full stop ends a clause; one inside a word ("resume.pdf", "3.5") does not.
      if (is_clause_break(c) || (c == '.' && !is_word_char(next))) close_clause();
    }
  }
  close_token();
  close_clause();
}

bool Wording::has(Phrases any) const {
  return some_clause([&](const Clause& clause) { return clause.has(any); });
}

std::string Wording::str() const {
  std::string out;
  for (const Clause& clause : clauses_) {
    if (!out.empty()) out += " | ";
    for (std::size_t i = 0; i < clause.words().size(); ++i) {
      if (i > 0) out += ' ';
      out += clause.words()[i];
    }
  }
  return out;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  const Wording wording(text);
  for (const Clause& clause : wording.clauses()) {
    out.insert(out.end(), clause.words().begin(), clause.words().end());
  }
  return out;
}

}  // namespace rm::harness
