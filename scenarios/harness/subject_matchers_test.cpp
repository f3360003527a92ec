// harness/subject_matchers: one table per matcher. Rows that must be accepted:
// the audit's proposed texts (../shared/spec/documented-issues.md), the
// reference's own texts (reference/service), and other implementations'
// plausible phrasings. Rows that must be rejected: the audited (defective) texts
// and near misses (another subject, a negation, a success).
#include "harness/subject_matchers.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string_view>
#include <vector>

namespace rm::harness::subject {
namespace {

enum class Source { kAuditFix, kAuditDefect, kReference, kOther, kNearMiss };

const char* name(Source source) {
  switch (source) {
    case Source::kAuditFix:
      return "audit's proposed text";
    case Source::kAuditDefect:
      return "audited (defective) text";
    case Source::kReference:
      return "reference's text";
    case Source::kOther:
      return "another phrasing";
    case Source::kNearMiss:
      return "near miss";
  }
  return "?";
}

struct Row {
  bool says;
  Source source;
  std::string_view text;
};

using Matcher = std::function<bool(std::string_view)>;

void check_table(const Matcher& matcher, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(matcher(row.text), row.says) << (row.says ? "must accept" : "must reject") << " ("
                                           << name(row.source) << "): " << row.text;
  }
}

constexpr bool kSays = true;
constexpr bool kNot = false;
using enum Source;

// --- API-001 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api001ClaimsSuccess) {
  check_table(claims_success,
              {
                  {kSays, kAuditDefect,
                   "File resume.pdf successfully processed as MD and stored in the DB"},
                  {kSays, kAuditFix, "File resume.pdf uploaded successfully"},
                  {kSays, kReference, "File resume.pdf uploaded and parsed successfully"},
                  {kSays, kOther, "Resume processed and ready"},
                  {kSays, kOther, "Upload complete."},
                  {kSays, kOther, "SUCCESS"},
                  {kNot, kAuditFix, "File resume.pdf uploaded but parsing failed"},
                  {kNot, kReference,
                   "File resume.pdf was stored but could not be parsed into a structured resume "
                   "(processing status: failed)"},
                  {kNot, kOther, "File uploaded successfully, but parsing failed"},
                  {kNot, kOther, "Resume stored; it couldn't be analyzed by the LLM"},
                  {kNot, kOther, "Upload was not successful"},
                  {kNot, kOther, "Parsing unsuccessful: the model returned invalid JSON"},
                  {kNot, kOther, "The resume wasn't processed"},
                  {kNot, kNearMiss, "File resume.pdf stored"},  // no claim either way
                  {kNot, kNearMiss, "Resume uploaded; processing status: pending"},
              });
}

TEST(SubjectMatchers, Api001SaysParseFailed) {
  check_table(
      says_parse_failed,
      {
          {kSays, kAuditFix, "File resume.pdf uploaded but parsing failed"},
          {kSays, kReference,
           "File resume.pdf was stored but could not be parsed into a structured resume "
           "(processing status: failed)"},
          {kSays, kOther, "Parsing unsuccessful: the model returned invalid JSON"},
          {kSays, kOther, "The resume wasn't processed"},
          {kSays, kOther, "Error while parsing the resume"},
          {kSays, kOther, "The LLM timed out while reading the resume"},
          {kSays, kOther, "Upload was not successful"},
          {kNot, kAuditDefect, "File resume.pdf successfully processed as MD and stored in the DB"},
          {kNot, kReference, "File resume.pdf uploaded and parsed successfully"},
          {kNot, kNearMiss, "File uploaded"},
          {kNot, kNearMiss, "Parsed with no errors"},
      });
}

