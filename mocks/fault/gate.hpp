#pragma once
// Named pause points for forcing interleavings. A thread that arrives at a gate
// blocks until a controller releases it; the controller can wait until N threads
// have arrived (or a timeout passes), then release them one by one or all at once.
// Only condition variables: nothing here sleeps.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace rm {

struct GateInfo {
  std::string name;
  std::int64_t arrivals = 0;  // threads that arrived since the gate was created / forgotten
  std::int64_t waiting = 0;   // of those, how many are still held
  std::int64_t released = 0;  // arrivals - waiting
};

class GateRegistry {
 public:
  GateRegistry() = default;
  // Releases every held thread and waits until each has left arrive().
  ~GateRegistry();
  GateRegistry(const GateRegistry&) = delete;
  GateRegistry& operator=(const GateRegistry&) = delete;

  // Blocks the calling thread at gate `name` until it is released. Released in
  // arrival order. Returns at once when the registry is being destroyed.
  void arrive(const std::string& name);
  // As arrive(), but only if no release_everything() happened since `epoch` was
  // read: a call decided under an old plan must not block at a gate that a reset
  // already opened. Returns false when it did not wait.
  bool arrive_in_epoch(const std::string& name, std::uint64_t epoch);
  // Bumped by every release_everything() / forget().
  std::uint64_t epoch() const;

  // Returns as soon as `count` threads in total have arrived at `name`, or at the
  // timeout; either way the number arrived so far.
  std::int64_t wait_for_arrivals(const std::string& name, std::int64_t count,
                                 std::chrono::milliseconds timeout);
  std::int64_t arrivals(const std::string& name) const;
  std::int64_t waiting(const std::string& name) const;

  // Each returns how many threads it released (never banks a release for later).
  std::int64_t release_one(const std::string& name);
  std::int64_t release_all(const std::string& name);
  std::int64_t release_everything();
  // release_everything() and drop every gate's counts: the next round starts at 0.
  std::int64_t forget();

  std::vector<GateInfo> list() const;

 private:
  struct Gate {
    std::int64_t next_ticket = 0;    // = arrivals
    std::int64_t released_upto = 0;  // tickets below this may pass
  };
  std::shared_ptr<Gate> gate_locked(const std::string& name);
  bool hold_locked(std::unique_lock<std::mutex>& lock, const std::string& name);
  std::int64_t release_everything_locked();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Gate>> gates_;
  std::uint64_t epoch_ = 0;
  std::int64_t inside_ = 0;  // threads currently in arrive()
  bool closed_ = false;
};

}  // namespace rm
