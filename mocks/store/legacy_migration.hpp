#pragma once
// API-005: resume records written before `processing_status` existed. The audited
// code read them all as "pending"; on open, the store writes the inferred status
// back, once, and changes nothing else.
#include <string>

#include "reference/ports/document.hpp"

namespace rm {

// Adds the inferred processing_status (reference/domain/processing_status.hpp) to every resume
// record (in TinyDB's layout, tables["resumes"]) that has none (absent or null). Touches no other
// field, not even updated_at. Returns how many records it changed.
int migrate_legacy_resumes(Json& tables);

}  // namespace rm
