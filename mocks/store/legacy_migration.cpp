#include "mocks/store/legacy_migration.hpp"

#include "reference/domain/processing_status.hpp"

namespace rm {

int migrate_legacy_resumes(Json& tables) {
  auto resumes = tables.find("resumes");
  if (resumes == tables.end() || !resumes->is_object()) return 0;
  int migrated = 0;
  for (auto& record : *resumes) {
    if (!record.is_object()) continue;
    auto status = record.find("processing_status");
    if (status != record.end() && !status->is_null()) continue;
    record["processing_status"] = inferred_processing_status(record);
    ++migrated;
  }
  return migrated;
}

}  // namespace rm
