// JSON request bodies of every endpoint that takes one, through ApiRouter on the
// embedded reference (harness::EmbeddedTarget), over a standard state (a
// master, a job, a tailored resume). The upload's multipart body has its own
// target (multipart) and the stateful fuzzer uploads through the router. Oracles:
//   - bad input is a 4xx with a non-empty detail, never a 5xx;
//   - the contract's section 3 invariants hold afterwards (harness/invariants).
// Input: byte 0 = endpoint, byte 1 = Content-Type variant, the rest = the body.
// In the body, $MASTER, $TAILORED and $JOB stand for the ids of the state, so
// that the fuzzer reaches past the "not found" answers.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/support/embedded_session.hpp"
#include "fuzz/support/oracle.hpp"

namespace {

constexpr const char* kTarget = "api_json_body";

struct Endpoint {
  const char* method;
  const char* path;  // $MASTER / $TAILORED / $JOB replaced by ids
};

constexpr Endpoint kEndpoints[] = {
    {"PUT", "/api/v1/config/features"},
    {"PUT", "/api/v1/config/language"},
    {"PUT", "/api/v1/config/prompts"},
    {"POST", "/api/v1/jobs/upload"},
    {"POST", "/api/v1/resumes/improve/preview"},
    {"POST", "/api/v1/resumes/improve/confirm"},
    {"POST", "/api/v1/resumes/improve"},
    {"PATCH", "/api/v1/resumes/$MASTER"},
    {"PATCH", "/api/v1/resumes/$TAILORED"},
    {"PATCH", "/api/v1/resumes/$TAILORED/cover-letter"},
    {"PATCH", "/api/v1/resumes/$TAILORED/outreach-message"},
    {"PATCH", "/api/v1/resumes/$MASTER/cover-letter"},
    {"PATCH", "/api/v1/resumes/no-such-resume"},
};
constexpr std::size_t kEndpointCount = sizeof(kEndpoints) / sizeof(kEndpoints[0]);

constexpr const char* kContentTypes[] = {
    "application/json",
    "application/json; charset=utf-8",
    "application/problem+json",
    "text/plain",
    "",  // no Content-Type header at all
};

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

struct State {
  rm::fuzz::EmbeddedSession session;
  rm::fuzz::EmbeddedSession::Ids ids;

  void make() { ids = session.restore_standard_state(kTarget, true); }
  std::string substitute(std::string text) const {
    replace_all(text, "$MASTER", ids.master);
    replace_all(text, "$TAILORED", ids.tailored);
    replace_all(text, "$JOB", ids.job);
    return text;
  }
};

State& state() {
  static State* instance = [] {
    auto* s = new State;  // lives for the process; libFuzzer exits without unwinding
    s->make();
    return s;
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  State& s = state();
  const Endpoint& endpoint = kEndpoints[data[0] % kEndpointCount];
  const char* content_type = kContentTypes[data[1] % (sizeof(kContentTypes) / sizeof(char*))];

  rm::ApiRequest request;
  request.method = endpoint.method;
  request.path = s.substitute(endpoint.path);
  request.body = s.substitute(std::string(reinterpret_cast<const char*>(data) + 2, size - 2));
  if (*content_type) request.headers["content-type"] = content_type;

  const std::uint64_t writes_before = s.session.store_writes();
  const rm::ApiResponse response = s.session.send(request);
  const std::string problem = rm::fuzz::response_problem(response);
  if (!problem.empty()) {
    rm::fuzz::oracle_failed(kTarget, problem, rm::fuzz::describe(request, response));
  }
  const auto violations = s.session.invariant_violations();
  if (!violations.empty()) {
    rm::fuzz::oracle_failed(kTarget, "contract section 3 invariant: " + violations.front(),
                            rm::fuzz::describe(request, response));
  }
  // A request that was accepted may have changed the state (the store, or the
  // settings through /config): start the next input from the standard state
  // again (restored from memory), so that every input means the same thing.
  const bool settings_changed = request.path.rfind("/api/v1/config/", 0) == 0;
  if (response.status < 300 && (settings_changed || s.session.store_writes() != writes_before)) {
    s.make();
  }
  return 0;
}
