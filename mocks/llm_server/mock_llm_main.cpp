// mock-llm: an OpenAI-compatible language model for the over-HTTP targets
// (see mock_llm_service.hpp). Prints "mock-llm listening on http://HOST:PORT"
// once it accepts connections; SIGINT / SIGTERM stop it (exit 0).

#include <charconv>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "mocks/llm_server/mock_llm_service.hpp"
#include "reference/server/pistache_server.hpp"
#include "reference/server/server_options.hpp"
#include "reference/server/stop_signals.hpp"

namespace {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = 4;
  std::optional<std::string> rules_file;
  std::int64_t timeout_hold_ms = 120000;
  bool help = false;
  bool print_rules = false;
};

std::string usage(const char* program) {
  std::string out = "usage: ";
  out += program;
  out +=
      " [--host H] [--port P] [--threads N] [--rules FILE] [--timeout-hold-ms T]\n"
      "       [--print-rules]\n"
      "\n"
      "An OpenAI-compatible language model answering with deterministic content built\n"
      "from each request, for testing an implementation over HTTP:\n"
      "  POST /v1/chat/completions   the operation comes from the X-Operation header\n"
      "                              (parse_resume, extract_keywords, improve, refine,\n"
      "                              cover_letter, outreach: typed JSON input), else from\n"
      "                              the --rules, else from what the prompt asks for (the\n"
      "                              Python backend's prompts, enrichment_* included); a\n"
      "                              short prompt is a health check, anything else\n"
      "                              `unknown` (a generic answer, journaled with a hint)\n"
      "  GET  /v1/models             (both also without the /v1 prefix)\n"
      "  /__control/...              fault-control API for llm rules (docs/fault-plan.md);\n"
      "                              GET /__control/calls counts requests and calls per\n"
      "                              operation, GET /__control/log lists the last calls;\n"
      "                              loopback clients only\n"
      "Flags:\n"
      "  --host H              address to listen on (default 127.0.0.1)\n"
      "  --port P              port; 0 (default) picks a free one\n"
      "  --threads N           I/O threads, 1-256 (default 4; held calls wait on workers)\n"
      "  --rules FILE          JSON [{operation, pattern, role?, args?}] naming the operation\n"
      "                        of prompts by regex over the messages, tried before the\n"
      "                        built-in recognition (see --print-rules)\n"
      "  --timeout-hold-ms T   longest a `timeout` fault holds its answer when the client\n"
      "                        does not give up (close) first (default 120000)\n"
      "  --print-rules         print an example rules file and exit\n"
      "  --help                this text\n"
      "On start it prints one line: mock-llm listening on http://HOST:PORT\n";
  return out;
}

std::optional<std::int64_t> parse_int(const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// nullopt + `error` on bad arguments.
std::optional<Options> parse(const std::vector<std::string>& args, std::string& error) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (const std::size_t eq = flag.find('=');
        flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (flag == "--help" || flag == "-h" || flag == "--print-rules") {
      if (value) {
        error = flag + " takes no value";
        return std::nullopt;
      }
      (flag == "--print-rules" ? options.print_rules : options.help) = true;
      continue;
    }
    if (flag != "--host" && flag != "--port" && flag != "--threads" && flag != "--rules" &&
        flag != "--timeout-hold-ms") {
      error = "unknown argument: " + args[i];
      return std::nullopt;
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        error = flag + " needs a value";
        return std::nullopt;
      }
      value = args[++i];
    }
    if (flag == "--host") {
      if (value->empty()) {
        error = "--host needs a non-empty value";
        return std::nullopt;
      }
      options.host = *value;
    } else if (flag == "--rules") {
      options.rules_file = *value;
    } else {
      const bool port = flag == "--port", threads = flag == "--threads";
      const auto number = parse_int(*value, port ? 0 : 1, port ? 65535 : threads ? 256 : 3600000);
      if (!number) {
        error = flag + " is out of range: '" + *value + "'";
        return std::nullopt;
      }
      if (port) {
        options.port = static_cast<int>(*number);
      } else if (threads) {
        options.threads = static_cast<int>(*number);
      } else {
        options.timeout_hold_ms = *number;
      }
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const rm::StopSignals stop_signals;  // before any thread starts

  const char* program = argc > 0 ? argv[0] : "mock-llm";
  std::string error;
  const std::optional<Options> options =
      parse(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::fprintf(stderr, "mock-llm: %s\n%s", error.c_str(), usage(program).c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(usage(program).c_str(), stdout);
    return 0;
  }
  if (options->print_rules) {
    std::printf("%s\n", rm::OperationRules::example_json().dump(2).c_str());
    return 0;
  }

  rm::MockLlmOptions service_options;
  service_options.timeout_hold = std::chrono::milliseconds(options->timeout_hold_ms);
  if (options->rules_file) {
    std::ifstream in(*options->rules_file);
    if (!in) {
      std::fprintf(stderr, "mock-llm: cannot read --rules %s\n", options->rules_file->c_str());
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      service_options.rules = rm::OperationRules::from_json(rm::Json::parse(text.str()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "mock-llm: --rules %s: %s\n", options->rules_file->c_str(), e.what());
      return 2;
    }
  }
  if (!rm::is_loopback_host(options->host)) {
    std::fprintf(stderr,
                 "mock-llm: listening on non-loopback %s; the control API still answers "
                 "loopback clients only\n",
                 options->host.c_str());
  }

  try {
    auto service = std::make_shared<rm::MockLlmService>(std::move(service_options));
    rm::HttpServer server(rm::HttpServer::ClientHandler(
        [service](const rm::ApiRequest& request, const rm::ClientConnection& client) {
          return service->handle(request, client);
        }));
    const int port = server.start(options->host, options->port, options->threads);
    std::printf("mock-llm listening on http://%s:%d\n", rm::url_host(options->host).c_str(), port);
    std::fflush(stdout);
    stop_signals.wait();
    // Held calls (gates, delays, timeouts) end before the server joins its threads.
    service->release_all();
    server.stop();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mock-llm: %s\n", e.what());
    return 1;
  }
}
