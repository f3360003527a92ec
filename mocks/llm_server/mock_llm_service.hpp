#pragma once
// mock-llm's request handling, transport-free: an OpenAI-compatible API
// (POST /v1/chat/completions, GET /v1/models) answering with BuiltinLlm's
// deterministic content, misbehaving as the installed fault plan's llm rules say,
// plus the fault-control API under /__control/ (loopback peers only) and
// GET /__control/calls: {"calls": {operation: n}, "total": n} since start or the
// last reset ("health" counts GET /v1/models, "unrecognised" the completions whose
// operation could not be told; total counts neither).
//
// The operation comes from the X-Operation header (rm::llm_op names; sent by the
// reference's HttpLlm together with its typed input as JSON in the user message)
// or else from the OperationRules over the messages (foreign prompts: the text is
// passed to BuiltinLlm as is).
//
// Actions over HTTP: throw -> 500 error envelope; server_error -> its status;
// rate_limited -> 429 with Retry-After; timeout -> no answer until the client has
// given up (held until a plan change / reset, or `timeout_hold`); non_json,
// truncated_json, schema_invalid, wrong_but_valid -> 200 with that content;
// delay / gate hold the call first.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "mocks/fault/fault_control_api.hpp"
#include "mocks/fault/fault_injector.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/llm_server/operation_rules.hpp"
#include "reference/http/api_message.hpp"

namespace rm {

struct MockLlmOptions {
  OperationRules rules = OperationRules::defaults();
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

  // Never throws. `peer_host`: the client's address, for the loopback check.
  ApiResponse handle(const ApiRequest& request, const std::string& peer_host);

  FaultInjector& injector() { return *injector_; }
  // Ends every held call (timeouts, gates, delays) and drops the plan: for shutdown.
  void release_all();
  // Completion calls per operation since start / the last reset ("unrecognised"
  // counts requests whose operation could not be told).
  std::map<std::string, std::int64_t> calls() const;

 private:
  ApiResponse control(const ApiRequest& request, const std::string& peer_host);
  ApiResponse chat_completion(const ApiRequest& request);
  ApiResponse models();
  // Blocks until the plan changes, a reset, destruction or `timeout_hold`.
  void hold_timeout();
  void cut_holds_short();
  void count(const std::string& operation);

  MockLlmOptions options_;
  BuiltinLlm builtin_;
  std::shared_ptr<FaultInjector> injector_;
  std::unique_ptr<FaultControlApi> control_;

  mutable std::mutex mutex_;
  std::condition_variable holds_changed_;
  std::uint64_t hold_generation_ = 0;
  std::map<std::string, std::int64_t> calls_;
  std::uint64_t completions_ = 0;  // for the completion ids
};

}  // namespace rm
