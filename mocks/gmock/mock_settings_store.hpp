#pragma once
// GoogleMock double of the SettingsStore port, for service unit tests.
#include <gmock/gmock.h>

#include "reference/ports/settings_store.hpp"

namespace rm {

class MockSettingsStore : public SettingsStore {
 public:
  MOCK_METHOD(Json, load, (), (override));
  MOCK_METHOD(void, save, (const Json& settings), (override));
};

}  // namespace rm
