#pragma once
// Told just before a store takes its own lock for an operation. The seam through
// which a scheduler (mocks/fault/scheduler.hpp) can run other calls between two
// locked sections of one store call: a store that splits a read-modify-write
// across two locked calls then shows its race on a chosen schedule, not by chance.
// A store without an observer pays one null check.
#include <string_view>

namespace rm {

class LockObserver {
 public:
  virtual ~LockObserver() = default;
  // `operation`: the store operation whose lock is about to be taken, e.g.
  // "get_master_resume". Called with no lock of the store held.
  virtual void before_lock(std::string_view operation) = 0;
};

}  // namespace rm
