#include "reference/service/resume_list_cache.hpp"

#include <utility>

namespace rm {

std::shared_ptr<const std::string> ResumeListCache::find(const SharedSummaries& snapshot,
                                                         bool include_master) const {
  std::lock_guard lock(mutex_);
  const Entry& entry = entries_[include_master ? 1 : 0];
  return snapshot != nullptr && entry.source == snapshot ? entry.data : nullptr;
}

void ResumeListCache::keep(SharedSummaries snapshot, bool include_master,
                           std::shared_ptr<const std::string> data) {
  Entry entry{std::move(snapshot), std::move(data)};
  std::lock_guard lock(mutex_);
  // The previous entry is released after the lock, with `entry`.
  std::swap(entries_[include_master ? 1 : 0], entry);
}

}  // namespace rm
