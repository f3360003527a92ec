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

Outcome<Json> ResumeService::list_resumes(bool include_master) {
  return guarded<Json>("list resumes", [&]() -> Outcome<Json> {
    std::vector<Document> resumes = ports_.store->list_resume_summaries();
    if (!include_master) {
      std::erase_if(resumes, [](const Document& resume) {
        const Json is_master = field_or(resume, "is_master", false);
        return is_master.is_boolean() && is_master.get<bool>();
      });
    }
    // The sort key read once per record, not per comparison.
    std::vector<std::pair<std::string, Document*>> order;
    order.reserve(resumes.size());
    for (Document& resume : resumes)
      order.emplace_back(string_field(resume, "updated_at"), &resume);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    // Built field by field, moving out of the summaries the store copied: an
    // initializer list would copy every value twice more.
    Json summaries = Json::array();
    summaries.get_ref<Json::array_t&>().reserve(order.size());
    for (auto& entry : order) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
      Document* resume = entry.second;
      const Json is_master = field_or(*resume, "is_master", false);
      Json summary = Json::object();
      auto take = [&](const char* field) {
        auto it = resume->find(field);
        summary[field] = it == resume->end() ? Json(nullptr) : std::move(*it);
      };
      summary["processing_status"] = processing_status_of(*resume);
      take("resume_id");
      take("filename");
      summary["is_master"] = is_master.is_boolean() && is_master.get<bool>();
      take("parent_id");
      summary["created_at"] = string_field(*resume, "created_at");
      summary["updated_at"] = std::move(entry.first);
      summaries.push_back(std::move(summary));
    }
    return Json{{"request_id", new_uuid4()}, {"data", std::move(summaries)}};
  });
}

}  // namespace rm