// --- API-004 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api004KeywordCacheNotSaved) {
  check_table(
      says_keyword_cache_not_saved,
      {
          {kSays, kAuditFix, "Keyword cache update failed - may need to re-extract"},
          {kSays, kAuditFix, "Keyword cache update failed"},
          {kSays, kAuditDefect, "Failed to persist job keywords for job 1234."},  // its log line
          {kSays, kReference,
           "The job keyword cache was not saved (the job matched no record); keywords will be "
           "extracted again next time."},
          {kSays, kReference,
           "The job keyword cache was not saved (storage error); keywords will be extracted "
           "again next time."},
          {kSays, kOther, "Job keywords could not be cached"},
          {kSays, kOther, "job_keywords were never written to the database"},
          {kSays, kOther, "Couldn't store the extracted keywords; they will be extracted again"},
          {kNot, kNearMiss, "Keyword cache updated"},
          {kNot, kNearMiss, "Job keywords were cached"},
          {kNot, kNearMiss, "Keyword cache saved without errors"},
          {kNot, kNearMiss, "Keyword extraction failed"},  // extraction, not the cache
          {kNot, kNearMiss, "Keywords cached, but the preview hash could not be saved"},
          {kNot, kReference,
           "The preview hash was not saved, so confirming this preview will be refused; run "
           "the preview again before confirming."},
      });
}

TEST(SubjectMatchers, Api004PreviewHashNotSaved) {
  check_table(says_preview_hash_not_saved,
              {
                  {kSays, kReference,
                   "The preview hash was not saved, so confirming this preview will be refused; "
                   "run the preview again before confirming."},
                  {kSays, kOther, "Failed to persist preview hash for job 1234"},
                  {kSays, kOther, "Preview hash update failed"},
                  {kSays, kOther, "preview_hashes could not be written"},
                  {kSays, kOther, "The preview's hash wasn't stored"},
                  {kNot, kAuditFix, "Preview hash mismatch - data may have changed"},
                  {kNot, kNearMiss, "Preview hash validation failed"},
                  {kNot, kNearMiss, "Preview hash saved"},
                  {kNot, kNearMiss, "Invalid preview_hashes format"},
                  {kNot, kReference,
                   "The job keyword cache was not saved (storage error); keywords will be "
                   "extracted again next time."},
              });
}

TEST(SubjectMatchers, Api004ConfirmWillBeRefused) {
  check_table(says_confirm_will_be_refused,
              {
                  {kSays, kReference,
                   "The preview hash was not saved, so confirming this preview will be refused; "
                   "run the preview again before confirming."},
                  {kSays, kOther, "Confirming this preview will fail"},
                  {kSays, kOther, "This preview cannot be confirmed"},
                  {kSays, kOther, "Confirm will be rejected with 400"},
                  {kSays, kOther, "You won't be able to confirm this preview"},
                  {kSays, kOther, "Confirmation of this preview is not possible"},
                  {kSays, kOther, "Preview hash not saved: confirm won't work"},
                  {kNot, kNearMiss, "Confirming this preview works as usual"},
                  {kNot, kNearMiss, "You can confirm this preview"},
                  {kNot, kNearMiss, "Please confirm the preview"},
                  {kNot, kNearMiss, "Confirmation will not be affected"},
                  // Advice, not the statement that a confirm will be refused.
                  {kNot, kNearMiss, "Run the preview again before confirming"},
                  {kNot, kNearMiss, "Preview hash could not be saved"},
              });
}

// --- API-006 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api006PersonalInfoMissingOrAiGenerated) {
  check_table(
      says_personal_info_missing_or_ai_generated,
      {
          {kSays, kAuditFix,
           "Original resume data unavailable - personal info may be AI-generated"},
          {kSays, kAuditFix, "Original personal info missing or invalid"},
          {kSays, kReference,
           "Original resume data is unavailable, so personal info may be AI-generated; please "
           "check the contact details."},
          {kSays, kReference,
           "The original resume has no valid personal info, so personal info may be "
           "AI-generated; please check the contact details."},
          {kSays, kOther,
           "personalInfo could not be preserved; contact details may be invented by the model"},
          {kSays, kOther, "Contact details were generated by the AI and are not verified"},
          {kSays, kOther, "No personal info in the original resume"},
          {kSays, kOther, "The resume has no valid personalInfo"},
          {kSays, kOther, "Personal information was not preserved"},
          {kNot, kNearMiss, "Personal info preserved from the original resume"},
          {kNot, kNearMiss, "Contact details copied from the original"},
          {kNot, kNearMiss, "Personal info preserved, not AI-generated"},
          {kNot, kNearMiss, "Original resume data is unavailable"},  // names no personal info
          {kNot, kNearMiss, "Keyword cache update failed"},
          {kNot, kReference, "Could not calculate changes: original_data_missing"},
      });
}

