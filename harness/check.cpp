#include "harness/check.hpp"

#include <algorithm>

#include "harness/text.hpp"
#include "reference/http/url_codec.hpp"

namespace rm::harness {
namespace {

std::string header(const std::map<std::string, std::string>& headers, const std::string& name) {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string{} : it->second;
}

bool starts_with_icase(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

// Cuts `text` to at most `max` bytes without splitting a UTF-8 sequence.
std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string describe_body(const std::string& body, const std::string& content_type,
                          std::size_t max_body) {
  if (body.empty()) return {};
  if (starts_with_icase(content_type, "multipart/")) {
    return "[multipart/form-data, " + std::to_string(body.size()) + " bytes]";
  }
  // Only the part shown must be text: scanning all of a large body for every
  // description made describing quadratic in callers that describe per id.
  std::string text = shorten(body, max_body);
  if (!is_printable_text(std::string_view(text).substr(0, std::min(text.size(), max_body)))) {
    const std::string type = content_type.empty() ? "binary" : content_type;
    return "[" + std::to_string(body.size()) + " bytes " + type + "]";
  }
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

std::string target_of(const ApiRequest& request) {
  std::string target = request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    target += separator;
    target += percent_encode(name) + "=" + percent_encode(value);
    separator = '&';
  }
  return target;
}

}  // namespace

std::string describe(const ApiRequest& request, std::size_t max_body) {
  std::string text = request.method + " " + target_of(request);
  const std::string body =
      describe_body(request.body, header(request.headers, "content-type"), max_body);
  if (!body.empty()) text += " " + body;
  return text;
}

std::string describe(const Exchange& exchange, std::size_t max_body) {
  std::string text =
      describe(exchange.request, max_body) + " -> " + std::to_string(exchange.response.status);
  const std::string body = describe_body(
      exchange.response.body, header(exchange.response.headers, "content-type"), max_body);
  if (!body.empty()) text += " " + body;
  return text;
}

std::string describe_body(const ApiResponse& response, std::size_t max_body) {
  return describe_body(response.body, header(response.headers, "content-type"), max_body);
}

Check::Check(const Check& other) {
  std::lock_guard lock(other.mutex_);
  findings_ = other.findings_;
  exchanges_ = other.exchanges_;
  transcript_ = other.transcript_;
  transcript_dropped_ = other.transcript_dropped_;
  not_testable_ = other.not_testable_;
  error_ = other.error_;
  musts_ = other.musts_;
}

Check& Check::operator=(const Check& other) {
  if (this == &other) return *this;
  std::scoped_lock lock(mutex_, other.mutex_);
  findings_ = other.findings_;
  exchanges_ = other.exchanges_;
  transcript_ = other.transcript_;
  transcript_dropped_ = other.transcript_dropped_;
  not_testable_ = other.not_testable_;
  error_ = other.error_;
  musts_ = other.musts_;
  return *this;
}

void Check::saw(const Exchange& exchange) {
  std::lock_guard lock(mutex_);
  if (exchanges_.size() == kKeptExchanges) exchanges_.erase(exchanges_.begin());
  exchanges_.push_back(exchange);
  // The first ones are kept: they set up the state the later answers depend on.
  if (transcript_.size() == kTranscriptExchanges) {
    ++transcript_dropped_;
  } else {
    transcript_.push_back(TranscriptEntry{describe(exchange.request), exchange.response.status,
                                          describe_body(exchange.response)});
  }
}

bool Check::record(Finding::Level level, bool holds, const std::string& what,
                   const std::string& evidence, bool interleaving) {
  std::lock_guard lock(mutex_);
  if (level == Finding::Level::kMust) ++musts_;
  if (holds) return true;
  // Without explicit evidence, the last exchange seen is the best witness.
  std::string witness = evidence;
  if (witness.empty() && !exchanges_.empty()) witness = describe(exchanges_.back());
  findings_.push_back(Finding{level, what, std::move(witness), interleaving});
  return false;
}

bool Check::must(bool holds, const std::string& what, const std::string& evidence) {
  return record(Finding::Level::kMust, holds, what, evidence);
}

bool Check::race_must(bool holds, const std::string& what, const std::string& evidence) {
  return record(Finding::Level::kMust, holds, what, evidence, /*interleaving=*/true);
}

bool Check::should(bool holds, const std::string& what, const std::string& evidence) {
  return record(Finding::Level::kShould, holds, what, evidence);
}

void Check::violated(const std::string& what, const std::string& evidence) {
  std::lock_guard lock(mutex_);
  findings_.push_back(Finding{Finding::Level::kMust, what, evidence, /*interleaving=*/true});
}

void Check::not_testable(const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (not_testable_.empty()) not_testable_ = reason;  // the first missing hook is the cause
}

void Check::error(const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (error_.empty()) error_ = reason;
}

bool Check::failed() const {
  std::lock_guard lock(mutex_);
  return std::any_of(findings_.begin(), findings_.end(),
                     [](const Finding& f) { return f.level == Finding::Level::kMust; });
}

}  // namespace rm::harness
