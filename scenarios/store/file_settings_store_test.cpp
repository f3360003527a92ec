// FileSettingsStore: <data-dir>/config.json as the Python backend reads and writes it.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "mocks/settings/file_settings_store.hpp"
#include "reference/ports/store.hpp"
#include "scenarios/store/store_files.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm {
namespace {

using test::file_names;
using test::read_text;

class FileSettingsStoreTest : public ::testing::Test {
 protected:
  test::TempDir dir_{"rm-settings"};
  std::filesystem::path config_ = dir_.path() / "config.json";
};

TEST_F(FileSettingsStoreTest, NoFileLoadsAsEmptyAndIsNotCreated) {
  FileSettingsStore store(dir_.path());
  EXPECT_EQ(store.path(), config_);
  EXPECT_EQ(store.load(), Json::object());
  EXPECT_FALSE(std::filesystem::exists(config_));
}

TEST_F(FileSettingsStoreTest, SaveWritesJsonDumpsIndent2) {
  FileSettingsStore store(dir_.path() / "data");  // the data dir is created on save
  store.save({{"ui_language", "es"}, {"enable_cover_letter", true}, {"api_keys", Json::object()}});
  EXPECT_EQ(
      read_text(dir_.path() / "data" / "config.json"),
      "{\n  \"api_keys\": {},\n  \"enable_cover_letter\": true,\n  \"ui_language\": \"es\"\n}");
  EXPECT_EQ(store.load()["ui_language"], "es");
}

TEST_F(FileSettingsStoreTest, KeepsThePythonFilesKeysAndOrder) {
  // As the Python backend leaves it: insertion order, keys this kit does not use.
  dir_.write("config.json",
             "{\n  \"provider\": \"openai\",\n  \"model\": \"gpt-4o-mini\",\n  \"api_keys\": {\n"
             "    \"openai\": \"sk-123\"\n  },\n  \"enable_outreach_message\": false\n}");
  FileSettingsStore store(dir_.path());
  Json settings = store.load();
  EXPECT_EQ(settings["api_keys"]["openai"], "sk-123");
  settings["enable_outreach_message"] = true;
  settings["default_prompt_id"] = "nudge";
  store.save(settings);
  EXPECT_EQ(read_text(config_),
            "{\n  \"provider\": \"openai\",\n  \"model\": \"gpt-4o-mini\",\n  \"api_keys\": {\n"
            "    \"openai\": \"sk-123\"\n  },\n  \"enable_outreach_message\": true,\n"
            "  \"default_prompt_id\": \"nudge\"\n}");
  EXPECT_EQ(file_names(dir_.path()), std::vector<std::string>{"config.json"});
}

TEST_F(FileSettingsStoreTest, SeesAnotherProcesssEdit) {
  FileSettingsStore store(dir_.path());
  store.save({{"ui_language", "en"}});
  dir_.write("config.json", "{\"ui_language\": \"ja\"}");
  EXPECT_EQ(store.load()["ui_language"], "ja");
}

TEST_F(FileSettingsStoreTest, UnparseableFileIsAnErrorAndNeverOverwritten) {
  dir_.write("config.json", "{\"ui_language\": ");
  FileSettingsStore store(dir_.path());
  try {
    store.load();
    FAIL() << "loaded an unparseable file";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(config_.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(store.save({{"ui_language", "en"}}), StoreError);
  EXPECT_EQ(read_text(config_), "{\"ui_language\": ");
  dir_.write("config.json", "[1]");
  EXPECT_THROW(store.load(), StoreError);
}

TEST_F(FileSettingsStoreTest, SaveRefusesANonObject) {
  FileSettingsStore store(dir_.path());
  EXPECT_THROW(store.save(Json::array()), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(config_));
}

TEST_F(FileSettingsStoreTest, SaveKeepsAPrivateFilePrivate) {
  dir_.write("config.json", "{}");
  ASSERT_EQ(::chmod(config_.c_str(), 0600), 0);
  FileSettingsStore store(dir_.path());
  store.save({{"api_keys", {{"openai", "sk-secret"}}}});
  struct stat st {};
  ASSERT_EQ(::stat(config_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

}  // namespace
}  // namespace rm
