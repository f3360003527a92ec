#pragma once
// Reads what a prompt written for a real model is about, so that mock-llm's
// built-in answers are built from the prompt's own inputs rather than from its
// instructions: the resume (markdown, or a ResumeData JSON object), the job
// description with its title and company, the keyword list or job-keywords
// object it passes, and the language it asks for.
//
// Prompts lay their inputs out as labelled blocks ("Job Description:\n...",
// "Candidate Resume (JSON):\n{...}"), so the reader works on labels, loosely:
//  - a label is a short line ending in ':'; a JSON block is a {...} or [...]
//    opening a line (or following "label:" on it), its label the line before;
//  - JSON blocks labelled as an example, format, schema or template are the
//    prompt's output format, never an input; a resume labelled "master" or
//    "source of truth" is a reference, not the resume being worked on;
//  - a text block (a job, a markdown resume) runs from its label to the next
//    JSON block's label, the next label naming the other kind of block, or the
//    end; a trailing "Output ... JSON" instruction paragraph is not part of it.
// Everything not found is nullopt (or empty): the caller decides the fallback.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

struct JobTitle {
  std::string title;
  std::string company;  // empty when the job text does not say
};

class PromptReader {
 public:
  explicit PromptReader(std::string text);

  // The prompt's instruction: its first paragraph (at most 1000 bytes).
  std::string head() const;

  // The resume given as markdown (e.g. "Resume to parse:", "Original Resume:").
  std::optional<std::string> resume_markdown() const;
  // The resume being worked on, given as a JSON object with personalInfo or
  // workExperience (not an example, not the master).
  std::optional<Json> resume_json() const;
  // The resume labelled master / source of truth.
  std::optional<Json> master_resume_json() const;

  // The job description's text.
  std::optional<std::string> job_text() const;
  // Its title and company: "Job Title:" / "Company:" lines, else the first line
  // split on " at ", " @ ", " | ", " - " ("Staff Backend Engineer at Fabrikam").
  std::optional<JobTitle> job_title() const;
  // A job-keywords object the prompt passes in (required_skills, keywords, ...).
  std::optional<Json> job_keywords() const;
  // A JSON list of strings under a label naming keywords (the refine prompt).
  std::optional<std::vector<std::string>> keyword_list() const;

  // The output format the prompt shows the model: the last JSON object labelled as
  // an example / format / schema / template ("Output this exact JSON format:").
  std::optional<Json> output_example() const;

  // The language the answer is asked in ("Write in English." -> "en"), as the
  // codes of the reference's `language` setting.
  std::optional<std::string> language() const;

  // "Label: value" lines: the value of the first whose label is `label`
  // (case-insensitive).
  std::optional<std::string> field(std::string_view label) const;
  // The bullet items under the first label line containing `word` (case-insensitive).
  std::vector<std::string> bullets_after(std::string_view word) const;
  // The lines of the paragraph after the first label line containing `word`.
  std::optional<std::string> paragraph_after(std::string_view word) const;
  // The values of "A: ..." lines (a candidate's answers to questions).
  std::vector<std::string> answers() const;

 private:
  struct JsonBlock {
    std::string label;       // lower-cased, without the trailing ':'
    Json value;              // an object or an array
    std::size_t label_line;  // the label's line (the block's first line when unlabelled)
  };

  std::optional<std::size_t> label_line_with(std::string_view word) const;
  // Text from line `first` up to the block's end (see the header comment).
  std::string text_block(std::size_t first, bool stop_at_job, bool stop_at_resume) const;
  bool is_json_label(std::size_t line) const;

  std::string text_;
  std::vector<std::string> lines_;  // '\r' dropped
  std::vector<JsonBlock> json_blocks_;
};

}  // namespace rm
