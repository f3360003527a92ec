#pragma once
// The steps that preview, improve and confirm share: load the resume and the job,
// job keywords (with the job's keyword cache), the LLM improvement and its
// validation, personal-info preservation, refinement, the diff, the cover letter /
// outreach message, the preview hash, storing a tailored resume, and the
// ImproveResponse body. Each step that an audited issue concerns reports its
// failures as response warnings; the defect is re-enabled at one place.
#include <optional>
#include <string>
#include <vector>

#include "reference/ports/llm.hpp"
#include "reference/ports/store.hpp"
#include "reference/service/defects.hpp"
#include "reference/service/outcome.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

struct ImproveContext {
  Document resume;
  Document job;
  std::string resume_id;
  std::string job_id;
  std::string prompt_id;
  service_detail::ServiceSettings settings;
  Json original_data;  // the resume's structured data as stored; null when it has none
};

// The LLM stages' result (keywords -> improve -> personal info -> refinement).
struct ImproveDraft {
  Json job_keywords;
  std::vector<std::string> keywords;
  Json data;  // the final ResumeData
  Json refinement_stats = nullptr;
  bool refinement_attempted = false;
  bool refinement_successful = false;
  Json refinement_error = nullptr;
};

struct DiffResult {
  Json summary = nullptr;
  Json detailed_changes = nullptr;
};

struct AuxiliaryMessages {
  Json cover_letter = nullptr;
  Json outreach_message = nullptr;
  std::string cover_letter_status = "not_requested";
  std::string outreach_status = "not_requested";
};

// Everything an ImproveResponse body holds.
struct ImproveReport {
  Json resume_id = nullptr;  // null for a preview
  std::string job_id;
  Json resume_preview;
  Json improvements = Json::array();
  std::string markdown_original;
  std::string markdown_improved;
  AuxiliaryMessages messages;
  DiffResult diff;
  Json refinement_stats = nullptr;
  bool refinement_attempted = false;
  bool refinement_successful = false;
  Json refinement_error = nullptr;
  std::vector<std::string> warnings;
};

class ImprovePipeline {
 public:
  // `action` ("preview", "improve", "confirm") names the request in 500 details.
  ImprovePipeline(Store& store, Llm& llm, const DefectSwitch& defects, std::string action);

  // 404 when the resume or the job does not exist.
  Outcome<ImproveContext> load(const std::string& resume_id, const std::string& job_id,
                               const std::optional<std::string>& prompt_id,
                               const Json& settings) const;

  // Keywords (from the job's cache when `use_keyword_cache`), the LLM improvement,
  // personal info, refinement. A failed LLM stage is a 500 naming the stage.
  Outcome<ImproveDraft> draft(const ImproveContext& context, bool use_keyword_cache,
                              std::vector<std::string>& warnings) const;

  // API-007.
  DiffResult diff(const ImproveContext& context, const Json& improved,
                  std::vector<std::string>& warnings) const;
  // API-009: the enabled messages, each failure reported on its own.
  AuxiliaryMessages auxiliary_messages(const ImproveContext& context, const Json& improved,
                                       std::vector<std::string>& warnings) const;
  // API-010 / API-004: records the preview's hash for the context's prompt.
  void save_preview_hash(const ImproveContext& context, const std::string& hash,
                         std::vector<std::string>& warnings) const;

  // API-013: improved_data of a confirm, validated (422 naming the field).
  Outcome<Json> confirmed_data(const Json& improved_data) const;
  // 400 when the confirmed personalInfo differs from the original's (as the backend).
  std::optional<Failure> check_personal_info(const ImproveContext& context,
                                             const Json& improved) const;
  // API-010: 400 unless `hash` is the job's preview hash for `prompt_id`.
  std::optional<Failure> check_preview_hash(const Document& job, const std::string& prompt_id,
                                            const std::string& hash) const;
  // The tailored resume and its improvement record: both or neither (API-013).
  Outcome<Document> store_tailored(const ImproveContext& context, const Json& data,
                                   const AuxiliaryMessages& messages,
                                   const Json& improvements) const;

  // The suggestions list of a response.
  Json suggestions(const ImproveContext& context, const Json& improved,
                   const std::vector<std::string>& keywords) const;
  // markdownOriginal / markdownImproved.
  static std::string markdown_of_original(const ImproveContext& context);
  static std::string markdown_of(const Json& resume_data);
  // The preview hash of a ResumeData (over its full model dump).
  static std::string hash_of(const Json& resume_data);

  static Json response(const ImproveReport& report);
  // Copies what every improve response reports about a draft: the preview data, both
  // markdowns and the refinement outcome.
  static void report_draft(ImproveReport& report, const ImproveContext& context,
                           const ImproveDraft& draft);

 private:
  Outcome<Json> job_keywords(const ImproveContext& context, bool use_keyword_cache,
                             std::vector<std::string>& warnings) const;
  Outcome<Json> improved_resume(const ImproveContext& context, const Json& job_keywords) const;
  std::optional<Json> personal_info_to_keep(const Json& original,
                                            std::vector<std::string>& warnings) const;  // API-006
  void refine(const ImproveContext& context, ImproveDraft& draft,
              std::vector<std::string>& warnings) const;  // API-008
  void note_cache_failure(std::vector<std::string>& warnings,
                          std::string warning) const;  // API-004
  void note_generation_failure(const std::string& what, std::string& status,
                               std::vector<std::string>& warnings) const;  // API-009
  bool audited_preview_hashes() const;                                     // API-010
  bool audited_confirm_writes() const;                                     // API-013
  bool write_preview_hash_as_audited(const ImproveContext& context, const std::string& hash) const;
  Failure stage_failure(const std::string& stage, const std::string& reason) const;

  Store& store_;
  Llm& llm_;
  const DefectSwitch& defects_;
  std::string action_;
};

}  // namespace rm
