#pragma once
// reference-server's command line:
//   reference-server [--host H] [--port P] [--threads N] [--data-dir D] [--defect API-NNN]
//                    [--llm builtin|URL] [--llm-model M] [--llm-timeout-ms T]
//                    [--llm-prompts typed|plain] [--fault-control]
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
  // "builtin", or the base URL of an OpenAI-compatible API ("http://127.0.0.1:9000/v1").
  std::string llm = "builtin";
  std::string llm_model = "rm-reference";
  int llm_timeout_ms = 30000;      // total time an HTTP LLM call may take
  bool llm_plain_prompts = false;  // --llm-prompts plain (HttpLlmOptions::plain_prompts)
  // Mounts the fault-control API under /__control/; loopback hosts only.
  bool fault_control = false;
  bool help = false;
};

struct OptionsParse {
  std::optional<ReferenceServerOptions> options;  // set when the arguments are valid
  std::string error;                              // why not, otherwise
};

// `args` excludes the program name.
OptionsParse parse_server_options(const std::vector<std::string>& args);

std::string server_usage(std::string_view program);

// Whether `host` can only be reached from this machine (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(std::string_view host);

}  // namespace rm
