#include "mocks/fault/gate.hpp"

#include <algorithm>

namespace rm {

GateRegistry::~GateRegistry() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  release_everything_locked();
  changed_.notify_all();
  changed_.wait(lock, [&] { return inside_ == 0; });
}

std::shared_ptr<GateRegistry::Gate> GateRegistry::gate_locked(const std::string& name) {
  auto& slot = gates_[name];
  if (!slot) slot = std::make_shared<Gate>();
  return slot;
}

void GateRegistry::arrive(const std::string& name) {
  std::unique_lock lock(mutex_);
  hold_locked(lock, name);
}

bool GateRegistry::arrive_in_epoch(const std::string& name, std::uint64_t epoch) {
  std::unique_lock lock(mutex_);
  if (epoch != epoch_) return false;
  return hold_locked(lock, name);
}

bool GateRegistry::hold_locked(std::unique_lock<std::mutex>& lock, const std::string& name) {
  if (closed_) return false;
  // The thread keeps its gate alive: forget() may drop the map entry meanwhile.
  std::shared_ptr<Gate> gate = gate_locked(name);
  std::int64_t ticket = gate->next_ticket++;
  ++inside_;
  changed_.notify_all();
  changed_.wait(lock, [&] { return gate->released_upto > ticket || closed_; });
  --inside_;
  changed_.notify_all();
  return true;
}

std::uint64_t GateRegistry::epoch() const {
  std::lock_guard lock(mutex_);
  return epoch_;
}

std::int64_t GateRegistry::wait_for_arrivals(const std::string& name, std::int64_t count,
                                             std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::shared_ptr<Gate> gate = gate_locked(name);
  auto enough = [&] {
    // forget() may replace the gate while we wait; follow the current one.
    gate = gate_locked(name);
    return gate->next_ticket >= count || closed_;
  };
  changed_.wait_for(lock, std::max(timeout, std::chrono::milliseconds(0)), enough);
  return gate_locked(name)->next_ticket;
}

std::int64_t GateRegistry::arrivals(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = gates_.find(name);
  return it == gates_.end() ? 0 : it->second->next_ticket;
}

std::int64_t GateRegistry::waiting(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = gates_.find(name);
  return it == gates_.end() ? 0 : it->second->next_ticket - it->second->released_upto;
}

std::int64_t GateRegistry::release_one(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = gates_.find(name);
  if (it == gates_.end() || it->second->released_upto >= it->second->next_ticket) return 0;
  ++it->second->released_upto;
  changed_.notify_all();
  return 1;
}

std::int64_t GateRegistry::release_all(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = gates_.find(name);
  if (it == gates_.end()) return 0;
  std::int64_t released = it->second->next_ticket - it->second->released_upto;
  it->second->released_upto = it->second->next_ticket;
  changed_.notify_all();
  return released;
}

std::int64_t GateRegistry::release_everything_locked() {
  std::int64_t released = 0;
  for (auto& [name, gate] : gates_) {
    released += gate->next_ticket - gate->released_upto;
    gate->released_upto = gate->next_ticket;
  }
  ++epoch_;
  changed_.notify_all();
  return released;
}

std::int64_t GateRegistry::release_everything() {
  std::lock_guard lock(mutex_);
  return release_everything_locked();
}

std::int64_t GateRegistry::forget() {
  std::lock_guard lock(mutex_);
  std::int64_t released = release_everything_locked();
  gates_.clear();
  return released;
}

std::vector<GateInfo> GateRegistry::list() const {
  std::lock_guard lock(mutex_);
  std::vector<GateInfo> out;
  for (const auto& [name, gate] : gates_) {
    GateInfo info;
    info.name = name;
    info.arrivals = gate->next_ticket;
    info.waiting = gate->next_ticket - gate->released_upto;
    info.released = gate->released_upto;
    out.push_back(info);
  }
  return out;
}

}  // namespace rm
