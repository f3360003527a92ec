#include "mocks/fault/actor_request.hpp"

#include <optional>

namespace rm {

ApiResponse handle_as_actor(Scheduler& scheduler, const ApiRequest& request,
                            const std::function<ApiResponse(const ApiRequest&)>& handle) {
  const auto header = request.headers.find(kActorHeader);
  if (header == request.headers.end()) return handle(request);
  const auto tag = Scheduler::parse_tag(header->second);
  if (!tag) return handle(request);
  const Scheduler::Actor actor(scheduler, tag->first, tag->second);
  return handle(request);
}

}  // namespace rm
