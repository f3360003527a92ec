// reference-server: the composition root. In-memory store, settings, the
// deterministic built-in LLM and the text converter by default; --data-dir puts
// the store and settings on disk in the Python backend's layout.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "mocks/converter/text_document_converter.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/settings/file_settings_store.hpp"
#include "mocks/settings/memory_settings_store.hpp"
#include "mocks/store/file_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/http/api_router.hpp"
#include "reference/server/pistache_server.hpp"
#include "reference/server/server_options.hpp"

namespace {

rm::ServicePorts make_ports(const rm::ReferenceServerOptions& options) {
  rm::ServicePorts ports;
  ports.llm = std::make_shared<rm::BuiltinLlm>();
  ports.converter = std::make_shared<rm::TextDocumentConverter>();
  if (options.data_dir) {
    std::filesystem::create_directories(*options.data_dir);
    ports.store = std::make_shared<rm::FileStore>(*options.data_dir / "database.json");
    ports.settings = std::make_shared<rm::FileSettingsStore>(*options.data_dir);
  } else {
    ports.store = std::make_shared<rm::MemoryStore>();
    ports.settings = std::make_shared<rm::MemorySettingsStore>();
  }
  return ports;
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
}

}  // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any thread starts, so that every thread
  // inherits the mask and only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const std::vector<std::string> args(argv + 1, argv + argc);
  const rm::OptionsParse parsed = rm::parse_server_options(args);
  const char* program = argc > 0 ? argv[0] : "reference-server";
  if (!parsed.options) {
    std::fprintf(stderr, "reference-server: %s\n%s", parsed.error.c_str(),
                 rm::server_usage(program).c_str());
    return 2;
  }
  const rm::ReferenceServerOptions& options = *parsed.options;
  if (options.help) {
    std::fputs(rm::server_usage(program).c_str(), stdout);
    return 0;
  }

  try {
    auto service =
        std::make_shared<rm::ResumeService>(make_ports(options), rm::DefectSwitch(options.defect));
    rm::HttpServer server(std::make_shared<rm::ApiRouter>(service));
    const int port = server.start(options.host, options.port, options.threads);
    if (options.defect) {
      std::fprintf(stderr, "reference-server: audited defect %s re-enabled\n",
                   rm::issue_id(*options.defect).c_str());
    }
    std::printf("reference-server listening on http://%s:%d\n", url_host(options.host).c_str(),
                port);
    std::fflush(stdout);

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "reference-server: %s\n", error.what());
    return 1;
  }
}
