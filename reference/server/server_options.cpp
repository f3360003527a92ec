#include "reference/server/server_options.hpp"

#include <charconv>

namespace rm {
namespace {

std::optional<int> parse_int(std::string_view text, int min, int max) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string server_usage(std::string_view program) {
  std::string out = "usage: ";
  out += program;
  out +=
      " [--host H] [--port P] [--threads N] [--data-dir D] [--defect API-NNN]\n"
      "       [--llm builtin|URL] [--llm-model M] [--llm-timeout-ms T]\n"
      "       [--llm-prompts typed|plain] [--fault-control]\n"
      "\n"
      "Serves the resume API (contract.md) on http://H:P/api/v1.\n"
      "  --host H          address to listen on (default 127.0.0.1)\n"
      "  --port P          port; 0 picks a free one (default 8000)\n"
      "  --threads N       I/O threads, 1-256 (default 4)\n"
      "  --data-dir D      keep data in D/database.json (TinyDB layout) and D/config.json;\n"
      "                    without it everything stays in memory\n"
      "  --defect API-NNN  re-enable one audited defect (API-001 .. API-013)\n"
      "  --llm builtin|URL the language model: the deterministic built-in one (default), or\n"
      "                    the base URL of an OpenAI-compatible API, e.g.\n"
      "                    http://127.0.0.1:9000/v1 (a mock-llm)\n"
      "  --llm-model M     model name sent to an HTTP LLM (default rm-reference)\n"
      "  --llm-timeout-ms T  total time one HTTP LLM call may take, 1-600000 (default 30000)\n"
      "  --llm-prompts typed|plain  how an HTTP LLM is asked: typed JSON input with an\n"
      "                    X-Operation header (default; for mock-llm), or plain-language\n"
      "                    prompts with no header (for a real model; against mock-llm it\n"
      "                    checks that operations are told apart by content)\n"
      "  --fault-control   serve the fault-control API under /__control/ (store and\n"
      "                    converter rules, gates, journal, reset); loopback hosts only\n"
      "  --help            this text\n"
      "On start it prints one line: reference-server listening on http://HOST:PORT\n";
  return out;
}

OptionsParse parse_server_options(const std::vector<std::string>& args) {
  ReferenceServerOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (const std::size_t eq = flag.find('=');
        flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (flag == "--help" || flag == "-h") {
      if (value) return {std::nullopt, "--help takes no value"};
      options.help = true;
      continue;
    }
    if (flag == "--fault-control") {
      if (value) return {std::nullopt, "--fault-control takes no value"};
      options.fault_control = true;
      continue;
    }
    const bool known = flag == "--host" || flag == "--port" || flag == "--threads" ||
                       flag == "--data-dir" || flag == "--defect" || flag == "--llm" ||
                       flag == "--llm-model" || flag == "--llm-timeout-ms" ||
                       flag == "--llm-prompts";
    if (!known) return {std::nullopt, "unknown argument: " + args[i]};
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, flag + " needs a value"};
      value = args[++i];
    }
    if (flag == "--host") {
      if (value->empty()) return {std::nullopt, "--host needs a non-empty value"};
      options.host = *value;
    } else if (flag == "--port") {
      const std::optional<int> port = parse_int(*value, 0, 65535);
      if (!port) return {std::nullopt, "--port must be 0-65535, got '" + *value + "'"};
      options.port = *port;
    } else if (flag == "--threads") {
      const std::optional<int> threads = parse_int(*value, 1, 256);
      if (!threads) return {std::nullopt, "--threads must be 1-256, got '" + *value + "'"};
      options.threads = *threads;
    } else if (flag == "--data-dir") {
      if (value->empty()) return {std::nullopt, "--data-dir needs a non-empty value"};
      options.data_dir = std::filesystem::path(*value);
    } else if (flag == "--llm") {
      if (*value != "builtin" && value->rfind("http://", 0) != 0 &&
          value->rfind("https://", 0) != 0) {
        return {std::nullopt, "--llm must be 'builtin' or an http(s):// URL, got '" + *value + "'"};
      }
      options.llm = *value;
    } else if (flag == "--llm-model") {
      if (value->empty()) return {std::nullopt, "--llm-model needs a non-empty value"};
      options.llm_model = *value;
    } else if (flag == "--llm-prompts") {
      if (*value != "typed" && *value != "plain") {
        return {std::nullopt, "--llm-prompts must be typed or plain, got '" + *value + "'"};
      }
      options.llm_plain_prompts = *value == "plain";
    } else if (flag == "--llm-timeout-ms") {
      const std::optional<int> ms = parse_int(*value, 1, 600000);
      if (!ms) return {std::nullopt, "--llm-timeout-ms must be 1-600000, got '" + *value + "'"};
      options.llm_timeout_ms = *ms;
    } else {
      const std::optional<Issue> issue = parse_issue_id(*value);
      if (!issue)
        return {std::nullopt, "--defect must name API-001 .. API-013, got '" + *value + "'"};
      options.defect = issue;
    }
  }
  if (options.fault_control && !is_loopback_host(options.host)) {
    return {std::nullopt,
            "--fault-control needs a loopback --host (127.0.0.1, ::1, localhost), got '" +
                options.host + "'"};
  }
  return {options, {}};
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8 written as a dotted quad.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace rm
