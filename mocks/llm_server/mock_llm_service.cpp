#include "mocks/llm_server/mock_llm_service.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <ctime>
#include <utility>
#include <vector>

#include "mocks/fault/control_messages.hpp"
#include "mocks/fault/llm_fault_answers.hpp"
#include "mocks/llm/builtin_text.hpp"
#include "mocks/llm_server/foreign_answers.hpp"
#include "reference/adapters/http_llm.hpp"
#include "reference/domain/llm_json.hpp"

namespace rm {
namespace {

// How much of an unknown prompt the journal and the log show.
constexpr std::size_t kPromptStartBytes = 120;
constexpr const char* kUnknownHint =
    "mock-llm did not recognise this prompt and answered generically; name its operation with "
    "mock-llm --rules FILE ([{\"operation\": ..., \"pattern\": ...}], see --print-rules)";

// OpenAI's error envelope.
ApiResponse error_answer(int status, const std::string& type, const std::string& message) {
  return control::json_response(
      status,
      Json{{"error",
            Json{{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}}}});
}

bool loopback_peer(const std::string& peer) {
  return peer.empty() || peer == "::1" || peer.rfind("127.", 0) == 0 ||
         peer.rfind("::ffff:127.", 0) == 0;
}

std::string header(const ApiRequest& request, const std::string& name) {
  const auto found = request.headers.find(name);
  return found == request.headers.end() ? std::string() : found->second;
}

bool changes_plan(const ApiRequest& request) {
  return (request.path == "/__control/plan" &&
          (request.method == "PUT" || request.method == "DELETE")) ||
         (request.path == "/__control/reset" && request.method == "POST");
}

// OpenAI clients append these to a base URL that may or may not end in /v1.
bool is_completions_path(const std::string& path) {
  return path == "/v1/chat/completions" || path == "/chat/completions";
}
bool is_models_path(const std::string& path) { return path == "/v1/models" || path == "/models"; }
bool is_api_path(const std::string& path) {
  return path == "/v1" || path.rfind("/v1/", 0) == 0 || is_completions_path(path) ||
         is_models_path(path);
}

Json json_or_null(const std::string& text) {
  const std::optional<Json> object = extract_json_object(text);
  return object ? *object : Json(nullptr);
}

// The X-Operation path: the typed input HttpLlm sends (the user message as JSON,
// `in`), or else the message's text as it is.
std::string typed_answer(Llm& llm, const std::string& op, const Json& in, const std::string& text) {
  const bool typed = in.is_object();
  if (op == llm_op::kParseResume) {
    return llm.parse_resume(typed ? in.value("markdown", std::string()) : text);
  }
  if (op == llm_op::kExtractKeywords) {
    return llm.extract_keywords(typed ? in.value("job_description", std::string()) : text);
  }
  if (op == llm_op::kImprove) {
    if (typed) return llm.improve(improve_input_from_json(in));
    ImproveInput input;
    input.prompt_id = "keywords";
    input.original_resume = json_or_null(text);
    input.job_description = text;
    input.job_keywords = Json::object();
    return llm.improve(input);
  }
  if (op == llm_op::kRefine) {
    if (typed) return llm.refine(refine_input_from_json(in));
    RefineInput input;
    input.resume = json_or_null(text);
    input.job_description = text;
    return llm.refine(input);
  }
  MessageInput input;
  if (typed) {
    input = message_input_from_json(in);
  } else {
    input.resume = json_or_null(text);
    input.job_description = text;
  }
  return op == llm_op::kCoverLetter ? llm.cover_letter(input) : llm.outreach(input);
}

bool is_typed_operation(const std::string& op) {
  for (const char* known : {llm_op::kParseResume, llm_op::kExtractKeywords, llm_op::kImprove,
                            llm_op::kRefine, llm_op::kCoverLetter, llm_op::kOutreach}) {
    if (op == known) return true;
  }
  return false;
}

std::int64_t rough_tokens(const std::string& text) {
  return static_cast<std::int64_t>(text.size() / 4 + 1);
}

void mark(ApiResponse& response, const std::string& operation, std::int64_t attempt) {
  response.headers["x-mock-operation"] = operation;
  response.headers["x-mock-attempt"] = std::to_string(attempt);
}

}  // namespace

MockLlmService::MockLlmService(MockLlmOptions options)
    : options_(std::move(options)),
      classifier_(options_.rules),
      injector_(std::make_shared<FaultInjector>()) {
  control_ = std::make_unique<FaultControlApi>(
      injector_, [this] { log_.reset(); }, std::set<FaultComponent>{FaultComponent::kLlm});
}

MockLlmService::~MockLlmService() { release_all(); }

void MockLlmService::release_all() {
  cut_holds_short();
  injector_->reset();
}

void MockLlmService::cut_holds_short() {
  {
    std::lock_guard lock(mutex_);
    ++hold_generation_;
    const std::uint64_t one = 1;
    for (int waker : hold_wakers_) {
      if (::write(waker, &one, sizeof one) < 0) {
        // An eventfd below its maximum never refuses; the hold ends at its bound anyway.
      }
    }
  }
  holds_changed_.notify_all();
}

void MockLlmService::hold_timeout(const ClientConnection* client) {
  std::unique_lock lock(mutex_);
  ++held_;
  const std::uint64_t generation = hold_generation_;
  const int waker = client != nullptr ? ::eventfd(0, EFD_CLOEXEC) : -1;
  if (waker < 0) {
    holds_changed_.wait_for(lock, options_.timeout_hold,
                            [&] { return hold_generation_ != generation; });
  } else {
    hold_wakers_.insert(waker);
    lock.unlock();
    // Ends when the target's LLM client gives up (closes), a plan change, or the bound.
    client->wait_closed(options_.timeout_hold, waker);
    lock.lock();
    hold_wakers_.erase(waker);
    ::close(waker);
  }
  --held_;
}

ApiResponse MockLlmService::handle(const ApiRequest& request, const ClientConnection& client) {
  return dispatch(request, client.host(), &client);
}

ApiResponse MockLlmService::handle(const ApiRequest& request, const std::string& peer_host) {
  return dispatch(request, peer_host, nullptr);
}

ApiResponse MockLlmService::dispatch(const ApiRequest& request, const std::string& peer_host,
                                     const ClientConnection* client) {
  try {
    if (request.path == "/__control" || request.path.rfind("/__control/", 0) == 0) {
      return control(request, peer_host);
    }
    if (is_api_path(request.path)) log_.count_request();
    if (is_completions_path(request.path)) {
      if (request.method != "POST") {
        return error_answer(405, "invalid_request_error", "use POST");
      }
      return chat_completion(request, client);
    }
    if (is_models_path(request.path)) {
      if (request.method != "GET") return error_answer(405, "invalid_request_error", "use GET");
      return models(client);
    }
    return error_answer(404, "invalid_request_error", "unknown path " + request.path);
  } catch (const std::exception& error) {
    return error_answer(500, "server_error", std::string("mock-llm: ") + error.what());
  }
}

ApiResponse MockLlmService::control(const ApiRequest& request, const std::string& peer_host) {
  if (!loopback_peer(peer_host)) {
    return error_answer(403, "permission_error", "the control API answers loopback clients only");
  }
  if (request.path == "/__control/calls" || request.path == "/__control/log") {
    if (request.method != "GET") return error_answer(405, "invalid_request_error", "use GET");
    if (request.path == "/__control/log") return control::json_response(200, log_.log_json());
    Json counts = log_.counts_json();
    {
      std::lock_guard lock(mutex_);
      counts["held"] = held_;
    }
    return control::json_response(200, counts);
  }
  std::optional<ApiResponse> answer = control_->handle(request);
  if (!answer) return error_answer(404, "invalid_request_error", "unknown path " + request.path);
  // A new plan, a cleared one or a reset ends every held timeout.
  if (changes_plan(request)) cut_holds_short();
  return *answer;
}

template <typename Real>
std::optional<ApiResponse> MockLlmService::apply_faults(const Call& call, Real&& real,
                                                        std::string& content,
                                                        const ClientConnection* client) {
  const std::string& operation = call.operation;
  const auto action =
      injector_->on_call(FaultComponent::kLlm, operation, call.args, call.journal_fields);
  if (!action) {
    content = real();
    return std::nullopt;
  }
  switch (action->kind) {
    case FaultActionKind::kThrow:
      return error_answer(500, "server_error",
                          action->message.empty() ? failure_message(operation) : action->message);
    case FaultActionKind::kServerError:
      return error_answer(action->status, "server_error", server_error_message(action->status));
    case FaultActionKind::kRateLimited: {
      ApiResponse response =
          error_answer(429, "rate_limit_exceeded", rate_limited_message(action->retry_after));
      response.headers["retry-after"] = std::to_string(action->retry_after);
      return response;
    }
    case FaultActionKind::kTimeout:
      hold_timeout(client);
      return error_answer(504, "timeout", timeout_message(operation));
    case FaultActionKind::kNonJson:
      content = non_json_answer(operation);
      break;
    case FaultActionKind::kTruncatedJson:
      content = truncated_answer(real());
      break;
    case FaultActionKind::kSchemaInvalid:
      content = schema_invalid_answer(operation);
      break;
    case FaultActionKind::kWrongButValid:
      content = wrong_but_valid_answer(operation, real());
      break;
    default:
      content = real();
      break;
  }
  return std::nullopt;
}

ApiResponse MockLlmService::models(const ClientConnection* client) {
  Call call;
  call.operation = "health";
  call.attempt = log_.count_call(call.operation, fingerprint("GET /v1/models"));
  call.journal_fields = Json{{"attempt", call.attempt}};
  std::string unused;
  ApiResponse response;
  if (auto failed = apply_faults(
          call, [] { return std::string(); }, unused, client)) {
    response = std::move(*failed);
  } else {
    response = control::json_response(200, Json{{"object", "list"},
                                                {"data", Json::array({Json{{"id", options_.model},
                                                                           {"object", "model"},
                                                                           {"created", 0},
                                                                           {"owned_by", "rm"}}})}});
  }
  mark(response, call.operation, call.attempt);
  log_.record(CallRecord{call.operation, call.attempt, response.status, ""});
  return response;
}

ApiResponse MockLlmService::chat_completion(const ApiRequest& request,
                                            const ClientConnection* client) {
  std::string error;
  const std::optional<ChatRequest> chat = parse_chat_request(request.body, error);
  if (!chat) return error_answer(400, "invalid_request_error", error);

  Call call;
  Json typed;  // the X-Operation path's input
  std::string prompt_start;
  const std::string named = header(request, "x-operation");
  if (!named.empty()) {
    if (!is_typed_operation(named)) {
      call.attempt = log_.count_call("unrecognised", fingerprint(named));
      log_.record(CallRecord{"unrecognised", call.attempt, 400, ""});
      return error_answer(400, "invalid_request_error", "unknown X-Operation '" + named + "'");
    }
    call.operation = named;
    typed = Json::parse(chat->user_text(), nullptr, false);
    if (typed.is_object()) {
      for (const char* name : {"prompt_id", "language"}) {
        if (typed.contains(name) && typed[name].is_string()) call.args[name] = typed[name];
      }
    } else {
      typed = Json(nullptr);
    }
  } else {
    Classified classified = classifier_.classify(*chat);
    call.operation = std::move(classified.operation);
    call.args = std::move(classified.args);
  }
  const std::string prompt = chat->prompt();
  // Trimmed: a retry hint takes the prompt's trailing newline with it.
  call.attempt = log_.count_call(call.operation, fingerprint(builtin::trim(prompt)));
  call.journal_fields = Json{{"attempt", call.attempt}};
  if (call.operation == "unknown") {
    prompt_start = builtin::utf8_prefix(builtin::trim(prompt), kPromptStartBytes);
    call.journal_fields["prompt_start"] = prompt_start;
    call.journal_fields["hint"] = kUnknownHint;
    injector_->record_event(FaultComponent::kLlm, "unknown", "unrecognised_prompt",
                            log_.calls()["unknown"], call.journal_fields);
  }

  auto real = [&] {
    return named.empty() ? foreign_answer(call.operation, call.args, *chat)
                         : typed_answer(builtin_, call.operation, typed, chat->user_text());
  };
  std::string content;
  ApiResponse response;
  if (auto failed = apply_faults(call, real, content, client)) {
    response = std::move(*failed);
  } else {
    std::uint64_t number = 0;
    {
      std::lock_guard lock(mutex_);
      number = ++completions_;
    }
    const std::string model = chat->model.empty() ? options_.model : chat->model;
    const std::int64_t prompt_tokens = rough_tokens(request.body);
    const std::int64_t completion_tokens = rough_tokens(content);
    response = control::json_response(
        200, Json{{"id", "chatcmpl-mock-" + std::to_string(number)},
                  {"object", "chat.completion"},
                  {"created", static_cast<std::int64_t>(std::time(nullptr))},
                  {"model", model},
                  {"choices",
                   Json::array({Json{{"index", 0},
                                     {"message", Json{{"role", "assistant"}, {"content", content}}},
                                     {"finish_reason", "stop"}}})},
                  {"usage", Json{{"prompt_tokens", prompt_tokens},
                                 {"completion_tokens", completion_tokens},
                                 {"total_tokens", prompt_tokens + completion_tokens}}}});
  }
  mark(response, call.operation, call.attempt);
  log_.record(CallRecord{call.operation, call.attempt, response.status, prompt_start});
  return response;
}

}  // namespace rm
