#pragma once
// A bounded fuzzing campaign: sequence i comes from seed + i, runs on a fresh
// (reset) target, and each new finding (a new issue/clause) is minimised. It
// stops at the time budget, the sequence budget, or max_findings distinct
// findings, whichever comes first.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "harness/fuzz_runner.hpp"

namespace rm::harness::fuzz {

struct CampaignFinding {
  FuzzFinding finding;  // as the minimised sequence shows it
  Sequence sequence;    // minimised
  std::size_t original_steps = 0;
  std::uint64_t seed = 0;            // the seed of the sequence that showed it
  std::int64_t sequence_number = 0;  // 1-based: how many sequences ran until it showed
  double seconds = 0;                // campaign time until it showed (minimising excluded)
  int minimise_runs = 0;
};

struct CampaignOptions {
  std::uint64_t seed = 1;
  std::optional<std::chrono::milliseconds> time_budget;
  std::optional<std::int64_t> max_sequences;
  int max_findings = 10;
  Limits limits{};
  bool minimise = true;
  std::ostream* progress = nullptr;  // a line every progress_every
  std::chrono::milliseconds progress_every{5000};
  std::function<void(const CampaignFinding&)> on_finding{};  // as each is minimised
};

struct CampaignResult {
  std::int64_t sequences = 0;
  std::int64_t steps = 0;
  std::int64_t requests = 0;
  std::int64_t unanswered = 0;
  double seconds = 0;  // fuzzing time, minimising excluded
  double minimise_seconds = 0;
  std::vector<CampaignFinding> findings;
  std::set<std::string> skipped;  // step kinds not run, and why
};

CampaignResult run_campaign(SequenceRunner& runner, const Capabilities& capabilities,
                            const CampaignOptions& options);

// "1234 sequences, 28000 steps, 2 findings, 246.8 seq/s, 5600.1 steps/s"
std::string campaign_line(const CampaignResult& result);

}  // namespace rm::harness::fuzz
