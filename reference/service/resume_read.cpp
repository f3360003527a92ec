// GET /resumes, GET /resumes/list, and the processing status of legacy records.
#include <algorithm>

#include "reference/domain/ids.hpp"
#include "reference/domain/processing_status.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

namespace {

// processed_data as the backend returns it on read: sectionMeta filled in
// (normalize_resume_data), every default present; null when there is none.
Json processed_resume_of(const Document& resume) {
  const Json processed = field_or(resume, "processed_data", nullptr);
  if (!truthy(processed)) return nullptr;
  Json normalized = processed.is_object() ? with_default_section_meta(processed) : processed;
  auto check = validate_resume_data(normalized);
  if (check.ok()) return std::move(check.data);
  // A record that no longer validates is still shown rather than failing the read.
  log_warning("stored processed_data of resume " + string_field(resume, "resume_id") +
              " is not a valid resume: " + *check.error);
  return normalized;
}

}  // namespace

// API-005: records written before processing_status existed.
std::string ResumeService::processing_status_of(const Document& resume) const {
  const Json stored = field_or(resume, "processing_status", nullptr);
  if (is_processing_status(stored)) return stored.get<std::string>();
  if (defects_.on(Issue::kApi005)) return "pending";  // audited: .get(..., "pending")
  return inferred_processing_status(resume);
}

Json ResumeService::fetch_response(const Document& resume) const {
  const Json raw{
      {"id", nullptr},
      {"content", string_field(resume, "content")},
      {"content_type", string_field(resume, "content_type", "md")},
      {"created_at", string_field(resume, "created_at")},
      {"processing_status", processing_status_of(resume)},
  };
  return Json{
      {"request_id", new_uuid4()},
      {"data",
       {
           {"resume_id", field_or(resume, "resume_id", nullptr)},
           {"raw_resume", raw},
           {"processed_resume", processed_resume_of(resume)},
           {"cover_letter", field_or(resume, "cover_letter", nullptr)},
           {"outreach_message", field_or(resume, "outreach_message", nullptr)},
           {"parent_id", field_or(resume, "parent_id", nullptr)},
       }},
  };
}

Outcome<Json> ResumeService::get_resume(const std::string& resume_id) {
  return guarded<Json>("get resume", [&]() -> Outcome<Json> {
    const auto resume = ports_.store->get_resume(resume_id);
    if (!resume) return not_found("Resume not found");
    return fetch_response(*resume);
  });
}

Json ResumeService::list_data(const std::vector<Document>& summaries, bool include_master) const {
  std::vector<const Document*> shown;
  shown.reserve(summaries.size());
  for (const Document& resume : summaries) {
    const Json is_master = field_or(resume, "is_master", false);
    if (!include_master && is_master.is_boolean() && is_master.get<bool>()) continue;
    shown.push_back(&resume);
  }
  // The sort key read once per record, not per comparison.
  std::vector<std::pair<std::string, const Document*>> order;
  order.reserve(shown.size());
  for (const Document* resume : shown) {
    order.emplace_back(string_field(*resume, "updated_at"), resume);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  Json data = Json::array();
  data.get_ref<Json::array_t&>().reserve(order.size());
  for (auto& entry : order) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const Document& resume = *entry.second;
    const Json is_master = field_or(resume, "is_master", false);
    Json summary = Json::object();
    auto copy = [&](const char* field) { summary[field] = field_or(resume, field, nullptr); };
    summary["processing_status"] = processing_status_of(resume);
    copy("resume_id");
    copy("filename");
    summary["is_master"] = is_master.is_boolean() && is_master.get<bool>();
    copy("parent_id");
    summary["created_at"] = string_field(resume, "created_at");
    summary["updated_at"] = std::move(entry.first);
    data.push_back(std::move(summary));
  }
  return data;
}

Outcome<Json> ResumeService::list_resumes(bool include_master) {
  return guarded<Json>("list resumes", [&]() -> Outcome<Json> {
    const SharedSummaries summaries = ports_.store->shared_resume_summaries();
    return Json{{"request_id", new_uuid4()}, {"data", list_data(*summaries, include_master)}};
  });
}

Outcome<std::string> ResumeService::list_resumes_text(bool include_master) {
  return guarded<std::string>("list resumes", [&]() -> Outcome<std::string> {
    SharedSummaries summaries = ports_.store->shared_resume_summaries();
    std::shared_ptr<const std::string> data = list_cache_.find(summaries, include_master);
    if (!data) {
      // As json_response serialises: invalid UTF-8 in stored text is replaced.
      data = std::make_shared<const std::string>(
          list_data(*summaries, include_master)
              .dump(-1, ' ', false, Json::error_handler_t::replace));
      list_cache_.keep(std::move(summaries), include_master, data);
    }
    // What Json{{"request_id", ...}, {"data", ...}}.dump() prints (keys sorted).
    std::string body;
    body.reserve(data->size() + 64);
    body += "{\"data\":";
    body += *data;
    body += ",\"request_id\":\"";
    body += new_uuid4();
    body += "\"}";
    return body;
  });
}

}  // namespace rm