// --- API-007 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api007ChangesNotCalculated) {
  check_table(says_changes_not_calculated,
              {
                  {kSays, kAuditFix, "Could not calculate changes: original_data_missing"},
                  {kSays, kAuditFix,
                   "Could not calculate changes: calculation_error: 'list' object has no "
                   "attribute 'get'"},
                  {kSays, kAuditDefect, "Skipping resume diff due to calculation failure: boom"},
                  {kSays, kOther, "Diff calculation failed"},
                  {kSays, kOther,
                   "Changes could not be computed because the original resume has no "
                   "structured data"},
                  {kSays, kOther, "Change summary unavailable (original_data_missing)"},
                  {kSays, kOther, "diff skipped: no original data"},
                  {kSays, kOther, "Unable to determine what changed"},
                  {kNot, kNearMiss, "Diff calculated: 3 changes"},
                  {kNot, kNearMiss, "3 changes applied"},
                  {kNot, kNearMiss, "Refinement failed; no changes were made"},
                  {kNot, kNearMiss, "Diff calculated without errors"},
                  {kNot, kReference,
                   "Refinement failed, so the unrefined resume is returned: keyword injection "
                   "failed: the LLM call failed"},
              });
}

// The reason: the contract's code in any spelling, or an unambiguous statement of it.
TEST(SubjectMatchers, Api007ReasonOriginalDataMissing) {
  check_table(gives_reason_original_data_missing,
              {
                  {kSays, kAuditFix, "Could not calculate changes: original_data_missing"},
                  {kSays, kOther, "Could not calculate changes: original data missing"},
                  {kSays, kOther, "diff unavailable (ORIGINAL-DATA-MISSING)"},
                  {kSays, kOther, "Diff unavailable: the original resume has no structured data"},
                  {kSays, kOther,
                   "Changes could not be calculated because the original resume was never "
                   "parsed"},
                  {kSays, kOther, "No original data to compare against"},
                  {kSays, kOther, "Could not calculate changes: original resume unavailable"},
                  {kNot, kNearMiss, "Could not calculate changes"},  // no reason
                  {kNot, kNearMiss, "Diff calculation failed"},
                  {kNot, kAuditFix, "Could not calculate changes: calculation_error: boom"},
                  {kNot, kNearMiss, "Original data present; the diff threw an error"},
              });
}

TEST(SubjectMatchers, Api007ReasonCalculationError) {
  check_table(gives_reason_calculation_error,
              {
                  {kSays, kAuditFix,
                   "Could not calculate changes: calculation_error: 'list' object has no "
                   "attribute 'get'"},
                  {kSays, kOther, "Could not calculate changes (calculation error)"},
                  {kSays, kOther, "Diff calculation raised an exception"},
                  {kSays, kOther, "The diff threw: TypeError"},
                  {kSays, kOther, "changes unavailable: CalculationError"},
                  // "failed" is how the subject itself is said; it is no reason.
                  {kNot, kNearMiss, "Diff calculation failed"},
                  {kNot, kNearMiss, "Could not calculate changes"},
                  {kNot, kAuditFix, "Could not calculate changes: original_data_missing"},
                  {kNot, kNearMiss, "Diff calculated without errors"},
              });
}

// --- API-008 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api008RefinementFailed) {
  check_table(
      says_refinement_failed,
      {
          {kSays, kAuditFix, "Refinement failed - using base improved resume"},
          {kSays, kAuditDefect, "Refinement failed, using unrefined result: timeout"},  // log
          {kSays, kReference,
           "Refinement failed, so the unrefined resume is returned: keyword injection failed: "
           "the LLM call failed"},
          {kSays, kOther, "Resume refinement was not successful"},
          {kSays, kOther, "Keyword injection pass failed; the unrefined resume is returned"},
          {kSays, kOther, "Could not refine the resume"},
          {kSays, kOther, "Refinement error: the model returned invalid JSON"},
          {kSays, kOther, "refinement_successful=false: RefinementTimeout"},
          {kNot, kNearMiss, "Refinement succeeded: 3 keywords injected"},
          {kNot, kNearMiss, "Refinement completed without errors"},
          {kNot, kNearMiss, "Resume refined successfully"},
          // Says what is returned, not that refinement failed.
          {kNot, kNearMiss, "Returning the unrefined resume"},
          {kNot, kNearMiss, "Cover letter generation failed"},
          {kNot, kReference, "Could not calculate changes: calculation_error: boom"},
      });
}

