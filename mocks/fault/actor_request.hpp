#pragma once
// Which exploration actor a request is: the harness tags each concurrent request
// of an exploration run with "X-Rm-Actor: <run>.<n>", in-process and over HTTP
// alike; the server runs the request's handler as that actor of its Scheduler.
#include <functional>

#include "mocks/fault/scheduler.hpp"
#include "reference/http/api_message.hpp"

namespace rm {

inline constexpr const char* kActorHeader = "x-rm-actor";  // lower-cased, as ApiRequest holds it

// `handle(request)`, as the actor the request's tag names (if it names one of the
// scheduler's current run); untagged requests are handled as they are.
ApiResponse handle_as_actor(Scheduler& scheduler, const ApiRequest& request,
                            const std::function<ApiResponse(const ApiRequest&)>& handle);

}  // namespace rm
