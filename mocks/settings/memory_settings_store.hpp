#pragma once
// Settings kept in memory (the reference server's default). Thread-safe.
#include <mutex>

#include "reference/ports/settings_store.hpp"

namespace rm {

class MemorySettingsStore : public SettingsStore {
 public:
  MemorySettingsStore() = default;
  // Starts from `initial` (null is taken as {}).
  explicit MemorySettingsStore(Json initial);

  Json load() override;
  void save(const Json& settings) override;

 private:
  std::mutex mutex_;
  Json settings_ = Json::object();
};

}  // namespace rm
