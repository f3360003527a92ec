#pragma once
// The serialised `data` array of GET /resumes/list, kept with the store's snapshot
// of summaries it was built from (Store::shared_resume_summaries): while the store
// hands out the same snapshot, no resume changed and the array is the same text,
// so a listing costs a lookup instead of building and serialising it again.
// Thread-safe.
#include <memory>
#include <mutex>
#include <string>

#include "reference/ports/store.hpp"

namespace rm {

class ResumeListCache {
 public:
  // The text built from `snapshot` with `include_master`, or null.
  std::shared_ptr<const std::string> find(const SharedSummaries& snapshot,
                                          bool include_master) const;
  // Keeps `data` as what `snapshot` gives with `include_master` (replacing what
  // was kept for that flag).
  void keep(SharedSummaries snapshot, bool include_master, std::shared_ptr<const std::string> data);

 private:
  struct Entry {
    SharedSummaries source;  // held, so that its address cannot be reused
    std::shared_ptr<const std::string> data;
  };
  mutable std::mutex mutex_;
  Entry entries_[2];  // [include_master]
};

}  // namespace rm
