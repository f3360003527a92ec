// MemorySettingsStore, and a smoke test that each GoogleMock double can be
// instantiated and driven through its port.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mocks/gmock/mock_document_converter.hpp"
#include "mocks/gmock/mock_llm.hpp"
#include "mocks/gmock/mock_settings_store.hpp"
#include "mocks/gmock/mock_store.hpp"
#include "mocks/settings/memory_settings_store.hpp"

namespace rm {
namespace {

using ::testing::_;
using ::testing::Return;

TEST(MemorySettingsStore, LoadsWhatWasSaved) {
  MemorySettingsStore store;
  EXPECT_EQ(store.load(), Json::object());
  store.save({{"default_prompt_id", "full"}});
  EXPECT_EQ(store.load(), (Json{{"default_prompt_id", "full"}}));
  store.save(nullptr);
  EXPECT_EQ(store.load(), Json::object());
  MemorySettingsStore seeded(Json{{"a", 1}});
  EXPECT_EQ(seeded.load()["a"], 1);
}

TEST(GMockPorts, EachMockStandsInForItsPort) {
  MockStore store;
  EXPECT_CALL(store, set_master("missing")).WillOnce(Return(false));
  EXPECT_CALL(store, get_resume(_)).WillOnce(Return(std::nullopt));
  Store& s = store;
  EXPECT_FALSE(s.set_master("missing"));
  EXPECT_FALSE(s.get_resume("x").has_value());

  MockLlm llm;
  EXPECT_CALL(llm, parse_resume(_)).WillOnce(Return("{}"));
  EXPECT_CALL(llm, health()).WillOnce(Return(LlmHealth{true, "mock", "m", ""}));
  Llm& l = llm;
  EXPECT_EQ(l.parse_resume("# x"), "{}");
  EXPECT_TRUE(l.health().healthy);

  MockDocumentConverter converter;
  EXPECT_CALL(converter, to_markdown(_, "a.pdf", _)).WillOnce(Return("# a"));
  DocumentConverter& c = converter;
  EXPECT_EQ(c.to_markdown("bytes", "a.pdf", "application/pdf"), "# a");

  MockSettingsStore settings;
  EXPECT_CALL(settings, load()).WillOnce(Return(Json{{"k", 1}}));
  EXPECT_CALL(settings, save(Json{{"k", 2}}));
  SettingsStore& t = settings;
  EXPECT_EQ(t.load()["k"], 1);
  t.save({{"k", 2}});
}

}  // namespace
}  // namespace rm
