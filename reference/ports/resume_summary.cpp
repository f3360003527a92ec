#include "reference/ports/resume_summary.hpp"

#include "reference/ports/processing_status_value.hpp"

namespace rm {

Document resume_summary(const Document& record) {
  if (!record.is_object()) return record;
  Document summary = Json::object();
  for (const char* field : {"resume_id", "filename", "is_master", "parent_id", "processing_status",
                            "created_at", "updated_at"}) {
    auto it = record.find(field);
    if (it != record.end()) summary[field] = *it;
  }
  auto status = record.find("processing_status");
  const bool known = status != record.end() && is_processing_status(*status);
  if (!known) {
    for (const char* field : {"content", "processed_data"}) {
      auto it = record.find(field);
      if (it != record.end()) summary[field] = *it;
    }
  }
  return summary;
}

}  // namespace rm
