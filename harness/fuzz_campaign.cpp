#include "harness/fuzz_campaign.hpp"

#include <cstdio>

#include "harness/fuzz_minimise.hpp"

namespace rm::harness::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

std::string campaign_line(const CampaignResult& r) {
  char buffer[256];
  const double seconds = r.seconds > 0 ? r.seconds : 1e-9;
  std::snprintf(buffer, sizeof buffer,
                "%lld sequences, %lld steps, %lld requests, %zu findings, %.1f seq/s, %.1f "
                "steps/s",
                static_cast<long long>(r.sequences), static_cast<long long>(r.steps),
                static_cast<long long>(r.requests), r.findings.size(),
                static_cast<double>(r.sequences) / seconds, static_cast<double>(r.steps) / seconds);
  return buffer;
}

CampaignResult run_campaign(SequenceRunner& runner, const Capabilities& capabilities,
                            const CampaignOptions& options) {
  CampaignResult result;
  std::set<std::string> known;
  const Clock::time_point start = Clock::now();
  Clock::time_point last_progress = start;
  double paused = 0;  // minimising time, not counted as fuzzing
  const auto elapsed = [&] { return seconds_since(start) - paused; };
  for (std::uint64_t i = 0;; ++i) {
    if (options.max_sequences && result.sequences >= *options.max_sequences) break;
    if (options.time_budget &&
        elapsed() >= std::chrono::duration<double>(*options.time_budget).count()) {
      break;
    }
    if (static_cast<int>(known.size()) >= options.max_findings) break;
    const std::uint64_t seed = options.seed + i;
    const Sequence sequence = generate_sequence(seed, capabilities, options.limits);
    const SequenceResult run = runner.run(sequence);
    ++result.sequences;
    result.steps += run.steps;
    result.requests += run.requests;
    result.unanswered += run.unanswered;
    for (const std::string& skipped : run.skipped) result.skipped.insert(skipped);
    if (run.finding && known.insert(run.finding->key()).second) {
      CampaignFinding found;
      found.seed = seed;
      found.sequence_number = result.sequences;
      found.seconds = elapsed();
      found.original_steps = sequence.steps.size();
      const Clock::time_point minimise_start = Clock::now();
      if (options.minimise) {
        Minimised small = minimise(runner, sequence, *run.finding);
        found.sequence = std::move(small.sequence);
        found.finding = std::move(small.finding);
        found.minimise_runs = small.runs;
      } else {
        found.sequence = sequence;
        found.finding = *run.finding;
      }
      const double spent = seconds_since(minimise_start);
      paused += spent;
      result.minimise_seconds += spent;
      if (options.on_finding) options.on_finding(found);
      result.findings.push_back(std::move(found));
    }
    if (options.progress != nullptr && Clock::now() - last_progress >= options.progress_every) {
      last_progress = Clock::now();
      result.seconds = elapsed();
      char stamp[32];
      std::snprintf(stamp, sizeof stamp, "[%7.1f s] ", result.seconds);
      *options.progress << stamp << campaign_line(result) << std::endl;
    }
  }
  result.seconds = elapsed();
  return result;
}

}  // namespace rm::harness::fuzz
