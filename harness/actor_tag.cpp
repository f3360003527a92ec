#include "harness/actor_tag.hpp"

#include <utility>

namespace rm::harness {
namespace {

thread_local std::string thread_tag;

}  // namespace

const std::string& current_actor_tag() { return thread_tag; }

ActorTagScope::ActorTagScope(std::string tag)
    : previous_(std::exchange(thread_tag, std::move(tag))) {}

ActorTagScope::~ActorTagScope() { thread_tag = std::move(previous_); }

}  // namespace rm::harness
