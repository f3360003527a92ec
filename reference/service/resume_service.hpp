#pragma once
// The resume API's endpoint logic, free of HTTP. One method per endpoint of
// ../shared/spec/contract.md; each returns the success body as JSON (exactly the
// contract's shape) or a Failure carrying the contract's status and detail.
// Implementations are split one file per endpoint group (upload.cpp,
// resume_read.cpp, improve_preview.cpp, ...).
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "reference/ports/document_converter.hpp"
#include "reference/ports/llm.hpp"
#include "reference/ports/settings_store.hpp"
#include "reference/ports/store.hpp"
#include "reference/service/defects.hpp"
#include "reference/service/outcome.hpp"
#include "reference/service/resume_list_cache.hpp"

namespace rm {

inline constexpr std::size_t kMaxUploadBytes = 4 * 1024 * 1024;

struct UploadRequest {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct ImproveRequest {
  std::string resume_id;
  std::string job_id;
  std::optional<std::string> prompt_id;
};

struct ConfirmRequest {
  std::string resume_id;
  std::string job_id;
  std::optional<std::string> prompt_id;
  Json improved_data;                 // raw ResumeData JSON, validated by the service (API-013)
  Json improvements = Json::array();  // [{suggestion, lineNumber?}]
};

struct JobUploadRequest {
  std::vector<std::string> job_descriptions;
  std::optional<std::string> resume_id;
};

// Query options of GET /resumes/{id}/pdf and /cover-letter/pdf, already range-checked
// by the caller (the HTTP layer answers 422 for out-of-range values).
struct PdfOptions {
  std::string template_name = "swiss-single";
  std::string page_size = "A4";  // A4 | LETTER
  int margin_top = 10, margin_bottom = 10, margin_left = 10, margin_right = 10;
  int section_spacing = 3, item_spacing = 2, line_height = 3, font_size = 3, header_scale = 3;
  std::string header_font = "serif", body_font = "sans-serif";
  bool compact_mode = false, show_contact_icons = false;
  std::string accent_color = "blue";
  std::string lang = "en";
};

struct PdfFile {
  std::string bytes;     // application/pdf
  std::string filename;  // resume_{id}.pdf
};

struct ServicePorts {
  std::shared_ptr<Store> store;
  std::shared_ptr<Llm> llm;
  std::shared_ptr<DocumentConverter> converter;
  std::shared_ptr<SettingsStore> settings;
};

class ResumeService {
 public:
  explicit ResumeService(ServicePorts ports, DefectSwitch defects = {});

  // --- resumes (upload.cpp, resume_read.cpp) ---------------------------------
  Outcome<Json> upload_resume(const UploadRequest& request);
  Outcome<Json> get_resume(const std::string& resume_id);
  Outcome<Json> list_resumes(bool include_master);
  // list_resumes serialised, as the HTTP answer's body: built once per state of
  // the store's resumes (resume_list_cache.hpp), only the request_id new each time.
  Outcome<std::string> list_resumes_text(bool include_master);

  // --- improve (improve_preview.cpp, improve_confirm.cpp, improve.cpp) ---------
  Outcome<Json> improve_preview(const ImproveRequest& request);
  Outcome<Json> improve_confirm(const ConfirmRequest& request);
  Outcome<Json> improve(const ImproveRequest& request);

  // --- edit, delete, messages, master (resume_edit.cpp) ------------------------
  Outcome<Json> update_resume(const std::string& resume_id, const Json& resume_data);
  Outcome<Json> delete_resume(const std::string& resume_id);
  Outcome<Json> update_cover_letter(const std::string& resume_id, const std::string& content);
  Outcome<Json> update_outreach_message(const std::string& resume_id, const std::string& content);
  Outcome<Json> set_master(const std::string& resume_id);

  // --- generation (generation.cpp) ---------------------------------------------
  Outcome<Json> generate_cover_letter(const std::string& resume_id);
  Outcome<Json> generate_outreach(const std::string& resume_id);
  Outcome<Json> job_description(const std::string& resume_id);

  // --- pdf (pdf.cpp) -------------------------------------------------------------
  Outcome<PdfFile> resume_pdf(const std::string& resume_id, const PdfOptions& options);
  Outcome<PdfFile> cover_letter_pdf(const std::string& resume_id, const PdfOptions& options);

  // --- jobs (jobs.cpp) -------------------------------------------------------------
  Outcome<Json> upload_jobs(const JobUploadRequest& request);
  Outcome<Json> get_job(const std::string& job_id);

  // --- health (health.cpp) -----------------------------------------------------------
  Json health();
  Json status();

  // --- config (config.cpp): bodies are the raw JSON objects of the PUT requests -------
  Json get_features();
  Outcome<Json> put_features(const Json& body);
  Json get_language();
  Outcome<Json> put_language(const Json& body);
  Json get_prompts();
  Outcome<Json> put_prompts(const Json& body);

  const DefectSwitch& defects() const { return defects_; }

 private:
  // One helper per audited issue: the only places that consult defects_ (see defects.hpp).
  // API-004 and API-006 to API-010 and API-013 live in ImprovePipeline (improve_pipeline.hpp).
  Json upload_response(const Document& resume, const std::string& filename) const;  // API-001
  Document create_uploaded_resume(const NewResume& resume);                         // API-002
  Outcome<Json> set_master_as_audited(const std::string& resume_id);                // API-003
  std::string processing_status_of(const Document& resume) const;                   // API-005
  std::optional<Failure> resume_gone(const std::optional<Document>& updated,
                                     const std::string& resume_id) const;  // API-011
  Outcome<Document> job_context(const Document& resume, const std::string& resume_id,
                                const std::string& what) const;  // API-012

  // The `data` array of GET /resumes/list for the store's summaries.
  Json list_data(const std::vector<Document>& summaries, bool include_master) const;
  // Shared by the read and edit endpoints: the GET /resumes body for a stored record.
  Json fetch_response(const Document& resume) const;
  // upload_resume after the request checks: convert, store, parse.
  Outcome<Json> store_and_parse_upload(const UploadRequest& request);
  // The body of generate_cover_letter / generate_outreach.
  Outcome<Json> generate_message(const std::string& resume_id, bool cover_letter);
  // The body of update_cover_letter / update_outreach_message.
  Outcome<Json> update_message(const std::string& resume_id, const char* field,
                               const std::string& content, const char* message);
  // Settings object as stored ({} when unreadable).
  Json load_settings();

  ServicePorts ports_;
  DefectSwitch defects_;
  std::mutex settings_mutex_;  // config endpoints read-modify-write the settings object
  ResumeListCache list_cache_;
};

}  // namespace rm
