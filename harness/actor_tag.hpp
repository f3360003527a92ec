#pragma once
// The exploration actor the calling harness thread sends as ("<run>.<n>"; empty:
// none). flows::Background sets it on the threads it starts under a schedule;
// ScenarioContext::send puts it on the request as X-Rm-Actor.
#include <string>

namespace rm::harness {

const std::string& current_actor_tag();

// Sets the calling thread's tag for the scope's lifetime.
class ActorTagScope {
 public:
  explicit ActorTagScope(std::string tag);
  ~ActorTagScope();
  ActorTagScope(const ActorTagScope&) = delete;
  ActorTagScope& operator=(const ActorTagScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace rm::harness
