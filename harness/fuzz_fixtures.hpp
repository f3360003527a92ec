#pragma once
// The fixture databases a fuzzed sequence may start from (TinyDB layout), each
// one a fault of the contract that only stored data can show: legacy records
// without processing_status (API-005), a tailored resume whose improvement
// record is gone (API-012), legacy preview hashes (API-010 d), an original
// without personalInfo (API-006), an original that is not ResumeData-shaped
// (API-007 calculation_error). The records come from flows.hpp, as the
// scenarios' fixtures do.
#include <optional>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::harness::fuzz {

// "legacy_status", "orphan_tailored", "legacy_hashes", "no_personal_info",
// "malformed_summary".
const std::vector<std::string>& fixture_names();

// The tables of `name`; nullopt for an unknown name.
std::optional<Json> fixture_database(const std::string& name);

// A preview that the fixture's data stands for (its hash is stored in the
// legacy layouts of "legacy_hashes"), so that a sequence can confirm it.
struct FixturePreview {
  std::string resume_id;
  std::string job_id;
  std::string prompt_id;
  Json resume_preview;
};
std::vector<FixturePreview> fixture_previews(const std::string& name);

}  // namespace rm::harness::fuzz