// --- API-009 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api009NamesTheMessage) {
  check_table(names_cover_letter, {
                                      {kSays, kReference, "Cover letter generation failed"},
                                      {kSays, kOther, "cover_letter: RuntimeError"},
                                      {kSays, kOther, "Cover-letter failed"},
                                      {kSays, kOther, "coverLetter unavailable"},
                                      {kSays, kOther, "COVERLETTER FAILED"},
                                      {kNot, kNearMiss, "Outreach message generation failed"},
                                      {kNot, kNearMiss, "A letter could not be generated"},
                                  });
  check_table(names_outreach, {
                                  {kSays, kReference, "Outreach message generation failed"},
                                  {kSays, kOther, "outreach_message: timeout"},
                                  {kSays, kOther, "OutreachMessage unavailable"},
                                  {kNot, kNearMiss, "Cover letter generation failed"},
                                  {kNot, kNearMiss, "The message could not be generated"},
                              });
}

TEST(SubjectMatchers, Api009CoverLetterFailed) {
  check_table(says_cover_letter_failed,
              {
                  {kSays, kReference,
                   "Cover letter generation failed; the rest of the result is still returned."},
                  {kSays, kOther, "Failed to generate cover letter and outreach message"},
                  {kSays, kOther, "Cover letter and outreach message generation failed"},
                  {kSays, kOther, "cover_letter: RuntimeError('LLM timeout')"},
                  {kSays, kOther, "Cover letter unavailable: the model call failed"},
                  {kSays, kOther, "Cover letter was not generated"},
                  {kSays, kOther, "Cover letter generation failed, outreach message returned"},
                  {kNot, kNearMiss, "Cover letter generated successfully"},
                  {kNot, kNearMiss, "Cover letter generated without errors"},
                  {kNot, kNearMiss,
                   "Outreach message generation failed; the cover letter is still returned"},
                  {kNot, kNearMiss,
                   "Outreach message generation failed, but the cover letter was generated"},
                  {kNot, kNearMiss, "Outreach message generation failed (cover letter returned)"},
                  {kNot, kReference,
                   "Outreach message generation failed; the rest of the result is still returned."},
              });
}

TEST(SubjectMatchers, Api009OutreachFailed) {
  check_table(
      says_outreach_failed,
      {
          {kSays, kReference,
           "Outreach message generation failed; the rest of the result is still returned."},
          {kSays, kOther, "Cover letter and outreach message generation failed"},
          {kSays, kOther, "outreach_message: timeout"},
          {kSays, kOther, "Outreach message could not be generated"},
          {kNot, kNearMiss, "Cover letter generation failed; outreach message returned"},
          {kNot, kNearMiss, "Cover letter generation failed, but the outreach message succeeded"},
          {kNot, kNearMiss, "Outreach message generated"},
          {kNot, kReference,
           "Cover letter generation failed; the rest of the result is still returned."},
      });
}

// --- API-010 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api010PreviewMissing) {
  const auto for_nudge = [](std::string_view text) { return says_preview_missing(text, "nudge"); };
  check_table(
      for_nudge,
      {
          {kSays, kAuditFix, "No preview found for prompt_id: nudge"},
          {kSays, kReference,
           "No preview found for prompt_id 'nudge'. Run the preview with this prompt before "
           "confirming."},
          {kSays, kReference,
           "No preview found for this job (prompt_id 'nudge'). Run the preview before "
           "confirming."},
          {kSays, kOther, "Prompt nudge has not been previewed"},
          {kSays, kOther, "Missing preview for prompt 'nudge'"},
          {kSays, kOther, "There is no preview for 'nudge'"},
          {kSays, kOther, "Preview for promptId=nudge not found"},
          // The audited backend's detail: a preview is missing, but not which one.
          {kNot, kAuditDefect, "Preview required before confirmation. Please retry preview."},
          {kNot, kAuditFix, "Preview hash mismatch - data may have changed"},
          {kNot, kAuditFix, "Invalid preview_hashes format"},
          {kNot, kNearMiss, "No preview found"},
          {kNot, kNearMiss, "Preview for prompt nudge found"},
          {kNot, kNearMiss, "Preview for 'keywords' is missing"},  // another preview
      });
}

