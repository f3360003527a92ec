// The steps shared by improve/preview, improve/confirm and improve.
#include "reference/service/improve_pipeline.hpp"

#include <set>

#include "reference/domain/ids.hpp"
#include "reference/domain/job_keywords.hpp"
#include "reference/domain/llm_json.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/refiner.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_diff.hpp"
#include "reference/domain/resume_markdown.hpp"

namespace rm {

using namespace service_detail;

namespace {

// The full model dump when `data` validates, else `data` itself.
Json full_dump(const Json& data) {
  auto check = validate_resume_data(data);
  return check.ok() ? std::move(check.data) : data;
}

// The backend's _normalize_personal_info_value.
std::string personal_value(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return trimmed(nfc_normalize(value.get<std::string>()));
  if (value.is_primitive()) return value.dump();
  return canonical_json(value);
}

// A failure's reason that may reach a client: never a store's own text.
std::string client_reason(const std::exception& error) {
  if (dynamic_cast<const StoreError*>(&error) != nullptr) return "a storage error";
  return error.what();
}

}  // namespace

ImprovePipeline::ImprovePipeline(Store& store, Llm& llm, const DefectSwitch& defects,
                                 std::string action)
    : store_(store), llm_(llm), defects_(defects), action_(std::move(action)) {}

Failure ImprovePipeline::stage_failure(const std::string& stage, const std::string& reason) const {
  log_error("resume " + action_ + " failed during " + stage + ": " + reason);
  return internal_error("Failed to " + action_ + " resume: the " + stage + " stage failed (" +
                        reason + "). Please try again.");
}

Outcome<ImproveContext> ImprovePipeline::load(const std::string& resume_id,
                                              const std::string& job_id,
                                              const std::optional<std::string>& prompt_id,
                                              const Json& settings) const {
  auto resume = store_.get_resume(resume_id);
  if (!resume) return not_found("Resume not found");
  auto job = store_.get_job(job_id);
  if (!job) return not_found("Job description not found");
  ImproveContext context;
  context.resume = std::move(*resume);
  context.job = std::move(*job);
  context.resume_id = resume_id;
  context.job_id = job_id;
  context.settings = read_settings(settings);
  context.prompt_id =
      prompt_id && !prompt_id->empty() ? *prompt_id : context.settings.default_prompt_id;
  context.original_data = original_resume_data(context.resume);
  return context;
}

// --- keywords ----------------------------------------------------------------------

// API-004: a cache write that failed is reported to the client.
void ImprovePipeline::note_cache_failure(std::vector<std::string>& warnings,
                                         std::string warning) const {
  log_warning(warning);
  if (defects_.on(Issue::kApi004)) return;  // audited: logged only
  warnings.push_back(std::move(warning));
}

Outcome<Json> ImprovePipeline::job_keywords(const ImproveContext& context, bool use_keyword_cache,
                                            std::vector<std::string>& warnings) const {
  const std::string content = string_field(context.job, "content");
  const std::string content_hash = job_content_hash(content);
  if (use_keyword_cache) {
    const Json cached = field_or(context.job, "job_keywords", nullptr);
    if (truthy(cached) && string_field(context.job, "job_keywords_hash") == content_hash) {
      return cached;
    }
  }
  Json keywords;
  try {
    auto object = extract_json_object(llm_.extract_keywords(content));
    if (!object) return stage_failure("extract_job_keywords", "the model's answer holds no JSON");
    keywords = std::move(*object);
  } catch (const std::exception& e) {
    log_warning(std::string("extract_job_keywords: ") + e.what());
    return stage_failure("extract_job_keywords", "the language model call failed");
  }
  if (!use_keyword_cache) return keywords;
  try {
    const auto updated = store_.update_job(
        context.job_id, {{"job_keywords", keywords}, {"job_keywords_hash", content_hash}});
    if (!updated) {
      note_cache_failure(warnings,
                         "The job keyword cache was not saved (the job matched no record); "
                         "keywords will be extracted again next time.");
    }
  } catch (const StoreError& e) {
    log_warning(std::string("keyword cache write failed: ") + e.what());
    note_cache_failure(warnings,
                       "The job keyword cache was not saved (storage error); keywords will be "
                       "extracted again next time.");
  }
  return keywords;
}

// --- improvement -------------------------------------------------------------------

Outcome<Json> ImprovePipeline::improved_resume(const ImproveContext& context,
                                               const Json& job_keywords) const {
  ImproveInput input;
  input.prompt_id = context.prompt_id;
  input.original_resume = context.original_data.is_null()
                              ? Json(string_field(context.resume, "content"))
                              : full_dump(context.original_data);
  input.job_description = string_field(context.job, "content");
  input.job_keywords = job_keywords;
  input.language = context.settings.content_language;
  try {
    auto object = extract_json_object(llm_.improve(input));
    if (!object) return stage_failure("improve_resume", "the model's answer holds no JSON");
    auto check = validate_resume_data(*object);
    if (!check.ok()) {
      return stage_failure("improve_resume", "the model's resume is invalid: " + *check.error);
    }
    return std::move(check.data);
  } catch (const std::exception& e) {
    log_warning(std::string("improve_resume: ") + e.what());
    return stage_failure("improve_resume", "the language model call failed");
  }
}

// API-006: the result keeps the original's personalInfo; when there is none to
// keep, the client is told the contact details may be invented.
std::optional<Json> ImprovePipeline::personal_info_to_keep(
    const Json& original, std::vector<std::string>& warnings) const {
  const Json info = field_or(original, "personalInfo", nullptr);
  if (defects_.on(Issue::kApi006)) {
    // Audited _preserve_personal_info: keeps it when it is there, silent otherwise.
    if (info.is_object()) return info;
    return std::nullopt;
  }
  if (original.is_null()) {
    warnings.push_back(
        "Original resume data is unavailable, so personal info may be AI-generated; "
        "please check the contact details.");
    return std::nullopt;
  }
  if (!info.is_object() || !validate_resume_data(Json{{"personalInfo", info}}).ok()) {
    warnings.push_back(
        "The original resume has no valid personal info, so personal info may be "
        "AI-generated; please check the contact details.");
    return std::nullopt;
  }
  return Json(info);  // a copy: the stored original is never touched
}

// API-008: a failed refinement keeps the unrefined result and says so.
void ImprovePipeline::refine(const ImproveContext& context, ImproveDraft& draft,
                             std::vector<std::string>& warnings) const {
  try {
    // As the backend: align with the master, or with the resume itself when
    // there is no master; without structured data there is nothing to refine against.
    const auto master = store_.get_master_resume();
    const Json master_data = master ? original_resume_data(*master) : context.original_data;
    if (master_data.is_null()) return;
    RefinementResult result = refine_resume(llm_, draft.data, full_dump(master_data),
                                            draft.keywords, string_field(context.job, "content"));
    auto refined = validate_resume_data(result.resume_data);
    if (!refined.ok()) throw RefinementError("the refined resume is invalid: " + *refined.error);
    draft.data = std::move(refined.data);
    draft.refinement_stats = std::move(result.stats);
    draft.refinement_attempted = true;
    draft.refinement_successful = true;
  } catch (const std::exception& e) {
    log_warning(std::string("refinement failed, using the unrefined result: ") + e.what());
    if (defects_.on(Issue::kApi008)) return;  // audited: logged only
    draft.refinement_attempted = true;
    draft.refinement_successful = false;
    draft.refinement_error = "Refinement failed - using the unrefined result: " + client_reason(e);
    warnings.push_back("Refinement failed, so the unrefined resume is returned: " +
                       client_reason(e));
  }
}

Outcome<ImproveDraft> ImprovePipeline::draft(const ImproveContext& context, bool use_keyword_cache,
                                             std::vector<std::string>& warnings) const {
  ImproveDraft draft;
  auto keywords = job_keywords(context, use_keyword_cache, warnings);
  if (!keywords) return keywords.failure();
  draft.job_keywords = std::move(keywords.value());
  draft.keywords = keyword_list(draft.job_keywords);

  auto improved = improved_resume(context, draft.job_keywords);
  if (!improved) return improved.failure();
  draft.data = std::move(improved.value());

  const std::optional<Json> personal_info = personal_info_to_keep(context.original_data, warnings);
  if (personal_info) draft.data["personalInfo"] = *personal_info;
  refine(context, draft, warnings);
  // Refinement must not bring invented contact details back.
  if (personal_info) draft.data["personalInfo"] = *personal_info;
  return draft;
}

// --- diff ------------------------------------------------------------------------

// API-007: when the changes cannot be calculated the client is told why.
DiffResult ImprovePipeline::diff(const ImproveContext& context, const Json& improved,
                                 std::vector<std::string>& warnings) const {
  DiffResult result;
  std::string reason;
  if (context.original_data.is_null()) {
    reason = "original_data_missing";
  } else {
    try {
      ResumeDiff diff =
          calculate_resume_diff(full_dump(context.original_data), full_dump(improved));
      result.summary = std::move(diff.summary);
      result.detailed_changes = std::move(diff.detailed_changes);
      return result;
    } catch (const std::exception& e) {
      reason = std::string("calculation_error: ") + e.what();
    }
  }
  log_warning("resume diff skipped: " + reason);
  if (defects_.on(Issue::kApi007)) return result;  // audited: silently null
  warnings.push_back("Could not calculate changes: " + reason);
  return result;
}

// --- cover letter / outreach -----------------------------------------------------

// API-009: a failed generation is named in the warnings and its status says so.
void ImprovePipeline::note_generation_failure(const std::string& what, std::string& status,
                                              std::vector<std::string>& warnings) const {
  // Audited: the message is silently null; "not_requested" is the status model's default.
  if (defects_.on(Issue::kApi009)) return;
  status = "failed";
  warnings.push_back(what + " generation failed; the rest of the result is still returned.");
}

AuxiliaryMessages ImprovePipeline::auxiliary_messages(const ImproveContext& context,
                                                      const Json& improved,
                                                      std::vector<std::string>& warnings) const {
  AuxiliaryMessages messages;
  MessageInput input;
  input.resume = improved;
  input.job_description = string_field(context.job, "content");
  input.language = context.settings.content_language;
  const auto generate = [&](bool enabled, const std::string& what, auto call, Json& text,
                            std::string& status) {
    if (!enabled) return;
    try {
      text = trimmed(call(input));
      status = "success";
    } catch (const std::exception& e) {
      log_warning(what + " generation failed: " + e.what());
      note_generation_failure(what, status, warnings);
    }
  };
  generate(
      context.settings.enable_cover_letter, "Cover letter",
      [this](const MessageInput& in) { return llm_.cover_letter(in); }, messages.cover_letter,
      messages.cover_letter_status);
  generate(
      context.settings.enable_outreach_message, "Outreach message",
      [this](const MessageInput& in) { return llm_.outreach(in); }, messages.outreach_message,
      messages.outreach_status);
  return messages;
}

// --- preview hashes --------------------------------------------------------------

// API-010: the one switch for both halves of the audited preview-hash handling
// (read-modify-write on preview, any hash accepted on confirm).
bool ImprovePipeline::audited_preview_hashes() const { return defects_.on(Issue::kApi010); }

bool ImprovePipeline::write_preview_hash_as_audited(const ImproveContext& context,
                                                    const std::string& hash) const {
  // Read, copy, add, write back: concurrent previews lose each other's entries.
  const auto job = store_.get_job(context.job_id);
  if (!job) return false;
  Json hashes = field_or(*job, "preview_hashes", nullptr);
  if (!hashes.is_object()) hashes = Json::object();
  hashes[context.prompt_id] = hash;
  return store_.update_job(context.job_id, {{"preview_hashes", hashes}}).has_value();
}

void ImprovePipeline::save_preview_hash(const ImproveContext& context, const std::string& hash,
                                        std::vector<std::string>& warnings) const {
  bool saved = false;
  try {
    saved = audited_preview_hashes()
                ? write_preview_hash_as_audited(context, hash)
                : store_.set_preview_hash(context.job_id, context.prompt_id, hash);
  } catch (const StoreError& e) {
    log_warning(std::string("preview hash write failed: ") + e.what());
  }
  if (!saved) {
    note_cache_failure(warnings,
                       "The preview hash was not saved, so confirming this preview will be "
                       "refused; run the preview again before confirming.");
  }
}

std::optional<Failure> ImprovePipeline::check_preview_hash(const Document& job,
                                                           const std::string& prompt_id,
                                                           const std::string& hash) const {
  const Json hashes = field_or(job, "preview_hashes", nullptr);
  if (audited_preview_hashes()) {
    // Audited: any stored hash, of any prompt and in any layout, is accepted.
    std::set<std::string> allowed;
    if (hashes.is_object() || hashes.is_array()) {
      for (const auto& value : hashes) {
        if (value.is_string()) allowed.insert(value.get<std::string>());
      }
    } else if (const Json bare = field_or(job, "preview_hash", nullptr); bare.is_string()) {
      allowed.insert(bare.get<std::string>());
    }
    if (allowed.empty()) {
      return bad_request("Preview required before confirmation. Please retry preview.");
    }
    if (allowed.count(hash) == 0) {
      return bad_request("Invalid improved resume data. Please retry preview.");
    }
    return std::nullopt;
  }
  if (hashes.is_null() && !field_or(job, "preview_hash", nullptr).is_string()) {
    return bad_request("No preview found for this job (prompt_id '" + prompt_id +
                       "'). Run the preview before confirming.");
  }
  if (!hashes.is_object()) {
    return bad_request(
        "Invalid preview_hashes format for this job (a legacy list or single preview_hash). "
        "Run the preview again before confirming.");
  }
  const auto entry = hashes.find(prompt_id);
  if (entry == hashes.end() || !entry->is_string() || entry->get<std::string>().empty()) {
    return bad_request("No preview found for prompt_id '" + prompt_id +
                       "'. Run the preview with this prompt before confirming.");
  }
  if (entry->get<std::string>() != hash) {
    return bad_request(
        "Preview hash mismatch: the data does not match the latest preview for "
        "prompt_id '" +
        prompt_id + "' (stale or changed). Please retry preview.");
  }
  return std::nullopt;
}

// --- confirm -----------------------------------------------------------------------

// API-013: the one switch for the audited confirm (raw data stored, no compensation).
bool ImprovePipeline::audited_confirm_writes() const { return defects_.on(Issue::kApi013); }

Outcome<Json> ImprovePipeline::confirmed_data(const Json& improved_data) const {
  if (audited_confirm_writes()) return improved_data;  // audited: stored as sent
  auto check = validate_resume_data(improved_data);
  if (!check.ok()) {
    return unprocessable("improved_data is not a valid resume: " + *check.error +
                         ". Please regenerate the preview.");
  }
  return std::move(check.data);
}

std::optional<Failure> ImprovePipeline::check_personal_info(const ImproveContext& context,
                                                            const Json& improved) const {
  if (context.original_data.is_null()) return std::nullopt;
  const Json original = field_or(context.original_data, "personalInfo", nullptr);
  const Json confirmed = field_or(improved, "personalInfo", nullptr);
  // An original without personalInfo was already reported at preview (API-006).
  if (!original.is_object()) return std::nullopt;
  if (!confirmed.is_object()) {
    return bad_request(
        "Invalid improved resume data: personalInfo is missing. Please retry "
        "preview.");
  }
  std::set<std::string> fields;
  for (const auto& [key, value] : original.items()) fields.insert(key);
  for (const auto& [key, value] : confirmed.items()) fields.insert(key);
  std::string changed;
  for (const std::string& field : fields) {
    if (personal_value(field_or(original, field.c_str(), nullptr)) !=
        personal_value(field_or(confirmed, field.c_str(), nullptr))) {
      changed += (changed.empty() ? "" : ", ") + field;
    }
  }
  if (changed.empty()) return std::nullopt;
  return bad_request("Invalid improved resume data: personalInfo fields changed: " + changed +
                     ". Please retry preview.");
}

Outcome<Document> ImprovePipeline::store_tailored(const ImproveContext& context, const Json& data,
                                                  const AuxiliaryMessages& messages,
                                                  const Json& improvements) const {
  NewResume tailored;
  tailored.content = data.dump(2);
  tailored.content_type = "json";
  tailored.filename = "tailored_" + string_field(context.resume, "filename", "resume");
  tailored.parent_id = context.resume_id;
  tailored.processed_data = data;
  tailored.processing_status = "ready";
  if (messages.cover_letter.is_string()) {
    tailored.cover_letter = messages.cover_letter.get<std::string>();
  }
  if (messages.outreach_message.is_string()) {
    tailored.outreach_message = messages.outreach_message.get<std::string>();
  }

  Document stored;
  try {
    stored = store_.create_resume(tailored, MasterPolicy::kNotMaster);
  } catch (const StoreError& e) {
    log_error(std::string("could not store the tailored resume: ") + e.what());
    return internal_error(
        "Could not save the tailored resume; nothing was stored. Please try "
        "again.");
  }
  const std::string tailored_id = string_field(stored, "resume_id");

  NewImprovement record;
  record.original_resume_id = context.resume_id;
  record.tailored_resume_id = tailored_id;
  record.job_id = context.job_id;
  record.improvements = improvements;
  try {
    store_.create_improvement(record);
  } catch (const StoreError& e) {
    log_error("could not store the improvement record of tailored resume " + tailored_id + ": " +
              e.what());
    if (audited_confirm_writes()) {
      // Audited: the tailored resume stays behind without its improvement record.
      return internal_error("Failed to " + action_ + " resume. Please try again.");
    }
    try {
      store_.delete_resume(tailored_id);
    } catch (const StoreError& again) {
      log_error("compensation failed, tailored resume " + tailored_id +
                " is orphaned: " + again.what());
      return internal_error(kStorageFailureDetail);
    }
    return internal_error(
        "Could not save the improvement record, so nothing was stored "
        "(the tailored resume was removed again). Please try again.");
  }
  return stored;
}

// --- response --------------------------------------------------------------------

Json ImprovePipeline::suggestions(const ImproveContext& context, const Json& improved,
                                  const std::vector<std::string>& keywords) const {
  // An original that is missing or no longer validates counts as an empty resume.
  auto original = validate_resume_data(context.original_data);
  if (!original.ok()) original = validate_resume_data(Json::object());
  return improvement_suggestions(original.data, full_dump(improved), keywords);
}

std::string ImprovePipeline::markdown_of_original(const ImproveContext& context) {
  const auto original = validate_resume_data(context.original_data);
  if (context.original_data.is_null() || !original.ok()) {
    return string_field(context.resume, "content");
  }
  return resume_to_markdown(original.data);
}

std::string ImprovePipeline::markdown_of(const Json& resume_data) {
  const auto check = validate_resume_data(resume_data);
  // Only the audited confirm (API-013) gets here with data that does not validate.
  return check.ok() ? resume_to_markdown(check.data) : resume_data.dump(2);
}

std::string ImprovePipeline::hash_of(const Json& resume_data) {
  return preview_hash(full_dump(resume_data));
}

void ImprovePipeline::report_draft(ImproveReport& report, const ImproveContext& context,
                                   const ImproveDraft& draft) {
  report.resume_preview = draft.data;
  report.markdown_original = markdown_of_original(context);
  report.markdown_improved = markdown_of(draft.data);
  report.refinement_stats = draft.refinement_stats;
  report.refinement_attempted = draft.refinement_attempted;
  report.refinement_successful = draft.refinement_successful;
  report.refinement_error = draft.refinement_error;
}

Json ImprovePipeline::response(const ImproveReport& report) {
  const std::string request_id = new_uuid4();
  return Json{
      {"request_id", request_id},
      {"data",
       {
           {"request_id", request_id},
           {"resume_id", report.resume_id},
           {"job_id", report.job_id},
           {"resume_preview", report.resume_preview},
           {"improvements", report.improvements},
           {"markdownOriginal", report.markdown_original},
           {"markdownImproved", report.markdown_improved},
           {"cover_letter", report.messages.cover_letter},
           {"outreach_message", report.messages.outreach_message},
           {"diff_summary", report.diff.summary},
           {"detailed_changes", report.diff.detailed_changes},
           {"refinement_stats", report.refinement_stats},
           {"warnings", report.warnings},
           {"refinement_attempted", report.refinement_attempted},
           {"refinement_successful", report.refinement_successful},
           {"refinement_error", report.refinement_error},
           {"cover_letter_status", report.messages.cover_letter_status},
           {"outreach_status", report.messages.outreach_status},
       }},
  };
}

}  // namespace rm
