#pragma once
// What a scenario asserts, recorded rather than thrown: every MUST that does not
// hold makes the verdict `fail`; a SHOULD that does not hold is a warning-level
// finding. Each finding carries the evidence (the request and response that
// showed it). A scenario may also declare itself not testable (a hook it found
// missing at run time) or an error (the target could not be driven).
#include <mutex>
#include <string>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

struct Exchange {
  ApiRequest request;
  ApiResponse response;
};

// One exchange as a transcript keeps it: described at once (bodies shortened,
// binary ones summarised) so that a long run does not hold every upload's bytes.
struct TranscriptEntry {
  std::string request;  // describe(request): "POST /api/v1/resumes/upload [multipart, ...]"
  int status = 0;
  std::string response;  // the response body, described the same way ("" when empty)
};

struct Finding {
  enum class Level { kMust, kShould } level = Level::kMust;
  std::string what;      // the contract clause that did not hold
  std::string evidence;  // e.g. "POST /api/v1/resumes/upload -> 200 {...}"
  // Whether it can only come from how concurrent requests interleaved (the
  // stored state after a race, an invariant), as opposed to what a single
  // request also shows (a missing field, a wrong status). A statistical round
  // counts only these as race violations.
  bool interleaving = false;
};

// One line for a report: "POST /api/v1/resumes/upload [multipart, 1.2 KiB] -> 200 {...}".
// Bodies are shortened to `max_body` bytes; binary bodies (a PDF) are summarised.
std::string describe(const Exchange& exchange, std::size_t max_body = 600);
std::string describe(const ApiRequest& request, std::size_t max_body = 600);
// The response body alone, described as above ("" for an empty body).
std::string describe_body(const ApiResponse& response, std::size_t max_body = 600);

// Thread-safe: race scenarios record from several threads at once. Copies take
// a snapshot (the copy gets its own lock).
class Check {
 public:
  Check() = default;
  Check(const Check& other);
  Check& operator=(const Check& other);

  // Records the exchange so findings can cite it (the last few are kept).
  void saw(const Exchange& exchange);
  bool must(bool holds, const std::string& what, const std::string& evidence = {});
  // A MUST whose violation depends on the interleaving of concurrent requests.
  bool race_must(bool holds, const std::string& what, const std::string& evidence = {});
  bool should(bool holds, const std::string& what, const std::string& evidence = {});
  void not_testable(const std::string& reason);
  void error(const std::string& reason);

  // An invariant that did not hold (contract section 3): a MUST finding about the
  // stored state, so one that an interleaving can cause.
  void violated(const std::string& what, const std::string& evidence);

  // Read these once the scenario's threads have finished.
  const std::vector<Finding>& findings() const { return findings_; }
  bool failed() const;  // any MUST finding
  const std::string& not_testable_reason() const { return not_testable_; }
  const std::string& error_reason() const { return error_; }
  const std::vector<Exchange>& exchanges() const { return exchanges_; }
  // Every exchange of the run, in order, up to kTranscriptExchanges (a report's
  // evidence); how many more there were.
  const std::vector<TranscriptEntry>& transcript() const { return transcript_; }
  std::size_t transcript_dropped() const { return transcript_dropped_; }

  // A report shows the whole run, but a long race run must not grow without bound.
  static constexpr std::size_t kTranscriptExchanges = 200;
  int musts_checked() const { return musts_; }

 private:
  static constexpr std::size_t kKeptExchanges = 8;
  bool record(Finding::Level level, bool holds, const std::string& what,
              const std::string& evidence, bool interleaving = false);

  mutable std::mutex mutex_;
  std::vector<Finding> findings_;
  std::vector<Exchange> exchanges_;
  std::vector<TranscriptEntry> transcript_;
  std::size_t transcript_dropped_ = 0;
  std::string not_testable_;
  std::string error_;
  int musts_ = 0;
};

}  // namespace rm::harness
