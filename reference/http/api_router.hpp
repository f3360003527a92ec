#pragma once
// Maps the contract's routes onto the ResumeService: request parsing and
// validation (422 naming the field, 400/413 as documented), and Failure ->
// {"detail": ...}. Thread-safe; holds no per-request state.
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/service/resume_service.hpp"

namespace rm {

class ApiRouter {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&, const std::vector<std::string>&)>;

  explicit ApiRouter(std::shared_ptr<ResumeService> service);

  // Never throws; an unexpected exception becomes a 500 with a generic detail.
  ApiResponse handle(const ApiRequest& request) const;

  // Registers `handler` for `method` and a pattern such as "/api/v1/resumes/{id}/pdf";
  // the {…} segments reach the handler as its second argument, in order.
  // Exact segments win over {…} segments. Used by the route files and by
  // extensions such as the fault-control API; safe to call while requests are served.
  void add(const std::string& method, const std::string& pattern, Handler handler);

  ResumeService& service() const { return *service_; }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::shared_ptr<ResumeService> service_;
  mutable std::shared_mutex routes_mutex_;  // add() may run while handle() serves requests
  std::vector<Route> routes_;
};

// Helpers for the route files (reference/http/routes/*.cpp).
ApiResponse json_response(int status, const Json& body);
ApiResponse error_response(int status, const std::string& detail);
ApiResponse from_failure(const Failure& failure);
// 200 with the value as JSON, or the failure.
ApiResponse respond(const Outcome<Json>& outcome);
// 200 with a body the service already serialised as JSON, or the failure.
ApiResponse respond_serialised(Outcome<std::string> outcome);

}  // namespace rm
