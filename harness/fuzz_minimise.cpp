#include "harness/fuzz_minimise.hpp"

#include <algorithm>

namespace rm::harness::fuzz {

Minimised minimise(SequenceRunner& runner, const Sequence& sequence, const FuzzFinding& finding,
                   int max_runs, std::chrono::milliseconds budget) {
  const std::string wanted = finding.key();
  const auto deadline = std::chrono::steady_clock::now() + budget;
  Minimised best{sequence, finding, 0};
  // Whether `candidate` still shows the finding (and, if so, keeps it as the best).
  const auto reproduces = [&](const Sequence& candidate) {
    if (best.runs >= max_runs || std::chrono::steady_clock::now() > deadline) return false;
    ++best.runs;
    SequenceResult result = runner.run(candidate, &wanted);
    if (!result.finding) return false;
    best.sequence = candidate;
    best.finding = *result.finding;
    return true;
  };
  // Steps after the one that showed the finding play no part in it.
  if (finding.step >= 0 && static_cast<std::size_t>(finding.step) + 1 < sequence.steps.size()) {
    Sequence cut = sequence;
    cut.steps.resize(static_cast<std::size_t>(finding.step) + 1);
    reproduces(cut);
  }
  std::size_t n = 2;
  while (best.sequence.steps.size() >= 2) {
    const std::vector<SeqStep>& steps = best.sequence.steps;
    const std::size_t size = steps.size();
    const std::size_t chunk = (size + n - 1) / n;
    bool reduced = false;
    for (std::size_t start = 0; start < size; start += chunk) {
      Sequence candidate = best.sequence;
      candidate.steps.erase(
          candidate.steps.begin() + static_cast<std::ptrdiff_t>(start),
          candidate.steps.begin() + static_cast<std::ptrdiff_t>(std::min(size, start + chunk)));
      if (reproduces(candidate)) {
        n = std::max<std::size_t>(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (n >= size || best.runs >= max_runs || std::chrono::steady_clock::now() > deadline) break;
    n = std::min(size, n * 2);
  }
  if (best.sequence.steps.size() == 1) {
    Sequence none = best.sequence;
    none.steps.clear();
    reproduces(none);
  }
  if (!best.sequence.fixture.empty()) {
    Sequence empty = best.sequence;
    empty.fixture.clear();
    reproduces(empty);
  }
  return best;
}

}  // namespace rm::harness::fuzz
