#include "harness/interrupt.hpp"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "harness/cleanup_registry.hpp"

namespace rm::harness {
namespace {

// Sent by the destructor to end the waiting thread on a normal exit.
constexpr int kQuit = SIGUSR2;
// How long the started processes get to exit on SIGTERM before SIGKILL.
constexpr std::chrono::seconds kStopGrace{5};

sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, kQuit);
  return set;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  const sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  waiter_ = std::thread([set] {
    int signal = 0;
    while (sigwait(&set, &signal) != 0) {
    }
    if (signal == kQuit) return;
    std::fflush(stdout);
    std::fprintf(stderr, "\nharness: %s: stopping the started processes, removing temporary dirs\n",
                 signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
    const int stopped = CleanupRegistry::instance().undo_all(kStopGrace);
    std::fprintf(stderr, "harness: stopped %d process group(s); exiting with %d\n", stopped,
                 128 + signal);
    std::fflush(stderr);
    std::_Exit(128 + signal);
  });
}

InterruptGuard::~InterruptGuard() {
  pthread_kill(waiter_.native_handle(), kQuit);
  waiter_.join();
}

}  // namespace rm::harness
