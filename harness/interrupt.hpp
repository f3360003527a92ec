#pragma once
// SIGINT and SIGTERM for the harness CLI. The constructor blocks both in the
// calling thread (so in every thread started after it: construct it first in
// main) and starts one thread that waits for them. On either signal that thread
// undoes everything in the CleanupRegistry (stops the started processes' groups,
// removes the temporary dirs) and ends the process with 128 + the signal number
// (130 / 143), without running destructors that other threads may be inside.
#include <pthread.h>

#include <thread>

namespace rm::harness {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();  // a normal exit: the waiting thread ends, nothing is undone
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  std::thread waiter_;
};

}  // namespace rm::harness
