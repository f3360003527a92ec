#pragma once
// The reference server's default model: deterministic, offline, and answering
// from its input alone (the same input gives byte-identical output). JSON answers
// are serialised with sorted keys.
//
//  parse_resume      ResumeData read from the markdown; the accepted layout is
//                    documented in mocks/llm/builtin_resume_parser.hpp.
//  extract_keywords  {"required_skills", "preferred_skills", "keywords", and empty
//                    "experience_requirements", "education_requirements",
//                    "key_responsibilities"}; see mocks/llm/builtin_job_reader.hpp.
//  improve           the original resume with the job's keywords woven into the
//                    summary and the missing ones appended to technicalSkills
//                    (prompt "keywords", the default for unknown prompts, and
//                    "full"). "full" also adds one bullet to the first job and
//                    INVENTS contact details (personalInfo.website =
//                    kInventedWebsite, a different phone) so that personal-info
//                    preservation has something to catch. "nudge" only rewords
//                    the summary.
//  refine            the resume with the missing keywords added to the summary.
//  cover_letter,     short plain text naming the person, the role (the job
//  outreach          description's first line) and up to three job keywords;
//                    the greeting is in the requested language (es, zh, ja, pt).
#include "reference/ports/llm.hpp"

namespace rm {

class BuiltinLlm : public Llm {
 public:
  static constexpr const char* kProvider = "builtin";
  static constexpr const char* kModel = "builtin-deterministic";
  static constexpr const char* kInventedWebsite = "https://portfolio.example.invalid";

  std::string parse_resume(const std::string& markdown) override;
  std::string extract_keywords(const std::string& job_description) override;
  std::string improve(const ImproveInput& input) override;
  std::string refine(const RefineInput& input) override;
  std::string cover_letter(const MessageInput& input) override;
  std::string outreach(const MessageInput& input) override;
  LlmHealth health() override;
};

}  // namespace rm
