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
      "\n"
      "Serves the resume API (contract.md) on http://H:P/api/v1.\n"
      "  --host H          address to listen on (default 127.0.0.1)\n"
      "  --port P          port; 0 picks a free one (default 8000)\n"
      "  --threads N       I/O threads, 1-256 (default 4)\n"
      "  --data-dir D      keep data in D/database.json (TinyDB layout) and D/config.json;\n"
      "                    without it everything stays in memory\n"
      "  --defect API-NNN  re-enable one audited defect (API-001 .. API-013)\n"
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
    const bool known = flag == "--host" || flag == "--port" || flag == "--threads" ||
                       flag == "--data-dir" || flag == "--defect";
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
    } else {
      const std::optional<Issue> issue = parse_issue_id(*value);
      if (!issue)
        return {std::nullopt, "--defect must name API-001 .. API-013, got '" + *value + "'"};
      options.defect = issue;
    }
  }
  return {options, {}};
}

}  // namespace rm
