#pragma once
// Multi-pass refinement after improve: keyword injection (an LLM pass), AI-phrase
// removal, and master alignment (no skill or certification the master never had).
// Any failing pass throws RefinementError; the caller keeps the unrefined result
// and reports it (API-008).
#include <stdexcept>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"
#include "reference/ports/llm.hpp"

namespace rm {

class RefinementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RefinementResult {
  Json resume_data;  // refined full model dump
  // {passes_completed, keywords_injected, ai_phrases_removed:[], alignment_violations_fixed,
  //  initial_match_percentage, final_match_percentage}
  Json stats;
};

// `improved` and `master` are full ResumeData model dumps.
RefinementResult refine_resume(Llm& llm, const Json& improved, const Json& master,
                               const std::vector<std::string>& keywords,
                               const std::string& job_description);

}  // namespace rm
