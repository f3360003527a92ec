#pragma once
// Progress on a terminal: each finished scenario's line (as progress_line), under
// a live status line redrawn every second while a scenario runs, e.g.
//   [ 6/45] running API-001 parse_timeout_reports_failed 23 s | pass 3  fail 2 | 1m02s
// so that a long wait (a target's LLM timeout) shows what it is waiting for. Only
// for a terminal: the CLI prints plain lines (RunOptions::progress) otherwise.
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "harness/runner.hpp"

namespace rm::harness {

class LiveProgress : public RunObserver {
 public:
  explicit LiveProgress(std::ostream& out);
  ~LiveProgress() override;  // clears the status line
  LiveProgress(const LiveProgress&) = delete;
  LiveProgress& operator=(const LiveProgress&) = delete;

  void scenario_started(const Scenario& scenario, int index, int total) override;
  void scenario_finished(const ScenarioResult& result, int index, int total) override;

  // The status line for the current state (without terminal control characters).
  std::string status_line() const;

 private:
  void redraw();  // under mutex_

  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Clock::time_point run_start_ = Clock::now();
  Clock::time_point scenario_start_ = Clock::now();
  std::string running_;  // "API-001 parse_timeout_reports_failed", empty between scenarios
  int index_ = 0;
  int total_ = 0;
  std::map<std::string, int> counts_;  // verdict name -> scenarios
  std::thread ticker_;
};

}  // namespace rm::harness