TEST(SubjectMatchers, Api010StaleOrMismatched) {
  check_table(says_stale_or_mismatched,
              {
                  {kSays, kAuditFix, "Preview hash mismatch - data may have changed"},
                  {kSays, kReference,
                   "Preview hash mismatch: the data does not match the latest preview for "
                   "prompt_id 'keywords' (stale or changed). Please retry preview."},
                  {kSays, kOther, "This preview is stale"},
                  {kSays, kOther, "The confirmed data doesn't match the latest preview"},
                  {kSays, kOther, "Outdated preview: the resume was edited since"},
                  {kSays, kOther, "Data was previewed under a different prompt"},
                  {kSays, kOther, "Preview superseded by a newer preview"},
                  {kNot, kAuditDefect, "Invalid improved resume data. Please retry preview."},
                  {kNot, kAuditFix, "No preview found for prompt_id: nudge"},
                  {kNot, kAuditFix, "Invalid preview_hashes format"},
                  {kNot, kNearMiss, "Preview matches"},
                  {kNot, kNearMiss, "The data has not changed"},
                  {kNot, kNearMiss, "No mismatch found"},
              });
}

TEST(SubjectMatchers, Api010InvalidFormat) {
  check_table(
      says_invalid_format,
      {
          {kSays, kAuditFix, "Invalid preview_hashes format"},
          {kSays, kReference,
           "Invalid preview_hashes format for this job (a legacy list or single preview_hash). "
           "Run the preview again before confirming."},
          {kSays, kOther, "Legacy preview hash storage is not supported; run the preview again"},
          {kSays, kOther, "preview_hashes has an unsupported layout"},
          {kSays, kOther, "Malformed preview hash structure"},
          {kSays, kOther, "preview_hashes: format not supported"},
          {kNot, kAuditDefect, "Invalid improved resume data. Please retry preview."},
          {kNot, kAuditFix, "Preview hash mismatch - data may have changed"},
          {kNot, kAuditFix, "No preview found for prompt_id: nudge"},
          {kNot, kNearMiss, "Invalid data"},
          {kNot, kNearMiss, "Preview hashes are in the current format"},
      });
}

// --- API-011 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api011ResumeGone) {
  check_table(
      says_resume_gone,
      {
          {kSays, kReference,
           "Resume 7a000000-0000-4000-8000-000000000001 no longer exists: it was deleted while "
           "this request was in progress."},
          {kSays, kReference, "Resume not found"},
          {kSays, kAuditFix, "Resume not found: 1234"},
          {kSays, kAuditFix, "Resume disappeared after update: 1234"},
          {kSays, kOther, "The resume was deleted while the cover letter was being generated"},
          {kSays, kOther, "Conflict: resume was removed during processing"},
          {kSays, kOther, "No resume with id 1234"},
          {kSays, kOther, "Could not find resume 1234"},
          {kSays, kOther, "resume_id 1234 does not exist"},
          {kSays, kOther, "The record is gone"},
          {kNot, kNearMiss, "Not Found"},  // a framework's unknown-route 404 names no resume
          {kNot, kNearMiss, "Job not found"},
          {kNot, kNearMiss, "Resume updated successfully"},
          {kNot, kNearMiss, "Cover letter generated successfully"},
          {kNot, kNearMiss, "The resume's job description was not found"},
          {kNot, kNearMiss, "Resume was not deleted"},
          {kNot, kNearMiss, "Cover letter not found for this resume"},
      });
}

// --- API-012 ----------------------------------------------------------------------------

constexpr std::string_view kAuditedGeneric =
    "No job context found for this resume. The resume may have been created before job "
    "tracking was implemented.";

