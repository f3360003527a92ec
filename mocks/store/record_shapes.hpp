#pragma once
// The shape of a new record in each table, exactly as the Python backend's
// database.py writes it. One place, so the stores and the fault decorator (which
// answers for records a dropped write never stored) cannot drift apart.
#include <string>

#include "reference/ports/store.hpp"

namespace rm {

Document resume_record(const NewResume& resume, std::string resume_id, bool is_master,
                       const std::string& now);
Document job_record(const NewJob& job, std::string job_id, const std::string& now);
Document improvement_record(const NewImprovement& improvement, std::string request_id,
                            const std::string& now);

}  // namespace rm
