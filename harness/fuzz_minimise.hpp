#pragma once
// Delta debugging (ddmin) over a finding's steps: the smallest sequence found
// that still shows the same finding (same issue and clause), within a budget of
// runs and time. The fixture is dropped too when the finding survives without it.
#include <chrono>

#include "harness/fuzz_runner.hpp"

namespace rm::harness::fuzz {

struct Minimised {
  Sequence sequence;
  FuzzFinding finding;  // as the minimised sequence shows it
  int runs = 0;         // sequences run while minimising
};

Minimised minimise(SequenceRunner& runner, const Sequence& sequence, const FuzzFinding& finding,
                   int max_runs = 400,
                   std::chrono::milliseconds budget = std::chrono::milliseconds(30000));

}  // namespace rm::harness::fuzz
