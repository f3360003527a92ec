#pragma once
// One blocking HTTP request over libcurl, for the HTTP targets. A fresh handle
// per call, so it is safe from any number of threads at once.
#include <chrono>
#include <string>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

// The request goes to base_url + request.path + "?" + the encoded request.query.
// Transport failures (refused, timed out) throw std::runtime_error naming the URL.
ApiResponse http_call(const std::string& base_url, const ApiRequest& request,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Shorthands for the control APIs: JSON body in and out. Throws std::runtime_error
// on a transport failure or when the status is not `expect`.
Json control_call(const std::string& base_url, const std::string& method, const std::string& path,
                  const Json& body = nullptr, int expect = 200);

}  // namespace rm::harness
