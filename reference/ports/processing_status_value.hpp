#pragma once
// The contract's processing statuses of a resume record. A stored value that is
// none of them (a corrupted or foreign record) is read as if the field were
// missing: inferred (reference/domain/processing_status.hpp), never shown as stored.
#include <string>

#include "reference/ports/document.hpp"

namespace rm {

inline bool is_processing_status(const Json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text == "pending" || text == "processing" || text == "ready" || text == "failed";
}

}  // namespace rm
