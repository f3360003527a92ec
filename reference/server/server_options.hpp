#pragma once
// reference-server's command line:
//   reference-server [--host H] [--port P] [--threads N] [--data-dir D] [--defect API-NNN]
// Both "--flag value" and "--flag=value" are accepted.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/service/defects.hpp"

namespace rm {

struct ReferenceServerOptions {
  std::string host = "127.0.0.1";
  int port = 8000;  // 0 = a free port, printed on start
  int threads = 4;
  std::optional<std::filesystem::path> data_dir;  // in-memory store without it
  std::optional<Issue> defect;                    // one audited defect re-enabled
  bool help = false;
};

struct OptionsParse {
  std::optional<ReferenceServerOptions> options;  // set when the arguments are valid
  std::string error;                              // why not, otherwise
};

// `args` excludes the program name.
OptionsParse parse_server_options(const std::vector<std::string>& args);

std::string server_usage(std::string_view program);

}  // namespace rm
