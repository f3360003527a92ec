#include "mocks/fault/fault_control_api.hpp"

#include <string_view>
#include <vector>

#include "mocks/fault/control_messages.hpp"

namespace rm {
namespace {

using control::error_response;
using control::json_response;
using control::query_integer;
using control::query_value;

constexpr std::string_view kPrefix = "/__control";

ApiResponse method_not_allowed(const std::string& allowed) {
  ApiResponse response = error_response(405, "Method Not Allowed");
  response.headers["allow"] = allowed;
  return response;
}

std::vector<std::string> split_path(std::string_view rest) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t slash = rest.find('/', start);
    if (slash == std::string_view::npos) slash = rest.size();
    if (slash > start) parts.emplace_back(rest.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

Json gates_json(GateRegistry& gates) {
  Json out = Json::array();
  for (const auto& gate : gates.list()) {
    out.push_back({{"name", gate.name},
                   {"arrivals", gate.arrivals},
                   {"waiting", gate.waiting},
                   {"released", gate.released}});
  }
  return out;
}

}  // namespace

FaultControlApi::FaultControlApi(std::shared_ptr<FaultInjector> injector,
                                 std::function<void()> reset_hook,
                                 std::set<FaultComponent> accepted)
    : injector_(std::move(injector)),
      reset_hook_(std::move(reset_hook)),
      accepted_(std::move(accepted)) {}

std::optional<ApiResponse> FaultControlApi::handle(const ApiRequest& request) {
  std::string_view path = request.path;
  if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;  // e.g. /__controls
  std::vector<std::string> parts = split_path(rest);
  const std::string& method = request.method;

  if (parts.size() == 1 && parts[0] == "plan") {
    if (method == "PUT") return put_plan(request);
    if (method == "GET") {
      auto plan = injector_->plan();
      return json_response(200, Json{{"plan", plan ? plan->to_json() : Json(nullptr)}});
    }
    if (method == "DELETE") {
      injector_->clear();
      return json_response(200, Json{{"cleared", true}});
    }
    return method_not_allowed("GET, PUT, DELETE");
  }
  if (parts.size() == 1 && parts[0] == "gates") {
    if (method != "GET") return method_not_allowed("GET");
    return json_response(200, Json{{"gates", gates_json(injector_->gates())}});
  }
  if (parts.size() == 3 && parts[0] == "gates" && (parts[2] == "wait" || parts[2] == "release")) {
    if (method != "POST") return method_not_allowed("POST");
    if (parts[2] == "wait") return wait_gate(parts[1], request);
    return release_gate(parts[1], request);
  }
  if (parts.size() == 1 && parts[0] == "journal") {
    if (method != "GET") return method_not_allowed("GET");
    return json_response(200, Json{{"journal", injector_->journal().to_json()}});
  }
  if (parts.size() == 1 && parts[0] == "reset") {
    if (method != "POST") return method_not_allowed("POST");
    injector_->reset();
    if (reset_hook_) reset_hook_();
    return json_response(200, Json{{"reset", true}});
  }
  return error_response(404, "unknown control path " + request.path);
}

ApiResponse FaultControlApi::put_plan(const ApiRequest& request) {
  FaultPlanParse parsed = parse_fault_plan_text(request.body);
  if (!parsed.ok()) return error_response(400, parsed.error);
  for (std::size_t i = 0; i < parsed.plan->rules.size(); ++i) {
    FaultComponent component = parsed.plan->rules[i].component;
    if (!accepted_.count(component)) {
      return error_response(400, "rules[" + std::to_string(i) +
                                     "].component: " + std::string(component_name(component)) +
                                     " rules are not applied by this process");
    }
  }
  Json canonical = parsed.plan->to_json();
  injector_->install(std::move(*parsed.plan));
  return json_response(200, Json{{"plan", std::move(canonical)}});
}

ApiResponse FaultControlApi::wait_gate(const std::string& gate, const ApiRequest& request) {
  auto count = query_integer(request, "count", 1, 0, 1'000'000);
  if (!count) return error_response(400, "count: must be an integer in [0, 1000000]");
  auto timeout = query_integer(request, "timeout_ms", 5'000, 0, kMaxWaitMs);
  if (!timeout) {
    return error_response(
        400, "timeout_ms: must be an integer in [0, " + std::to_string(kMaxWaitMs) + "]");
  }
  std::int64_t arrived =
      injector_->gates().wait_for_arrivals(gate, *count, std::chrono::milliseconds(*timeout));
  return json_response(200, Json{{"arrived", arrived}, {"requested", *count}});
}

ApiResponse FaultControlApi::release_gate(const std::string& gate, const ApiRequest& request) {
  auto all = query_value(request, "all");
  if (all && *all != "true" && *all != "false" && *all != "1" && *all != "0") {
    return error_response(400, "all: must be true or false");
  }
  bool release_all = all && (*all == "true" || *all == "1");
  std::int64_t released =
      release_all ? injector_->gates().release_all(gate) : injector_->gates().release_one(gate);
  return json_response(200, Json{{"released", released}});
}

}  // namespace rm
