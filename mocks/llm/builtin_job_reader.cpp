#include "mocks/llm/builtin_job_reader.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "mocks/llm/builtin_text.hpp"

namespace rm::builtin {
namespace {

struct Term {
  const char* spelling;
  bool exact_case;  // also an ordinary English word: only this spelling counts
};

// Single-token vocabulary.
const std::vector<Term>& vocabulary() {
  static const std::vector<Term> kTerms = {
      {"Python", false},
      {"Java", false},
      {"JavaScript", false},
      {"TypeScript", false},
      {"Go", true},
      {"Golang", false},
      {"Rust", true},
      {"C++", false},
      {"C#", false},
      {"Ruby", true},
      {"PHP", false},
      {"Kotlin", false},
      {"Swift", true},
      {"Scala", false},
      {"SQL", false},
      {"PostgreSQL", false},
      {"MySQL", false},
      {"MongoDB", false},
      {"Redis", false},
      {"Kafka", false},
      {"RabbitMQ", false},
      {"Docker", false},
      {"Kubernetes", false},
      {"Terraform", false},
      {"Ansible", false},
      {"AWS", false},
      {"GCP", false},
      {"Azure", false},
      {"Linux", false},
      {"Git", false},
      {"React", true},
      {"Angular", false},
      {"Vue", false},
      {"Node.js", false},
      {"Django", false},
      {"Flask", true},
      {"FastAPI", false},
      {"Spring", true},
      {"GraphQL", false},
      {"REST", true},
      {"gRPC", false},
      {"CI/CD", false},
      {"Jenkins", false},
      {"Spark", true},
      {"Hadoop", false},
      {"Airflow", false},
      {"TensorFlow", false},
      {"PyTorch", false},
      {"Pandas", false},
      {"NumPy", false},
      {"HTML", false},
      {"CSS", false},
      {"Elasticsearch", false},
      {"Prometheus", false},
      {"Grafana", false},
      {"Bash", true},
      {"Excel", true},
      {"Tableau", false},
      {"Figma", false},
      {"DevOps", false},
      {"Snowflake", true},
      {"microservices", false},
      {"agile", false},
      {"Scrum", false},
      {"Kanban", false},
      {"Jira", false},
      {"SaaS", false},
      {"API", false},
      {"APIs", false},
  };
  return kTerms;
}

// Multi-word vocabulary, matched as lower-case phrases on word boundaries.
const std::vector<std::string>& phrases() {
  static const std::vector<std::string> kPhrases = {
      "machine learning", "distributed systems", "data pipelines",
      "system design",    "unit testing",        "cloud infrastructure",
      "data analysis",    "project management",  "continuous integration",
  };
  return kPhrases;
}

// Capitalised words that are not technologies.
bool is_stop_acronym(const std::string& token) {
  static const std::set<std::string> kStop = {
      "I",  "A",   "US",  "USA",  "EU",  "UK", "OR",  "AND", "THE", "CEO", "CTO",
      "HR", "PTO", "FAQ", "ASAP", "TBD", "OK", "EOE", "NYC", "SF",  "LA",  "AM",
      "PM", "IT",  "TO",  "IN",   "OF",  "ON", "AT",  "BY",  "WE",  "YOU", "FOR",
  };
  return kStop.count(token) > 0;
}

bool token_char(unsigned char c) {
  return std::isalnum(c) || c == '+' || c == '#' || c == '.' || c == '/' || c == '-' || c == '_' ||
         c >= 0x80;
}

struct Found {
  std::size_t position;
  std::string term;
};

std::optional<std::string> vocabulary_match(const std::string& token) {
  const std::string lowered = to_lower(token);
  for (const auto& term : vocabulary()) {
    if (term.exact_case ? token == term.spelling : lowered == to_lower(term.spelling))
      return std::string(term.spelling);
  }
  return std::nullopt;
}

bool looks_technical(const std::string& token) {
  if (token.size() < 2 || is_stop_acronym(token)) return false;
  if (!std::isupper(static_cast<unsigned char>(token[0]))) return false;
  bool inner_upper = false;
  bool marker = false;
  bool has_lower = false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c >= 0x80) return false;
    if (i > 0 && std::isupper(c)) inner_upper = true;
    if (std::islower(c)) has_lower = true;
    if (std::isdigit(c) || c == '+' || c == '#' || (c == '.' && i > 0)) marker = true;
  }
  // All-capital acronyms (AWS, SQL) and camel case (PostgreSQL) both have inner capitals.
  if (!has_lower && token.size() > 5) return false;  // shouted words, not acronyms
  return inner_upper || marker;
}

std::vector<Found> terms_with_positions(std::string_view text) {
  std::vector<Found> found;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!token_char(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && token_char(static_cast<unsigned char>(text[i]))) ++i;
    std::string token(text.substr(start, i - start));
    // Sentence punctuation and hyphens around a word are not part of it.
    while (!token.empty() && (token.back() == '.' || token.back() == '-' || token.back() == '/'))
      token.pop_back();
    std::size_t lead = 0;
    while (lead < token.size() && (token[lead] == '-' || token[lead] == '/' || token[lead] == '.'))
      ++lead;
    token = token.substr(lead);
    if (token.empty()) continue;
    if (auto term = vocabulary_match(token)) {
      found.push_back({start + lead, *term});
    } else if (token.find('/') != std::string::npos) {
      // "Python/Go": each half on its own.
      std::size_t offset = 0;
      for (const auto& part : split_any(token, "/")) {
        if (auto term = vocabulary_match(part))
          found.push_back({start + lead + offset, *term});
        else if (looks_technical(part))
          found.push_back({start + lead + offset, part});
        offset += part.size() + 1;
      }
    } else if (looks_technical(token)) {
      found.push_back({start + lead, token});
    }
  }
  const std::string lowered = to_lower(text);
  for (const auto& phrase : phrases()) {
    for (auto pos = lowered.find(phrase); pos != std::string::npos;
         pos = lowered.find(phrase, pos + 1)) {
      const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(lowered[pos - 1]));
      const std::size_t end = pos + phrase.size();
      const bool right =
          end >= lowered.size() || !std::isalnum(static_cast<unsigned char>(lowered[end]));
      if (left && right) found.push_back({pos, phrase});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.position < b.position; });
  return found;
}

