#pragma once
// API-005: the processing_status a resume record stands for when it has none
// (records written before the field existed). One rule, used on read by the
// service and on open by the file store's migration.
#include <string>

#include "reference/ports/document.hpp"
#include "reference/ports/processing_status_value.hpp"

namespace rm {

// The stored status when it is one of the contract's; otherwise, by Python truthiness
// as the audit's fix reads it: processed_data -> "ready", else content ->
// "pending", else "failed".
std::string inferred_processing_status(const Json& resume);

}  // namespace rm
