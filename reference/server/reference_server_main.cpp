// reference-server: the composition root. In-memory store, settings, the
// deterministic built-in LLM and the text converter by default; --data-dir puts
// the store and settings on disk in the Python backend's layout; --llm URL talks
// to an OpenAI-compatible API; --fault-control wraps the store and converter in
// the fault decorators and serves their control API under /__control/.

#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "mocks/converter/text_document_converter.hpp"
#include "mocks/fault/actor_request.hpp"
#include "mocks/fault/fault_control_api.hpp"
#include "mocks/fault/faulty_converter.hpp"
#include "mocks/fault/faulty_store.hpp"
#include "mocks/fault/schedule_control_api.hpp"
#include "mocks/fault/scheduled_llm.hpp"
#include "mocks/fault/scheduled_store.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/settings/file_settings_store.hpp"
#include "mocks/settings/memory_settings_store.hpp"
#include "mocks/store/data_dir_lock.hpp"
#include "mocks/store/file_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "reference/adapters/http_llm.hpp"
#include "reference/http/api_router.hpp"
#include "reference/server/heap_policy.hpp"
#include "reference/server/pistache_server.hpp"
#include "reference/server/server_options.hpp"
#include "reference/server/stop_signals.hpp"

namespace {

rm::ServicePorts make_ports(const rm::ReferenceServerOptions& options) {
  rm::ServicePorts ports;
  if (options.llm == "builtin") {
    ports.llm = std::make_shared<rm::BuiltinLlm>();
  } else {
    rm::HttpLlmOptions llm;
    llm.base_url = options.llm;
    llm.model = options.llm_model;
    llm.total_timeout = std::chrono::milliseconds(options.llm_timeout_ms);
    llm.plain_prompts = options.llm_plain_prompts;
    ports.llm = std::make_shared<rm::HttpLlm>(std::move(llm));
  }
  ports.converter = std::make_shared<rm::TextDocumentConverter>();
  if (options.data_dir) {
    std::filesystem::create_directories(*options.data_dir);
    const std::filesystem::path database = *options.data_dir / "database.json";
    if (options.defect == rm::Issue::kApi005 && std::filesystem::exists(database)) {
      // The audited backend had no open-time migration, and FileStore always
      // migrates: the file's tables are served from memory, legacy records as
      // written (the file is left untouched, so they stay legacy across restarts;
      // writes of this run are not persisted).
      std::ifstream in(database, std::ios::binary);
      ports.store = std::make_shared<rm::MemoryStore>(rm::Json::parse(in));
      std::fprintf(stderr, "reference-server: API-005 defect: %s served from memory, unmigrated\n",
                   database.c_str());
    } else {
      ports.store = std::make_shared<rm::FileStore>(database);
    }
    ports.settings = std::make_shared<rm::FileSettingsStore>(*options.data_dir);
  } else {
    ports.store = std::make_shared<rm::MemoryStore>();
    ports.settings = std::make_shared<rm::MemorySettingsStore>();
  }
  return ports;
}

bool loopback_peer(const std::string& peer) {
  return rm::is_loopback_host(peer) || peer.rfind("::ffff:127.", 0) == 0;
}

// With --fault-control: the store and converter behind one injector, store and LLM
// behind the scheduler's points, and a handler that answers /__control/* (loopback
// peers only; plus GET /__control/store, the stored tables) before the API routes.
rm::HttpServer::Handler fault_controlled(rm::ServicePorts& ports, const rm::DefectSwitch& defects,
                                         std::shared_ptr<rm::ResumeService>& service) {
  auto injector = std::make_shared<rm::FaultInjector>();
  auto scheduler = std::make_shared<rm::Scheduler>();
  auto store = ports.store;
  auto settings = ports.settings;
  // Schedule points inside the store's own locking, where it offers them.
  if (auto memory = std::dynamic_pointer_cast<rm::MemoryStore>(store)) {
    memory->observe_locks(scheduler);
  }
  ports.store = std::make_shared<rm::ScheduledStore>(
      std::make_shared<rm::FaultyStore>(store, injector), scheduler);
  ports.llm = std::make_shared<rm::ScheduledLlm>(ports.llm, scheduler);
  ports.converter = std::make_shared<rm::FaultyConverter>(ports.converter, injector);
  auto schedule_control = std::make_shared<rm::ScheduleControlApi>(scheduler);
  auto control = std::make_shared<rm::FaultControlApi>(
      injector,
      [store, settings, scheduler] {
        scheduler->end();
        store->clear();
        settings->save(rm::Json::object());
      },
      std::set<rm::FaultComponent>{rm::FaultComponent::kStore, rm::FaultComponent::kConverter});
  service = std::make_shared<rm::ResumeService>(ports, defects);
  auto router = std::make_shared<rm::ApiRouter>(service);
  return [control, schedule_control, router, scheduler, store](const rm::ApiRequest& request,
                                                               const std::string& peer) {
    if (request.path == "/__control" || request.path.rfind("/__control/", 0) == 0) {
      if (!loopback_peer(peer)) {
        return rm::error_response(403, "the fault-control API answers loopback clients only");
      }
      // The stored tables as the unfaulted store holds them (TinyDB layout), for
      // a harness that checks stored state.
      if (request.path == "/__control/store") {
        return request.method == "GET"
                   ? rm::json_response(200, rm::Json{{"tables", store->export_tables()}})
                   : rm::error_response(405, "Method Not Allowed");
      }
      if (auto response = schedule_control->handle(request)) return *response;
      if (auto response = control->handle(request)) return *response;
    }
    return rm::handle_as_actor(*scheduler, request, [&router](const rm::ApiRequest& tagged) {
      return router->handle(tagged);
    });
  };
}

}  // namespace

int main(int argc, char** argv) {
  const rm::StopSignals stop_signals;  // before any thread starts
  // A long run's RSS follows its live data (heap_policy.hpp); best-effort.
  rm::return_large_blocks_to_the_kernel();

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

  // The data dir is this process's alone, from before anything reads it until exit.
  std::optional<rm::DataDirLock> data_dir_lock;
  if (options.data_dir) {
    rm::DataDirLock::Result locked = rm::DataDirLock::acquire(*options.data_dir);
    if (!locked.lock) {
      std::fprintf(stderr, "reference-server: %s\n", locked.error.c_str());
      return 2;
    }
    data_dir_lock = std::move(locked.lock);
  }

  try {
    rm::ServicePorts ports = make_ports(options);
    const rm::DefectSwitch defects(options.defect);
    std::shared_ptr<rm::ResumeService> service;
    std::unique_ptr<rm::HttpServer> server_holder;
    if (options.fault_control) {
      server_holder = std::make_unique<rm::HttpServer>(fault_controlled(ports, defects, service));
    } else {
      service = std::make_shared<rm::ResumeService>(ports, defects);
      server_holder = std::make_unique<rm::HttpServer>(std::make_shared<rm::ApiRouter>(service));
    }
    rm::HttpServer& server = *server_holder;
    const int port = server.start(options.host, options.port, options.threads);
    if (options.defect) {
      std::fprintf(stderr, "reference-server: audited defect %s re-enabled\n",
                   rm::issue_id(*options.defect).c_str());
    }
    if (options.fault_control) {
      std::fprintf(stderr, "reference-server: fault-control API on /__control/\n");
    }
    std::printf("reference-server listening on http://%s:%d\n", rm::url_host(options.host).c_str(),
                port);
    std::fflush(stdout);

    stop_signals.wait();
    server.stop();
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "reference-server: %s\n", error.what());
    return 1;
  }
}
