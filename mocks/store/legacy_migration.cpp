#include "mocks/store/legacy_migration.hpp"

namespace rm {

std::string infer_legacy_processing_status(const Json& resume) {
  auto data = resume.find("processed_data");
  if (data != resume.end() && !data->is_null()) return "ready";
  auto content = resume.find("content");
  if (content != resume.end() && content->is_string() &&
      !content->get_ref<const std::string&>().empty()) {
    return "pending";
  }
  return "failed";
}

int migrate_legacy_resumes(Json& tables) {
  auto resumes = tables.find("resumes");
  if (resumes == tables.end() || !resumes->is_object()) return 0;
  int migrated = 0;
  for (auto& record : *resumes) {
    if (!record.is_object()) continue;
    auto status = record.find("processing_status");
    if (status != record.end() && !status->is_null()) continue;
    record["processing_status"] = infer_legacy_processing_status(record);
    ++migrated;
  }
  return migrated;
}

}  // namespace rm
