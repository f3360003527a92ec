#include "mocks/fault/table_access.hpp"

#include <map>

namespace rm {
namespace {

constexpr const char* kResumes = "resumes";
constexpr const char* kJobs = "jobs";
constexpr const char* kImprovements = "improvements";

std::vector<TableAccess> every_table(bool write) {
  return {{kResumes, write}, {kJobs, write}, {kImprovements, write}};
}

}  // namespace

std::vector<TableAccess> store_operation_access(std::string_view operation) {
  static const std::map<std::string, std::vector<TableAccess>, std::less<>> kAccess = {
      {"create_resume", {{kResumes, true}}},  // kMasterIfNone reads the master too
      {"get_resume", {{kResumes, false}}},
      {"list_resumes", {{kResumes, false}}},
      {"list_resume_summaries", {{kResumes, false}}},
      {"update_resume", {{kResumes, true}}},
      {"delete_resume", {{kResumes, true}, {kImprovements, true}}},  // cascades
      {"get_master_resume", {{kResumes, false}}},
      {"set_master", {{kResumes, true}}},
      {"create_job", {{kJobs, true}}},
      {"get_job", {{kJobs, false}}},
      {"update_job", {{kJobs, true}}},
      {"set_preview_hash", {{kJobs, true}}},
      {"create_improvement", {{kImprovements, true}}},
      {"get_improvement_by_tailored_resume", {{kImprovements, false}}},
      {"stats", every_table(false)},
      {"export_tables", every_table(false)},
      {"clear", every_table(true)},
  };
  const auto found = kAccess.find(operation);
  return found == kAccess.end() ? every_table(true) : found->second;
}

bool conflicts(const std::vector<TableAccess>& a, const std::vector<TableAccess>& b) {
  for (const TableAccess& x : a) {
    for (const TableAccess& y : b) {
      if (x.table == y.table && (x.write || y.write)) return true;
    }
  }
  return false;
}

Json access_to_json(const std::vector<TableAccess>& access) {
  Json out = Json::array();
  for (const TableAccess& item : access) {
    out.push_back({{"table", item.table}, {"write", item.write}});
  }
  return out;
}

std::vector<TableAccess> access_from_json(const Json& json) {
  std::vector<TableAccess> out;
  if (!json.is_array()) return out;
  for (const Json& item : json) {
    if (!item.is_object()) continue;
    out.push_back({item.value("table", std::string()), item.value("write", false)});
  }
  return out;
}

}  // namespace rm