TEST(SubjectMatchers, Api012NotTailored) {
  check_table(
      says_not_tailored,
      {
          {kSays, kAuditFix, "This is a master resume, not a tailored resume."},
          {kSays, kReference,
           "Resume 12a00000-0000-4000-8000-000000000001 is not a tailored resume: a cover "
           "letter is only available for tailored resumes. Please tailor this resume to a job "
           "description first."},
          {kSays, kOther, "Cover letter can only be generated for tailored resumes"},
          {kSays, kOther, "Resume is a master resume"},
          {kSays, kOther, "only available for tailored resumes"},
          {kSays, kOther, "not a tailored resume"},
          {kSays, kOther, "This resume isn't tailored"},
          {kSays, kOther, "Cannot generate an outreach message for a master resume"},
          {kSays, kOther, "Untailored resumes have no job description"},
          {kNot, kAuditDefect, kAuditedGeneric},
          {kNot, kAuditFix, "Job context not found. The improvement record may have been deleted."},
          {kNot, kReference,
           "Job context not found for tailored resume 12a00000-0000-4000-8000-000000000002: the "
           "improvement record may have been deleted."},
          {kNot, kNearMiss, "Resume not found"},
          {kNot, kNearMiss, "Tailored resume has no job context"},
      });
}

TEST(SubjectMatchers, Api012JobContextMissing) {
  check_table(
      says_job_context_missing,
      {
          {kSays, kAuditFix,
           "Job context not found. The improvement record may have been deleted."},
          {kSays, kReference,
           "Job context not found for tailored resume 12a00000-0000-4000-8000-000000000002: the "
           "improvement record may have been deleted."},
          {kSays, kOther, "Improvement record missing for tailored resume 42"},
          {kSays, kOther, "No improvement record found for resume 42"},
          {kSays, kOther, "The job context of this tailored resume was deleted"},
          {kSays, kOther, "Associated job record is missing"},
          // Hedged, but it names the lost record: not the age-only explanation.
          {kSays, kOther,
           "Job context not found: the improvement record may have been deleted, or the "
           "resume predates job tracking"},
          // The defect: the same text for a master; it blames the resume's age.
          {kNot, kAuditDefect, kAuditedGeneric},
          {kNot, kNearMiss,
           "No job context found for this resume: it may be older than job "
           "tracking"},
          {kNot, kAuditFix, "This is a master resume, not a tailored resume."},
          {kNot, kReference,
           "Resume 12a00000-0000-4000-8000-000000000001 is not a tailored resume: a cover "
           "letter is only available for tailored resumes. Please tailor this resume to a job "
           "description first."},
          {kNot, kNearMiss, "Job context not found: this is a master resume, not a tailored one"},
          {kNot, kNearMiss, "Job context found"},
          {kNot, kNearMiss, "Resume not found"},
      });
}

// --- API-013 ----------------------------------------------------------------------------

TEST(SubjectMatchers, Api013NamesField) {
  const auto field = [](std::string_view name) {
    return [name](std::string_view text) { return names_field(text, name); };
  };
  check_table(
      field("workExperience"),
      {
          {kSays, kReference,
           "improved_data is not a valid resume: workExperience: expected a list, got an "
           "integer. Please regenerate the preview."},
          {kSays, kOther,
           R"([{"loc":["body","improved_data","workExperience"],"msg":"Input should be a valid list"}])"},
          {kSays, kOther, "work_experience must be a list"},
          {kSays, kOther, "Work experience must be a list"},
          {kSays, kOther, "WORKEXPERIENCE: wrong type"},
          // The audit's proposed detail names no field: the contract asks for one.
          {kNot, kAuditFix, "The improved resume data is invalid. Please regenerate the preview."},
          {kNot, kNearMiss, "experience must be a list"},
          {kNot, kNearMiss, "work history must be a list"},
      });
  check_table(field("sectionType"),
              {
                  {kSays, kReference,
                   "improved_data is not a valid resume: sectionMeta[0].sectionType: must be one "
                   "of personalInfo, text, itemList, stringList. Please regenerate the preview."},
                  {kSays, kOther, "section_type 'carousel' is not allowed"},
                  {kNot, kNearMiss, "sectionMeta is invalid"},
              });
}

}  // namespace
}  // namespace rm::harness::subject
