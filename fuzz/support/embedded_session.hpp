#pragma once
// The embedded reference as the harness assembles it (harness::EmbeddedTarget),
// watched by a harness::RecordingTarget so that the contract's section 3
// invariants are checked with the harness's own code (store_invariant_violations
// and IdTracker), plus the response checks every router-level target shares.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/embedded_target.hpp"
#include "harness/recording_target.hpp"
#include "reference/ports/llm.hpp"

namespace rm::fuzz {

class EmbeddedSession {
 public:
  explicit EmbeddedSession(std::shared_ptr<Llm> model = nullptr);

  harness::RecordingTarget& target() { return recording_; }
  ApiResponse send(const ApiRequest& request) { return recording_.send(request); }
  // Store calls that may have written, so far (harness::EmbeddedTarget::store_writes).
  std::uint64_t store_writes() const { return embedded_.store_writes(); }
  // Empty store (or the fixture's tables), no plan, tracked ids forgotten.
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) {
    checked_.reset();
    marked_.reset();
    recording_.reset(fixture_tables);
  }

  // The ids of a standard starting state, made through the API with the
  // harness's own steps (harness/flows.hpp): a master resume, a job, and (when
  // asked for) a tailored resume confirmed from a preview of the two.
  struct Ids {
    std::string master;
    std::string job;
    std::string tailored;
  };
  // Aborts (oracle_failed naming `target_name`) when the reference cannot do it.
  Ids standard_state(const char* target_name, bool with_tailored);
  // The same state, made through the API the first time only: later calls roll
  // the store back to it (EmbeddedTarget::rollback, at the cost of what the
  // last input changed) or, when another state came between, reset to a copy
  // of its tables in memory; then its ids are tracked again and the settings
  // are empty. Either costs a fraction of the four requests, and the inputs
  // stay independent of each other.
  Ids restore_standard_state(const char* target_name, bool with_tailored);

  // The section 3 invariants that do not hold now (store invariants already
  // broken by the starting fixture excepted, as the runner does). When nothing
  // was written to the store and no id was learned since the last check found
  // none, the tables are the ones checked then and the answer is none again.
  std::vector<std::string> invariant_violations();

 private:
  struct Snapshot {
    Json tables;
    Ids ids;
  };
  // What the last clean check saw: store writes and facts of the id tracker.
  struct Checked {
    std::uint64_t store_writes;
    std::size_t id_facts;
    bool operator==(const Checked&) const = default;
  };
  Checked now();

  harness::EmbeddedTarget embedded_;
  harness::RecordingTarget recording_{embedded_};
  // Tracks the snapshot's ids afresh: the store holds that state again.
  void track(const Ids& ids);

  std::optional<Snapshot> snapshots_[2];  // [with_tailored]
  std::optional<bool> marked_;            // which snapshot the store's mark holds
  std::optional<Checked> checked_;
};

// The router's catch-all answer to an exception nothing handled.
inline constexpr const char* kGenericServerError = "Internal Server Error";

// "" when `response` is a well-formed answer of the contract: JSON with a
// non-empty string `detail` for every status >= 400 (section 1), and no 5xx
// unless `allow_5xx` (then still never the router's catch-all, which means an
// exception escaped the service). Otherwise one sentence saying what is wrong.
std::string response_problem(const ApiResponse& response, bool allow_5xx = false);

// One line for evidence: "POST /api/v1/... -> 500 {...}".
std::string describe(const ApiRequest& request, const ApiResponse& response);

}  // namespace rm::fuzz
