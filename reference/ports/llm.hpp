#pragma once
// The language-model port. Each operation is one completion; the answer is the
// model's raw text, so that prose, truncated JSON or a schema mismatch reach the
// service exactly as a real model would send them. The service extracts and
// validates JSON itself.
#include <stdexcept>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

// Why a completion could not be obtained at all.
enum class LlmErrorKind {
  kTransport,    // connection refused, reset, unreachable
  kTimeout,      // no answer in time
  kRateLimited,  // 429
  kServerError,  // 5xx
  kBadResponse,  // the provider's envelope was unusable (not the content)
  kFailed,       // any other failure
};

class LlmError : public std::runtime_error {
 public:
  LlmError(LlmErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  LlmErrorKind kind() const { return kind_; }

 private:
  LlmErrorKind kind_;
};

// The operation names, as used in fault plans, journals and the X-Operation header.
namespace llm_op {
inline constexpr const char* kParseResume = "parse_resume";
inline constexpr const char* kExtractKeywords = "extract_keywords";
inline constexpr const char* kImprove = "improve";
inline constexpr const char* kRefine = "refine";
inline constexpr const char* kCoverLetter = "cover_letter";
inline constexpr const char* kOutreach = "outreach";
}  // namespace llm_op

struct ImproveInput {
  std::string prompt_id;  // nudge | keywords | full
  Json original_resume;   // ResumeData of the resume being tailored
  std::string job_description;
  Json job_keywords;  // as returned by extract_keywords
  std::string language = "en";
};

struct RefineInput {
  Json resume;                                // the improved ResumeData
  std::vector<std::string> missing_keywords;  // job keywords absent from it
  std::string job_description;
};

struct MessageInput {
  Json resume;  // ResumeData
  std::string job_description;
  std::string language = "en";
};

struct LlmHealth {
  bool healthy = false;
  std::string provider;
  std::string model;
  std::string error;  // empty when healthy
};

class Llm {
 public:
  virtual ~Llm() = default;
  // Markdown of a resume -> text holding a ResumeData JSON object.
  virtual std::string parse_resume(const std::string& markdown) = 0;
  // Job description -> text holding {"required_skills":[], "preferred_skills":[], "keywords":[],
  // ...}.
  virtual std::string extract_keywords(const std::string& job_description) = 0;
  // -> text holding the improved ResumeData JSON.
  virtual std::string improve(const ImproveInput& input) = 0;
  // Keyword injection pass -> text holding the refined ResumeData JSON.
  virtual std::string refine(const RefineInput& input) = 0;
  virtual std::string cover_letter(const MessageInput& input) = 0;
  virtual std::string outreach(const MessageInput& input) = 0;
  virtual LlmHealth health() = 0;
};

}  // namespace rm
