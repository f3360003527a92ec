// Stored documents: arbitrary database.json bytes (TinyDB layout, legacy shapes
// included) through FileStore's open and its legacy migration (API-005), then
// through the service (GET list, GET each resume, GET status) on the embedded
// reference opened on the same tables. Oracles:
//   - open either refuses cleanly (StoreError with a reason) or succeeds;
//   - migrating twice changes nothing: a second migration of the opened tables
//     changes nothing, a reopen migrates nothing and reads the same tables, and
//     a file that needed no migration is left byte for byte as it was;
//   - the service answers with valid statuses: 200s whose processing_status is
//     one of pending/processing/ready/failed (GET agrees with the list), status
//     counts that match the tables, or a clean error (a detail, never the
//     router's catch-all 500).
// Input: the bytes of database.json.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/support/embedded_session.hpp"
#include "fuzz/support/oracle.hpp"
#include "harness/data_dir.hpp"
#include "harness/requests.hpp"
#include "mocks/store/atomic_file.hpp"
#include "mocks/store/file_store.hpp"
#include "mocks/store/legacy_migration.hpp"

namespace {

constexpr const char* kTarget = "stored_documents";

struct State {
  rm::harness::ScratchDir dir;
  rm::fuzz::EmbeddedSession session;
};

State& state() {
  static State instance;  // its temp dir goes when the process exits normally
  return instance;
}

bool valid_status(const rm::Json& value) {
  return value.is_string() &&
         (value == "pending" || value == "processing" || value == "ready" || value == "failed");
}

std::size_t table_size(const rm::Json& tables, const char* name) {
  const auto table = tables.find(name);
  return table != tables.end() && table->is_object() ? table->size() : 0;
}

// FileStore's open and migration on the raw bytes; the opened tables, or nullopt
// when the store refused the file.
std::optional<rm::Json> open_and_migrate(const std::filesystem::path& file,
                                         const std::string& bytes) {
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  rm::Json tables;
  int migrated = 0;
  try {
    rm::FileStore store(file);
    tables = store.export_tables();
    migrated = store.migrated_on_open();
  } catch (const rm::StoreError& e) {
    rm::fuzz::require(std::string(e.what()).size() > file.string().size() + 2, kTarget,
                      "open refused the file without a reason", e.what());
    return std::nullopt;
  } catch (const std::exception& e) {
    rm::fuzz::oracle_failed(kTarget, "open threw something other than a StoreError", e.what());
  }
  rm::Json again = tables;
  const int second = rm::migrate_legacy_resumes(again);
  rm::fuzz::require(second == 0 && again == tables, kTarget,
                    "migrating the migrated tables changed them", again.dump().substr(0, 300));
  if (migrated == 0) {
    rm::fuzz::require(rm::read_whole_file(file).value_or("") == bytes, kTarget,
                      "open rewrote a file that needed no migration");
  }
  try {
    rm::FileStore reopened(file);
    rm::fuzz::require(reopened.migrated_on_open() == 0, kTarget,
                      "a reopen migrated again (the migration is not written back once)");
    rm::fuzz::require(reopened.export_tables() == tables, kTarget,
                      "a reopen reads other tables than the first open");
  } catch (const rm::StoreError& e) {
    rm::fuzz::oracle_failed(kTarget, "the file the store wrote does not reopen", e.what());
  }
  return tables;
}

void check_response(const rm::ApiRequest& request, const rm::ApiResponse& response) {
  const std::string problem = rm::fuzz::response_problem(response, /*allow_5xx=*/true);
  if (!problem.empty()) {
    rm::fuzz::oracle_failed(kTarget, problem, rm::fuzz::describe(request, response));
  }
}

// `original`: the file's JSON before any migration (the target's store migrates
// it on open); `tables`: what FileStore read, for the counts.
void through_the_service(State& s, const rm::Json& original, const rm::Json& tables) {
  try {
    s.session.reset(original);
  } catch (const rm::StoreError&) {
    return;  // the same refusal as above, through the target
  }
  namespace h = rm::harness;
  const rm::ApiRequest list_request = h::get(h::api("/resumes/list"), {{"include_master", "true"}});
  const rm::ApiResponse list = s.session.send(list_request);
  check_response(list_request, list);
  // id -> the statuses listed for it (a damaged file may hold one id twice; GET
  // then shows the first record in TinyDB's order, the list shows both).
  std::map<std::string, std::vector<rm::Json>> listed;
  if (list.status == 200) {
    const rm::Json body = rm::Json::parse(list.body);
    for (const rm::Json& entry : body.at("data")) {
      rm::fuzz::require(valid_status(entry.value("processing_status", rm::Json())), kTarget,
                        "the list shows an invalid processing_status", entry.dump());
      if (entry.contains("resume_id") && entry["resume_id"].is_string()) {
        listed[entry["resume_id"].get<std::string>()].push_back(entry["processing_status"]);
      }
    }
  }
  int looked_up = 0;
  for (const auto& [id, statuses] : listed) {
    if (++looked_up > 4) break;
    const rm::ApiRequest get_request = h::get(h::api("/resumes"), {{"resume_id", id}});
    const rm::ApiResponse got = s.session.send(get_request);
    check_response(get_request, got);
    if (got.status != 200) continue;
    const rm::Json shown = rm::Json::parse(got.body)
                               .at("data")
                               .at("raw_resume")
                               .value("processing_status", rm::Json());
    rm::fuzz::require(
        valid_status(shown) && std::find(statuses.begin(), statuses.end(), shown) != statuses.end(),
        kTarget, "GET and the list disagree on processing_status",
        id + ": " + shown.dump() + " vs " + rm::Json(statuses).dump());
  }
  const rm::ApiRequest status_request = h::get(h::api("/status"));
  const rm::ApiResponse status = s.session.send(status_request);
  check_response(status_request, status);
  if (status.status == 200) {
    const rm::Json stats = rm::Json::parse(status.body).at("database_stats");
    rm::fuzz::require(
        stats.value("total_resumes", -1) == static_cast<long long>(table_size(tables, "resumes")) &&
            stats.value("total_jobs", -1) == static_cast<long long>(table_size(tables, "jobs")),
        kTarget, "status counts other records than the tables hold", stats.dump());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  State& s = state();
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::optional<rm::Json> tables = open_and_migrate(s.dir.path() / "database.json", bytes);
  if (!tables) return 0;
  const rm::Json original = rm::Json::parse(bytes, nullptr, false);
  // An empty file opens as an empty database; the target needs JSON tables.
  through_the_service(s, original.is_discarded() ? rm::Json::object() : original, *tables);
  return 0;
}
