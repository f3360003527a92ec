#pragma once
// API-005: resume records written before `processing_status` existed. The audited
// code read them all as "pending"; on open, the store writes the inferred status
// back, once, and changes nothing else.
#include <string>

#include "reference/ports/document.hpp"

namespace rm {

// The status a legacy resume record stands for: "ready" when processed_data is
// present and not null, else "pending" when content is a non-empty string, else "failed".
std::string infer_legacy_processing_status(const Json& resume);

// Adds the inferred processing_status to every resume record (in TinyDB's layout,
// tables["resumes"]) that has none (absent or null). Touches no other field, not
// even updated_at. Returns how many records it changed.
int migrate_legacy_resumes(Json& tables);

}  // namespace rm
