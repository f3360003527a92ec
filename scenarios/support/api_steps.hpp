#pragma once
// The steps most over-HTTP scenarios start with: upload a text resume, upload a
// job, preview and confirm a tailored resume, read the database stats. Each step
// throws std::runtime_error (naming the request and what came back) when the
// server does not answer as the contract says, so a test fails at the step that
// broke instead of on a later, confusing assertion.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/support/http_client.hpp"

namespace rm::test {

inline constexpr const char* kApi = "/api/v1";

// A small plain-text resume naming `name`; the reference's default converter
// accepts UTF-8 text in any allowed content type.
std::string sample_resume_text(const std::string& name = "Ada Lovelace");
// A job description that shares keywords with sample_resume_text.
std::string sample_job_text();

// POST /resumes/upload (as application/pdf); returns the whole 200 body.
nlohmann::json upload_resume_body(HttpClient& client, const std::string& text,
                                  const std::string& filename = "resume.pdf");
// Same, returning only resume_id.
std::string upload_resume(HttpClient& client, const std::string& text = sample_resume_text(),
                          const std::string& filename = "resume.pdf");

// POST /jobs/upload with one description; returns its job_id.
std::string upload_job(HttpClient& client, const std::string& description = sample_job_text(),
                       const std::optional<std::string>& resume_id = std::nullopt);

// POST /resumes/improve/preview; returns the 200 body.
nlohmann::json preview(HttpClient& client, const std::string& resume_id, const std::string& job_id,
                       const std::optional<std::string>& prompt_id = std::nullopt);
// The confirm request body for a preview response (its resume_preview and improvements).
nlohmann::json confirm_body_for(const nlohmann::json& preview_body, const std::string& resume_id,
                                const std::optional<std::string>& prompt_id = std::nullopt);
// POST /resumes/improve/confirm of `preview_body`; returns the 200 body.
nlohmann::json confirm(HttpClient& client, const nlohmann::json& preview_body,
                       const std::string& resume_id,
                       const std::optional<std::string>& prompt_id = std::nullopt);
// preview + confirm; returns the tailored resume_id.
std::string tailor(HttpClient& client, const std::string& resume_id, const std::string& job_id);

// GET /resumes?resume_id=; returns the 200 body.
nlohmann::json get_resume(HttpClient& client, const std::string& resume_id);
// GET /status -> database_stats.
nlohmann::json database_stats(HttpClient& client);

}  // namespace rm::test
