#pragma once
// Which tables a store operation reads or writes. Schedule exploration uses it to
// tell which pending operations of two requests can affect each other: two
// accesses conflict when they touch one table and at least one writes. Coarse on
// purpose (whole tables, not records): never misses a conflict, at the price of
// exploring a few orderings that could not differ.
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

struct TableAccess {
  std::string table;  // "resumes", "jobs", "improvements"
  bool write = false;
  bool operator==(const TableAccess&) const = default;
};

// The tables a Store operation touches ("create_resume" -> resumes, write). An
// operation not known here touches every table, writing (the safe guess).
std::vector<TableAccess> store_operation_access(std::string_view operation);

// Whether some access of `a` conflicts with some access of `b`.
bool conflicts(const std::vector<TableAccess>& a, const std::vector<TableAccess>& b);

// [{"table": "resumes", "write": true}, ...] and back (the control API's form).
Json access_to_json(const std::vector<TableAccess>& access);
std::vector<TableAccess> access_from_json(const Json& json);

}  // namespace rm
