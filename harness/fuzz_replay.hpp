#pragma once
// The replay file of a finding: the (minimised) sequence, what was found, and
// how it was found, as one JSON document that `harness fuzz --replay FILE` runs
// again.
//   {"format": "rm-fuzz-replay", "version": 1, "target": "embedded",
//    "defect": "API-002" | null, "seed": 18 | null, "sequence": {...},
//    "finding": {"issue", "clause", "evidence", "step"}}
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "harness/fuzz_oracle.hpp"
#include "harness/fuzz_sequence.hpp"

namespace rm::harness::fuzz {

struct Replay {
  Sequence sequence;
  std::optional<FuzzFinding> finding;
  std::string target;                 // describe() of the target it was found on
  std::optional<std::string> defect;  // "API-002"
  std::optional<std::uint64_t> seed;  // the sequence's seed, when it came from one
};

Json replay_json(const Replay& replay);
// Throws std::runtime_error naming the file and what is wrong.
Replay read_replay(const std::filesystem::path& file);
void write_replay(const Replay& replay, const std::filesystem::path& file);

}  // namespace rm::harness::fuzz
