#include "fuzz/support/embedded_session.hpp"

#include <algorithm>

#include "fuzz/support/oracle.hpp"
#include "harness/check.hpp"
#include "harness/flows.hpp"
#include "harness/invariants.hpp"
#include "harness/scenario.hpp"

namespace rm::fuzz {

EmbeddedSession::EmbeddedSession(std::shared_ptr<Llm> model)
    : embedded_(DefectSwitch{}, std::move(model)) {}

EmbeddedSession::Ids EmbeddedSession::standard_state(const char* target_name, bool with_tailored) {
  harness::Check check;
  harness::ScenarioContext context{recording_, check, 1};
  Ids ids;
  const auto master = harness::flows::setup_resume(context);
  const auto job = harness::flows::setup_job(context);
  if (master && job) {
    ids.master = *master;
    ids.job = *job;
    if (with_tailored) {
      if (auto tailored = harness::flows::setup_tailored(context, *master, *job)) {
        ids.tailored = *tailored;
      }
    }
  }
  if (ids.master.empty() || ids.job.empty() || (with_tailored && ids.tailored.empty())) {
    std::string evidence;
    for (const harness::Finding& finding : check.findings()) {
      evidence += finding.what + " (" + finding.evidence + ") ";
    }
    oracle_failed(target_name, "the standard starting state could not be made", evidence);
  }
  return ids;
}

EmbeddedSession::Ids EmbeddedSession::restore_standard_state(const char* target_name,
                                                             bool with_tailored) {
  std::optional<Snapshot>& snapshot = snapshots_[with_tailored ? 1 : 0];
  if (!snapshot) {
    reset();
    Ids ids = standard_state(target_name, with_tailored);
    if (const auto violations = invariant_violations(); !violations.empty()) {
      oracle_failed(target_name, "the standard state breaks a contract section 3 invariant",
                    violations.front());
    }
    std::optional<Json> tables = recording_.store_tables();
    if (!tables) oracle_failed(target_name, "the embedded target shows no store tables", "");
    snapshot = Snapshot{std::move(*tables), std::move(ids)};
    if (embedded_.mark()) marked_ = with_tailored;
    return snapshot->ids;
  }
  // The snapshot was checked when it was taken: it breaks no invariant (so no
  // baseline), and until something is written no check is needed.
  if (marked_ != with_tailored || !embedded_.rollback()) {
    embedded_.set_fixture_storage(harness::EmbeddedTarget::FixtureStorage::kMemory);
    recording_.reset_to_known(snapshot->tables, {});
    embedded_.set_fixture_storage(harness::EmbeddedTarget::FixtureStorage::kFile);
    marked_.reset();
    if (embedded_.mark()) marked_ = with_tailored;
  }
  track(snapshot->ids);
  checked_ = now();
  return snapshot->ids;
}

void EmbeddedSession::track(const Ids& ids) {
  harness::IdTracker& tracker = recording_.ids();
  tracker.clear();
  const auto returned = [&tracker](harness::IdTracker::Kind kind, const std::string& id) {
    if (!id.empty()) tracker.returned(kind, id, tracker.tick(), "the standard state");
  };
  returned(harness::IdTracker::Kind::kResume, ids.master);
  returned(harness::IdTracker::Kind::kJob, ids.job);
  returned(harness::IdTracker::Kind::kResume, ids.tailored);
}

EmbeddedSession::Checked EmbeddedSession::now() {
  return Checked{embedded_.store_writes(), recording_.ids().fact_count()};
}

std::vector<std::string> EmbeddedSession::invariant_violations() {
  std::vector<std::string> out;
  if (checked_ && *checked_ == now()) return out;
  const Checked before = now();
  const std::vector<std::string> baseline = recording_.baseline();
  const auto check = [&](const Json& tables) {
    for (std::string& violation : harness::store_invariant_violations(tables)) {
      if (std::find(baseline.begin(), baseline.end(), violation) == baseline.end()) {
        out.push_back(std::move(violation));
      }
    }
    for (std::string& violation : recording_.ids().violations(tables)) {
      out.push_back(std::move(violation));
    }
  };
  // In memory the tables are read where they are; a FileStore's are read from disk.
  if (!embedded_.read_store_tables(check)) {
    const std::optional<Json> tables = recording_.store_tables();
    if (!tables) return out;
    check(*tables);
  }
  if (out.empty() && now() == before) {
    checked_ = before;
  } else {
    checked_.reset();
  }
  return out;
}

std::string response_problem(const ApiResponse& response, bool allow_5xx) {
  if (response.status < 100 || response.status > 599) {
    return "status " + std::to_string(response.status) + " is not an HTTP status";
  }
  if (response.status >= 500 && !allow_5xx) return "a 5xx answer";
  if (response.status < 400) return "";
  const Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("detail")) return "an error without a JSON detail";
  const Json& detail = body["detail"];
  if (!detail.is_string() || detail.get<std::string>().empty()) {
    return "an error whose detail is not a non-empty string";
  }
  if (response.status >= 500 && detail.get<std::string>() == kGenericServerError) {
    return "the router's catch-all 500 (an exception escaped the service)";
  }
  return "";
}

std::string describe(const ApiRequest& request, const ApiResponse& response) {
  std::string line = request.method + " " + request.path;
  char separator = '?';
  for (const auto& [key, value] : request.query) {
    line += separator + key + "=" + value;
    separator = '&';
  }
  if (!request.body.empty()) line += " body=" + shorten(request.body, 200);
  line += " -> " + std::to_string(response.status) + " " + shorten(response.body, 300);
  return line;
}

}  // namespace rm::fuzz
