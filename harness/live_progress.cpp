#include "harness/live_progress.hpp"

#include <cstdio>

#include "harness/scenario.hpp"

namespace rm::harness {
namespace {

constexpr const char* kClearLine = "\r\033[K";
constexpr std::chrono::seconds kRedrawEvery{1};

std::string duration(std::chrono::steady_clock::duration elapsed) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  char text[32];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%llds", static_cast<long long>(seconds));
  } else {
    std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  }
  return text;
}

}  // namespace

LiveProgress::LiveProgress(std::ostream& out) : out_(out) {
  // Redraws the elapsed times of a long scenario; the wait is a display refresh,
  // not an ordering of events.
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, kRedrawEvery);
      if (!stopping_ && !running_.empty()) redraw();
    }
  });
}

LiveProgress::~LiveProgress() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    out_ << kClearLine << std::flush;
  }
  wake_.notify_all();
  ticker_.join();
}

std::string LiveProgress::status_line() const {
  const int width = static_cast<int>(std::to_string(total_).size());
  char counter[32];
  std::snprintf(counter, sizeof counter, "[%*d/%d]", width, index_, total_);
  std::string line = counter;
  if (!running_.empty()) {
    line += " running " + running_ + " " + duration(Clock::now() - scenario_start_);
  }
  if (!counts_.empty()) line += " |";
  for (const auto& [verdict, n] : counts_) line += " " + verdict + " " + std::to_string(n);
  return line + " | " + duration(Clock::now() - run_start_);
}

void LiveProgress::redraw() { out_ << kClearLine << status_line() << std::flush; }

void LiveProgress::scenario_started(const Scenario& scenario, int index, int total) {
  std::lock_guard lock(mutex_);
  if (index == 1) run_start_ = Clock::now();
  index_ = index;
  total_ = total;
  running_ = scenario.issue + " " + scenario.name;
  scenario_start_ = Clock::now();
  redraw();
}

void LiveProgress::scenario_finished(const ScenarioResult& result, int index, int total) {
  std::lock_guard lock(mutex_);
  running_.clear();
  ++counts_[verdict_name(result.verdict)];
  out_ << kClearLine << progress_line(result, index, total) << "\n";
  redraw();
}

}  // namespace rm::harness
