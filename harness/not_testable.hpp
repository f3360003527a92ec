#pragma once
// Thrown when a run finds that the target cannot support what the scenario needs,
// after it started (e.g. an answer still outstanding at the harness's deadline
// while the mock LLM holds the target's call): the runner reports not_testable
// with this reason instead of error.
#include <stdexcept>

namespace rm::harness {

class NotTestable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rm::harness
