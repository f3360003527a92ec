#pragma once
// The contract's section 3 invariants, checked after every scenario:
//   at most one master;
//   every tailored resume (parent_id set) has an improvement record;
//   every improvement record points at a tailored resume and a job that exist;
//   no resume left in "processing" once its request has answered;
//   every id a 200 response returned exists, or was deleted by a later request.
// The first four read the stored tables (TinyDB layout); the last one needs the
// responses too, which IdTracker collects as requests are answered.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

// The store invariants over `tables` ({"resumes": {"1": {...}}, "jobs": ..., "improvements": ...}).
// Each violation is one self-contained sentence naming the invariant and the records,
// e.g. "at most one master: resumes r1, r2 both have is_master: true".
std::vector<std::string> store_invariant_violations(const Json& tables);

// A compact picture of the tables for a finding's evidence, e.g.
// "resumes: [r1 master ready, r2 parent=r1 ready]; jobs: [j1]; improvements: [r2<-j1]".
std::string tables_digest(const Json& tables);

// Which ids the target's 200 responses vouched for, and which resumes a later
// DELETE removed. Thread-safe; fed from every exchange in the order of a shared
// clock (tick() before sending and after the answer).
class IdTracker {
 public:
  enum class Kind { kResume, kJob };

  std::uint64_t tick();
  // Learns from one answered request: 200 responses of the creating endpoints
  // (upload, jobs/upload, improve, improve/confirm) return new ids; 200 responses
  // of the endpoints that change one resume (PATCH, messages, generate-*, master)
  // vouch for the resume in their path; a 200 DELETE removes one.
  void observe(const ApiRequest& request, const ApiResponse& response, std::uint64_t sent,
               std::uint64_t answered);

  // The same facts, stated directly.
  void returned(Kind kind, const std::string& id, std::uint64_t answered,
                const std::string& evidence);
  void deleted(const std::string& resume_id, std::uint64_t sent, std::uint64_t answered);

  // Violations given a way to ask whether an id exists now.
  using Exists = std::function<bool(Kind, const std::string&)>;
  std::vector<std::string> violations(const Exists& exists) const;
  // Violations against the stored tables.
  std::vector<std::string> violations(const Json& tables) const;

  bool empty() const;
  void clear();
  // How many facts it holds. It grows with every fact learned, so an unchanged
  // count (and unchanged tables) means unchanged violations.
  std::size_t fact_count() const;

 private:
  struct Returned {
    Kind kind;
    std::string id;
    std::uint64_t answered;
    std::string evidence;
  };
  struct Deleted {
    std::uint64_t sent;
    std::uint64_t answered;
  };
  mutable std::mutex mutex_;
  std::uint64_t clock_ = 0;
  std::vector<Returned> returned_;
  std::multimap<std::string, Deleted> deleted_;
};

}  // namespace rm::harness
