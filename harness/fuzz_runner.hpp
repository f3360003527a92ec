#pragma once
// Runs one fuzzed sequence against any rm::harness::Target: a reset (empty, or
// the fixture database), then each step — requests with ids resolved from the
// answers so far, fault rules added to the plan in force, concurrent steps
// (requests held at a gate while others run, then released), restarts — and
// after each step the oracles (fuzz_oracle.hpp) and the section 3 invariants
// (harness/invariants.hpp: store invariants over the stored tables, and every
// id a 200 returned). Steps whose hook the target lacks are skipped and named,
// never counted as passed.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/fuzz_generator.hpp"
#include "harness/fuzz_oracle.hpp"
#include "harness/fuzz_sequence.hpp"
#include "harness/target.hpp"

namespace rm::harness::fuzz {

struct RunnerOptions {
  Capabilities capabilities = Capabilities::all();
  // How long a concurrent step waits for its held requests to reach the gate,
  // and in what slices it checks whether they finished without reaching it.
  std::chrono::milliseconds gate_deadline{2000};
  std::chrono::milliseconds gate_slice{2};
};

// What the target offers, from its hooks (an llm hook judged by traffic counts).
Capabilities capabilities_of(Target& target);

struct SequenceResult {
  std::optional<FuzzFinding> finding;  // the first (or the wanted) finding
  int steps = 0;                       // steps run
  int requests = 0;                    // requests answered
  int unanswered = 0;                  // requests the target did not answer (send threw)
  std::vector<std::string> skipped;    // steps not run, and why
};

class SequenceRunner {
 public:
  SequenceRunner(Target& target, RunnerOptions options);

  // Resets the target and runs `sequence`, stopping at the first finding, or
  // with `wanted` set, at the first finding with that key (others are ignored).
  // Throws when the target cannot be reset or restarted.
  SequenceResult run(const Sequence& sequence, const std::string* wanted = nullptr);

 private:
  Target& target_;
  RunnerOptions options_;
};

}  // namespace rm::harness::fuzz