enum class Bucket { kNone, kRequired, kPreferred };

std::optional<Bucket> bucket_of_label(std::string label) {
  label = to_lower(trim(label));
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  static const std::vector<std::string> kRequired = {
      "requirements",   "required",   "required skills", "must have",
      "must-have",      "skills",     "qualifications",  "required qualifications",
      "what you bring", "tech stack", "technologies",    "minimum qualifications"};
  static const std::vector<std::string> kPreferred = {
      "preferred",    "preferred skills",         "nice to have", "nice-to-have", "bonus",
      "bonus points", "preferred qualifications", "pluses",       "a plus"};
  if (std::find(kRequired.begin(), kRequired.end(), label) != kRequired.end())
    return Bucket::kRequired;
  if (std::find(kPreferred.begin(), kPreferred.end(), label) != kPreferred.end())
    return Bucket::kPreferred;
  return std::nullopt;
}

// Items of a list line: short pieces as written, long ones mined for tech terms.
std::vector<std::string> list_items(const std::string& text) {
  std::string unified = replace_all(replace_all(text, " and ", ","), " or ", ",");
  std::vector<std::string> items;
  for (auto piece : split_any(unified, ",;")) {
    while (!piece.empty() && (piece.back() == '.' || piece.back() == ':')) piece.pop_back();
    const auto words = split_any(piece, " \t");
    if (!piece.empty() && words.size() <= 3 && piece.size() <= 40) {
      items.push_back(vocabulary_match(piece).value_or(piece));
    } else {
      for (const auto& found : terms_with_positions(piece)) items.push_back(found.term);
    }
  }
  return items;
}

std::vector<std::string> terms_only(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& found : terms_with_positions(text)) out.push_back(found.term);
  return out;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& items) {
  to.insert(to.end(), items.begin(), items.end());
}

}  // namespace

std::vector<std::string> tech_terms(std::string_view text) { return unique_ci(terms_only(text)); }

Json read_job_keywords(std::string_view job_description) {
  std::vector<std::string> required, preferred, others;
  Bucket mode = Bucket::kNone;
  for (const auto& raw : split_lines(job_description)) {
    const std::string line = trim(raw);
    if (line.empty()) continue;
    const bool bullet = is_bullet(line);
    const std::string text = bullet ? bullet_text(line) : strip_markup(line);
    if (text.empty()) continue;
    const auto colon = text.find(':');
    if (!bullet && colon != std::string::npos) {
      if (auto bucket = bucket_of_label(text.substr(0, colon))) {
        const std::string rest = trim(std::string_view(text).substr(colon + 1));
        if (rest.empty()) {
          mode = *bucket;
        } else {
          append(*bucket == Bucket::kRequired ? required : preferred, list_items(rest));
          mode = Bucket::kNone;
        }
        continue;
      }
    }
    if (!bullet) {
      if (auto bucket = bucket_of_label(text)) {
        mode = *bucket;
        continue;
      }
      // Any other heading ends a requirements block.
      if (line[0] == '#' || (text.size() <= 40 && text.back() == ':')) {
        mode = Bucket::kNone;
        continue;
      }
    }
    switch (mode) {
      case Bucket::kRequired:
        append(required,
               bullet && text.find(',') != std::string::npos ? list_items(text) : terms_only(text));
        break;
      case Bucket::kPreferred:
        append(preferred,
               bullet && text.find(',') != std::string::npos ? list_items(text) : terms_only(text));
        break;
      case Bucket::kNone:
        append(others, terms_only(text));
        break;
    }
  }
  required = unique_ci(required);
  std::set<std::string> seen;
  for (const auto& r : required) seen.insert(to_lower(r));
  std::vector<std::string> preferred_unique;
  for (const auto& p : unique_ci(preferred)) {
    if (seen.insert(to_lower(p)).second) preferred_unique.push_back(p);
  }
  std::vector<std::string> keywords;
  for (const auto& k : unique_ci(others)) {
    if (seen.insert(to_lower(k)).second) keywords.push_back(k);
  }
  return {
      {"required_skills", required},
      {"preferred_skills", preferred_unique},
      {"keywords", keywords},
      {"experience_requirements", Json::array()},
      {"education_requirements", Json::array()},
      {"key_responsibilities", Json::array()},
  };
}

std::string job_role(std::string_view job_description) {
  for (const auto& raw : split_lines(job_description)) {
    std::string line = strip_markup(raw);
    if (line.empty()) continue;
    if (auto colon = line.find(':'); colon != std::string::npos) {
      const std::string label = to_lower(trim(std::string_view(line).substr(0, colon)));
      if (label == "job title" || label == "title" || label == "role" || label == "position")
        line = trim(std::string_view(line).substr(colon + 1));
    }
    if (auto stop = line.find(". "); stop != std::string::npos) line = line.substr(0, stop);
    while (!line.empty() && line.back() == '.') line.pop_back();
    line = trim(utf8_prefix(line, 80));
    if (!line.empty()) return line;
  }
  return "the role";
}

}  // namespace rm::builtin
