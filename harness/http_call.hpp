#pragma once
// One blocking HTTP request over libcurl, for the HTTP targets. A fresh handle
// per call, so it is safe from any number of threads at once.
#include <chrono>
#include <string>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

// No complete answer within the timeout (the connection was made).
class HttpTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The request goes to base_url + request.path + "?" + the encoded request.query.
// Transport failures (refused) throw std::runtime_error naming the URL; no answer
// within `timeout` throws HttpTimeout.
ApiResponse http_call(const std::string& base_url, const ApiRequest& request,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Shorthands for the control APIs: JSON body in and out. Throws std::runtime_error
// on a transport failure or when the status is not `expect`.
Json control_call(const std::string& base_url, const std::string& method, const std::string& path,
                  const Json& body = nullptr, int expect = 200);

}  // namespace rm::harness
