#pragma once
// Where the service's log lines go: stderr by default. A program that prints its
// own progress (the harness) redirects or silences them; tests can capture them.
#include <functional>
#include <string_view>

namespace rm {

using ServiceLogSink = std::function<void(std::string_view line)>;

// Replaces the sink for the whole process (thread-safe); an empty function restores stderr.
void set_service_log_sink(ServiceLogSink sink);

}  // namespace rm
