// POST /resumes/upload: convert the document, store it, parse it with the LLM.
#include <array>
#include <string_view>

#include "reference/domain/ids.hpp"
#include "reference/domain/llm_json.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

namespace {

constexpr std::array<std::string_view, 3> kAllowedTypes{
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

bool allowed_type(std::string_view content_type) {
  for (const auto allowed : kAllowedTypes) {
    if (content_type == allowed) return true;
  }
  return false;
}

// The LLM's parse as a full ResumeData model dump, or null with `reason` set.
Json parse_with_llm(Llm& llm, const std::string& markdown, std::string& reason) {
  try {
    const auto object = extract_json_object(llm.parse_resume(markdown));
    if (!object) {
      reason = "the model's answer holds no JSON object";
      return nullptr;
    }
    auto check = validate_resume_data(*object);
    if (!check.ok()) {
      reason = "the model's JSON is not a valid resume: " + *check.error;
      return nullptr;
    }
    return std::move(check.data);
  } catch (const LlmError& e) {
    reason = std::string("the language model call failed: ") + e.what();
  } catch (const std::exception& e) {
    reason = std::string("parsing failed: ") + e.what();
  }
  return nullptr;
}

}  // namespace

Outcome<Json> ResumeService::upload_resume(const UploadRequest& request) {
  if (!allowed_type(request.content_type)) {
    return bad_request("Invalid file type: " + request.content_type + ". Allowed: PDF, DOC, DOCX");
  }
  if (request.bytes.size() > kMaxUploadBytes) {
    return too_large("File too large. Maximum size: 4MB");
  }
  if (request.bytes.empty()) return bad_request("Empty file");
  return guarded<Json>("upload", [&] { return store_and_parse_upload(request); });
}

Outcome<Json> ResumeService::store_and_parse_upload(const UploadRequest& request) {
  std::string markdown;
  try {
    markdown = ports_.converter->to_markdown(
        request.bytes, request.filename.empty() ? "resume.pdf" : request.filename,
        request.content_type);
  } catch (const ConversionError& e) {
    log_error(std::string("document conversion failed: ") + e.what());
    return unprocessable("Failed to parse document. Please ensure it's a valid PDF or DOCX file.");
  }

  NewResume fresh;
  fresh.content = markdown;
  fresh.content_type = "md";
  fresh.filename = request.filename;
  fresh.processing_status = "processing";
  Document resume = create_uploaded_resume(fresh);
  const std::string resume_id = string_field(resume, "resume_id");

  std::string reason;
  const Json processed = parse_with_llm(*ports_.llm, markdown, reason);
  const bool parsed = !processed.is_null();
  if (!parsed) {
    log_warning("resume parsing failed for " + request.filename + ": " + reason);
  }

  std::optional<Document> updated;
  try {
    updated = parsed ? ports_.store->update_resume(resume_id, {{"processed_data", processed},
                                                               {"processing_status", "ready"}})
                     : ports_.store->update_resume(resume_id, {{"processing_status", "failed"}});
  } catch (const StoreError& e) {
    // The client gets a 500, so nothing may stay behind, least of all a record
    // stuck in "processing".
    log_error("could not record the parse result of resume " + resume_id + ": " + e.what());
    try {
      ports_.store->delete_resume(resume_id);
    } catch (const StoreError&) {
      try {
        ports_.store->update_resume(resume_id, {{"processing_status", "failed"}});
      } catch (const StoreError& again) {
        log_error("resume " + resume_id + " could not be settled: " + again.what());
      }
    }
    return internal_error(kStorageFailureDetail);
  }
  if (auto gone = resume_gone(updated, resume_id)) return *gone;

  resume["processing_status"] = parsed ? "ready" : "failed";
  if (parsed) resume["processed_data"] = processed;
  return upload_response(resume, request.filename);
}

// API-002: whether the new resume becomes the master is decided atomically with
// its insert.
Document ResumeService::create_uploaded_resume(const NewResume& resume) {
  if (defects_.on(Issue::kApi002)) {
    // Audited: check, then insert; concurrent first uploads all see "no master".
    const bool no_master = !ports_.store->get_master_resume().has_value();
    return ports_.store->create_resume(
        resume, no_master ? MasterPolicy::kMaster : MasterPolicy::kNotMaster);
  }
  return ports_.store->create_resume(resume, MasterPolicy::kMasterIfNone);
}

// API-001: the response says whether parsing worked.
Json ResumeService::upload_response(const Document& resume, const std::string& filename) const {
  Json body{{"request_id", new_uuid4()}, {"resume_id", field_or(resume, "resume_id", "")}};
  if (defects_.on(Issue::kApi001)) {
    body["message"] = "File " + filename + " successfully processed as MD and stored in the DB";
    return body;
  }
  const std::string status = string_field(resume, "processing_status", "failed");
  body["message"] = status == "ready"
                        ? "File " + filename + " uploaded and parsed successfully"
                        : "File " + filename +
                              " was stored but could not be parsed into a structured resume "
                              "(processing status: failed)";
  body["processing_status"] = status;
  const Json is_master = field_or(resume, "is_master", false);
  body["is_master"] = is_master.is_boolean() && is_master.get<bool>();
  return body;
}

}  // namespace rm
