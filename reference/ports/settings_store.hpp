#pragma once
// Where the config endpoints keep their settings (the Python backend's config.json).
#include "reference/ports/document.hpp"

namespace rm {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  // The whole settings object ({} when nothing was saved yet).
  virtual Json load() = 0;
  virtual void save(const Json& settings) = 0;
};

}  // namespace rm
