#pragma once
// One named matcher per free-text MUST of the issue suites: each says whether a
// message, warning or detail states that subject, in any wording (contract:
// "checks on free text look for the subject, not our wording"). All are
// case-insensitive and work on harness/wording.hpp's words and clauses, so
// punctuation, snake_case / camelCase and contractions do not matter; a subject
// and what is said of it must share a clause, and a negated statement ("was not
// saved", "did not fail") counts as its opposite.
//
// The tables in scenarios/harness/subject_matchers_test.cpp hold what each must
// accept (the audit's proposed texts, the reference's, other plausible ones) and
// reject (the audited texts, near misses about another subject).
#include <string>
#include <string_view>
#include <vector>

namespace rm::harness::subject {

// --- API-001: the upload message ---------------------------------------------------
// Says the parse (or processing) failed: a failure word, or a negated
// parse/process/success ("could not be parsed", "not successfully processed").
bool says_parse_failed(std::string_view message);
// Claims success: a success word ("successfully", "processed", "parsed", "ready",
// "complete") and no statement that the parse failed ("uploaded successfully but
// parsing failed" does not claim success).
bool claims_success(std::string_view message);

// --- API-004: preview warnings -------------------------------------------------------
// A clause names the job keywords with a store word (cache, save, persist, store,
// write, update) and says it was not saved (a failure word or a negated store verb).
bool says_keyword_cache_not_saved(std::string_view warning);
// The same for the preview hash ("hash" and a store word; "hash mismatch" and
// "hash validation failed" are other subjects).
bool says_preview_hash_not_saved(std::string_view warning);
// A clause names confirming and says it will be refused / rejected / fail /
// cannot happen.
bool says_confirm_will_be_refused(std::string_view warning);

// --- API-006 ------------------------------------------------------------------------
// A clause names the personal info / contact details and says it is missing,
// invalid, unavailable, not preserved, or may be AI-generated / invented.
bool says_personal_info_missing_or_ai_generated(std::string_view warning);

// --- API-007 ------------------------------------------------------------------------
// A clause names the diff (or the changes with calculate / compute / summary /
// ...) and says it could not be done (failure word, unavailable, skipped, or a
// negated calculate / compute / show).
bool says_changes_not_calculated(std::string_view warning);
// The reason original_data_missing: the code in any spelling ("original data
// missing"), or a clause that names the original / structured data and says it is
// missing, unavailable, absent or was not parsed.
bool gives_reason_original_data_missing(std::string_view warning);
// The reason calculation_error: the code in any spelling ("calculation error"),
// or a clause naming the calculation with error / exception / threw / raised.
// "Failed" alone is not a reason: it is the subject's own wording.
bool gives_reason_calculation_error(std::string_view warning);

// --- API-008 ------------------------------------------------------------------------
// A clause names refinement (or a refinement pass such as keyword injection) and
// says it failed / was not successful / was not applied.
bool says_refinement_failed(std::string_view warning);

// --- API-009 ------------------------------------------------------------------------
bool names_cover_letter(std::string_view warning);
bool names_outreach(std::string_view warning);
// A clause names the message and says it failed / was not generated / is unavailable:
// "Cover letter failed, outreach message returned" says nothing failed of the outreach.
bool says_cover_letter_failed(std::string_view warning);
bool says_outreach_failed(std::string_view warning);

// --- API-010: confirm details ------------------------------------------------------
// A clause says there is no preview ("no preview", "preview not found / missing /
// required", "not previewed"), and the detail names the prompt (the word "prompt"
// or `prompt_id` itself).
bool says_preview_missing(std::string_view detail, std::string_view prompt_id);
// Says the data is stale / outdated / mismatched / changed / not the latest.
bool says_stale_or_mismatched(std::string_view detail);
// Says the stored hashes have an invalid / unsupported / legacy format (layout,
// structure, shape).
bool says_invalid_format(std::string_view detail);

// --- API-011 ------------------------------------------------------------------------
// A clause says the resume (record, document) no longer exists / was deleted /
// not found / gone, with no other subject (job, cover letter, ...) in between.
bool says_resume_gone(std::string_view detail);

// --- API-012 ------------------------------------------------------------------------
// Says the resume is not a tailored resume: "not (a) tailored", "untailored", "is
// a master", "for a master resume", "only ... for tailored resumes".
bool says_not_tailored(std::string_view detail);
// Says the improvement record / job context is missing (not found, deleted, ...),
// and is not the master's subject: it does not call the resume untailored, and
// it does not explain the missing context by the resume's age alone ("created
// before job tracking was implemented": the audited generic message, which fits a
// master as well) unless it also says the record may have been deleted.
bool says_job_context_missing(std::string_view detail);

// --- API-013 ------------------------------------------------------------------------
// The detail names `field` in any spelling: "workExperience", "work_experience",
// "work experience", "workexperience".
bool names_field(std::string_view detail, std::string_view field);

// --- several texts ---------------------------------------------------------------------
// Whether some text of `texts` (e.g. data.warnings) satisfies `matcher`.
template <class Matcher>
bool any_says(const std::vector<std::string>& texts, Matcher&& matcher) {
  for (const std::string& text : texts) {
    if (matcher(text)) return true;
  }
  return false;
}

}  // namespace rm::harness::subject
