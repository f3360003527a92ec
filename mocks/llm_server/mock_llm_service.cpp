#include "mocks/llm_server/mock_llm_service.hpp"

#include <ctime>
#include <utility>
#include <vector>

#include "mocks/fault/llm_fault_answers.hpp"
#include "reference/adapters/http_llm.hpp"
#include "reference/domain/llm_json.hpp"

namespace rm {
namespace {

ApiResponse json_answer(int status, const Json& body) {
  ApiResponse response;
  response.status = status;
  response.headers["content-type"] = "application/json";
  response.body = body.dump();
  return response;
}

// OpenAI's error envelope.
ApiResponse error_answer(int status, const std::string& type, const std::string& message) {
  return json_answer(
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

// The typed input HttpLlm sent, or a foreign prompt's text.
struct CallInput {
  bool typed = false;
  Json json;         // typed: the user message as JSON
  std::string text;  // the last user message (all messages when there is none)
};

Json json_or_null(const std::string& text) {
  const std::optional<Json> object = extract_json_object(text);
  return object ? *object : Json(nullptr);
}

std::string builtin_answer(Llm& llm, const std::string& op, const CallInput& in,
                           const FaultArgs& args) {
  if (op == llm_op::kParseResume) {
    return llm.parse_resume(in.typed ? in.json.value("markdown", std::string()) : in.text);
  }
  if (op == llm_op::kExtractKeywords) {
    return llm.extract_keywords(in.typed ? in.json.value("job_description", std::string())
                                         : in.text);
  }
  if (op == llm_op::kImprove) {
    if (in.typed) return llm.improve(improve_input_from_json(in.json));
    ImproveInput input;
    const auto prompt = args.find("prompt_id");
    input.prompt_id = prompt == args.end() ? "keywords" : prompt->second;
    input.original_resume = json_or_null(in.text);
    input.job_description = in.text;
    input.job_keywords = Json::object();
    return llm.improve(input);
  }
  if (op == llm_op::kRefine) {
    if (in.typed) return llm.refine(refine_input_from_json(in.json));
    RefineInput input;
    input.resume = json_or_null(in.text);
    input.job_description = in.text;
    return llm.refine(input);
  }
  MessageInput input;
  if (in.typed) {
    input = message_input_from_json(in.json);
  } else {
    input.resume = json_or_null(in.text);
    input.job_description = in.text;
  }
  return op == llm_op::kCoverLetter ? llm.cover_letter(input) : llm.outreach(input);
}

std::int64_t rough_tokens(const std::string& text) {
  return static_cast<std::int64_t>(text.size() / 4 + 1);
}

}  // namespace

MockLlmService::MockLlmService(MockLlmOptions options)
    : options_(std::move(options)), injector_(std::make_shared<FaultInjector>()) {
  control_ = std::make_unique<FaultControlApi>(
      injector_,
      [this] {
        std::lock_guard lock(mutex_);
        calls_.clear();
      },
      std::set<FaultComponent>{FaultComponent::kLlm});
}

MockLlmService::~MockLlmService() { release_all(); }

void MockLlmService::release_all() {
  cut_holds_short();
  injector_->reset();
}

std::map<std::string, std::int64_t> MockLlmService::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

void MockLlmService::count(const std::string& operation) {
  std::lock_guard lock(mutex_);
  ++calls_[operation];
}

void MockLlmService::cut_holds_short() {
  {
    std::lock_guard lock(mutex_);
    ++hold_generation_;
  }
  holds_changed_.notify_all();
}

void MockLlmService::hold_timeout() {
  std::unique_lock lock(mutex_);
  const std::uint64_t generation = hold_generation_;
  holds_changed_.wait_for(lock, options_.timeout_hold,
                          [&] { return hold_generation_ != generation; });
}

ApiResponse MockLlmService::handle(const ApiRequest& request, const std::string& peer_host) {
  try {
    if (request.path == "/__control" || request.path.rfind("/__control/", 0) == 0) {
      return control(request, peer_host);
    }
    if (request.path == "/v1/chat/completions") {
      if (request.method != "POST") {
        return error_answer(405, "invalid_request_error", "use POST");
      }
      return chat_completion(request);
    }
    if (request.path == "/v1/models") {
      if (request.method != "GET") return error_answer(405, "invalid_request_error", "use GET");
      return models();
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
  if (request.path == "/__control/calls") {
    if (request.method != "GET") return error_answer(405, "invalid_request_error", "use GET");
    const auto counted = calls();
    std::int64_t total = 0;
    Json by_operation = Json::object();
    for (const auto& [operation, n] : counted) {
      by_operation[operation] = n;
      if (operation != "unrecognised" && operation != "health") total += n;
    }
    return json_answer(200, Json{{"calls", by_operation}, {"total", total}});
  }
  std::optional<ApiResponse> answer = control_->handle(request);
  if (!answer) return error_answer(404, "invalid_request_error", "unknown path " + request.path);
  // A new plan, a cleared one or a reset ends every held timeout.
  if (changes_plan(request)) cut_holds_short();
  return *answer;
}

ApiResponse MockLlmService::models() {
  count("health");
  const auto action = injector_->on_call(FaultComponent::kLlm, "health");
  if (action) {
    switch (action->kind) {
      case FaultActionKind::kThrow:
        return error_answer(500, "server_error", failure_message("health"));
      case FaultActionKind::kServerError:
        return error_answer(action->status, "server_error", server_error_message(action->status));
      case FaultActionKind::kRateLimited: {
        ApiResponse response =
            error_answer(429, "rate_limit_exceeded", rate_limited_message(action->retry_after));
        response.headers["retry-after"] = std::to_string(action->retry_after);
        return response;
      }
      case FaultActionKind::kTimeout:
        hold_timeout();
        return error_answer(504, "timeout", timeout_message("health"));
      default:
        break;
    }
  }
  return json_answer(200, Json{{"object", "list"},
                               {"data", Json::array({Json{{"id", options_.model},
                                                          {"object", "model"},
                                                          {"created", 0},
                                                          {"owned_by", "rm"}}})}});
}

ApiResponse MockLlmService::chat_completion(const ApiRequest& request) {
  const Json body = Json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array()) {
    return error_answer(400, "invalid_request_error", "the body must be {\"messages\": [...]}");
  }
  std::vector<ChatMessage> messages;
  for (const Json& message : body["messages"]) {
    if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) {
      return error_answer(400, "invalid_request_error", "each message needs a string content");
    }
    messages.push_back(ChatMessage{message.value("role", std::string("user")),
                                   message["content"].get<std::string>()});
  }

  CallInput input;
  for (const ChatMessage& message : messages) {
    if (message.role == "user") input.text = message.content;
  }
  if (input.text.empty()) {
    for (const ChatMessage& message : messages) input.text += message.content + "\n";
  }

  std::string operation = header(request, "x-operation");
  FaultArgs args;
  if (!operation.empty()) {
    if (operation == "health" || !is_operation(FaultComponent::kLlm, operation)) {
      count("unrecognised");
      return error_answer(400, "invalid_request_error", "unknown X-Operation '" + operation + "'");
    }
    const Json typed = Json::parse(input.text, nullptr, false);
    if (typed.is_object()) {
      input.typed = true;
      input.json = typed;
      for (const char* name : {"prompt_id", "language"}) {
        if (typed.contains(name) && typed[name].is_string()) args[name] = typed[name];
      }
    }
  } else if (auto classified = options_.rules.classify(messages)) {
    operation = classified->operation;
    args.insert(classified->args.begin(), classified->args.end());
  } else {
    count("unrecognised");
    return error_answer(400, "invalid_request_error",
                        "cannot tell the operation: send X-Operation or match a --rules pattern");
  }
  count(operation);

  auto real = [&] { return builtin_answer(builtin_, operation, input, args); };
  std::string content;
  const auto action = injector_->on_call(FaultComponent::kLlm, operation, args);
  if (!action) {
    content = real();
  } else {
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
        hold_timeout();
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
  }

  std::uint64_t number = 0;
  {
    std::lock_guard lock(mutex_);
    number = ++completions_;
  }
  const std::string model = body.value("model", options_.model);
  const std::int64_t prompt_tokens = rough_tokens(request.body);
  const std::int64_t completion_tokens = rough_tokens(content);
  return json_answer(
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

}  // namespace rm
