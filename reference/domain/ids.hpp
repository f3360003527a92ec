#pragma once
// Identifiers and timestamps as the Python backend writes them.
#include <chrono>
#include <string>

namespace rm {

// Random UUID4, lowercase, hyphenated.
std::string new_uuid4();
// UTC now as Python's datetime.now(timezone.utc).isoformat():
// "2025-01-31T12:34:56.123456+00:00".
std::string now_iso8601();
// The same format for a given instant. Like Python, the fraction is omitted
// when the microsecond is 0 ("2025-01-31T12:34:56+00:00").
std::string format_iso8601(std::chrono::system_clock::time_point t);

}  // namespace rm
