#pragma once
// mock-llm's request handling, transport-free: an OpenAI-compatible API
// (POST /v1/chat/completions, GET /v1/models; also without the /v1 prefix, for
// clients given a base URL without it) answering with deterministic content,
// misbehaving as the installed fault plan's llm rules say, plus the
// fault-control API under /__control/ (loopback peers only) with
// GET /__control/calls ({"calls": {operation: n}, "total": n, "requests": n}) and
// GET /__control/log (the last calls with operation, attempt and status); see
// call_log.hpp for what each counts.
//
// The operation comes from the X-Operation header (rm::llm_op names; sent by the
// reference's HttpLlm with its typed input as JSON in the user message, answered
// by BuiltinLlm from that input; an unknown name is a 400), or else from the
// PromptClassifier (the --rules first, then what the prompt asks for, a short
// prompt being a health check, anything else `unknown`), answered from the
// prompt's own content (foreign_answers.hpp). No prompt gets a 400.
//
// Every answer to a chat completion or a model list carries X-Mock-Operation and
// X-Mock-Attempt. Every llm journal entry carries "attempt"; an unknown prompt
// also adds a journal event {"event": "unrecognised_prompt", "prompt_start",
// "hint"} (docs/fault-plan.md).
//
// Actions over HTTP: throw -> 500 error envelope; server_error -> its status;
// rate_limited -> 429 with Retry-After; timeout -> no answer until the client has
// given up: held until the client closes the connection (when the server lets us
// watch it, see ClientConnection), a plan change / reset, or `timeout_hold`,
// whichever comes first; then 504. GET /__control/calls also says how many calls
// are "held" right now (timeouts; gates and delays are in /__control/gates); non_json,
// truncated_json, schema_invalid, wrong_but_valid -> 200 with that content;
// delay / gate hold the call first.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "mocks/fault/fault_control_api.hpp"
#include "mocks/fault/fault_injector.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/llm_server/call_log.hpp"
#include "mocks/llm_server/chat_request.hpp"
#include "mocks/llm_server/operation_rules.hpp"
#include "mocks/llm_server/prompt_classifier.hpp"
#include "reference/http/api_message.hpp"
#include "reference/server/client_connection.hpp"

namespace rm {

struct MockLlmOptions {
  // The user's --rules, consulted before the built-in classification.
  OperationRules rules;
  // Longest a `timeout` answer is held when nothing cuts it short.
  std::chrono::milliseconds timeout_hold{120000};
  std::string model = "mock-llm";
};

class MockLlmService {
 public:
  explicit MockLlmService(MockLlmOptions options = {});
  // Cuts held timeouts short; the injector releases gates and delays.
  ~MockLlmService();
  MockLlmService(const MockLlmService&) = delete;
  MockLlmService& operator=(const MockLlmService&) = delete;

  // Never throws. `client`: its address, for the loopback check, and its
  // connection, which a `timeout` hold watches.
  ApiResponse handle(const ApiRequest& request, const ClientConnection& client);
  // The same without a connection to watch (a hold ends on a plan change or the hold).
  ApiResponse handle(const ApiRequest& request, const std::string& peer_host);

  FaultInjector& injector() { return *injector_; }
  // Ends every held call (timeouts, gates, delays) and drops the plan: for shutdown.
  void release_all();
  // Calls per operation since start / the last reset (call_log.hpp).
  std::map<std::string, std::int64_t> calls() const { return log_.calls(); }

 private:
  // One call as it is answered: its operation, fault-plan arguments and attempt.
  struct Call {
    std::string operation;
    FaultArgs args;
    std::int64_t attempt = 0;
    Json journal_fields;
  };

  ApiResponse dispatch(const ApiRequest& request, const std::string& peer_host,
                       const ClientConnection* client);
  ApiResponse control(const ApiRequest& request, const std::string& peer_host);
  ApiResponse chat_completion(const ApiRequest& request, const ClientConnection* client);
  ApiResponse models(const ClientConnection* client);
  // The fault plan's say on `call`: an error answer, or nullopt with `content`
  // set by `real` or the action's substitute.
  template <typename Real>
  std::optional<ApiResponse> apply_faults(const Call& call, Real&& real, std::string& content,
                                          const ClientConnection* client);
  // Blocks until the client closes its connection (when `client` is watched), the
  // plan changes, a reset, destruction or `timeout_hold`.
  void hold_timeout(const ClientConnection* client);
  void cut_holds_short();

  MockLlmOptions options_;
  PromptClassifier classifier_;
  BuiltinLlm builtin_;
  std::shared_ptr<FaultInjector> injector_;
  std::unique_ptr<FaultControlApi> control_;
  CallLog log_;

  mutable std::mutex mutex_;
  std::condition_variable holds_changed_;
  std::uint64_t hold_generation_ = 0;
  std::set<int> hold_wakers_;      // eventfds of the holds watching a client
  std::int64_t held_ = 0;          // calls in hold_timeout() now
  std::uint64_t completions_ = 0;  // for the completion ids
};

}  // namespace rm
