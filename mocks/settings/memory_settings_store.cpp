#include "mocks/settings/memory_settings_store.hpp"

#include <utility>

namespace rm {

MemorySettingsStore::MemorySettingsStore(Json initial)
    : settings_(initial.is_null() ? Json::object() : std::move(initial)) {}

Json MemorySettingsStore::load() {
  std::lock_guard lock(mutex_);
  return settings_;
}

void MemorySettingsStore::save(const Json& settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings.is_null() ? Json::object() : settings;
}

}  // namespace rm
