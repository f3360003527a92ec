#include "mocks/settings/file_settings_store.hpp"

#include <stdexcept>

#include "mocks/store/atomic_file.hpp"
#include "mocks/store/python_json.hpp"
#include "reference/ports/store.hpp"

namespace rm {
namespace {

// The file's object with its key order, or null when there is no file.
OrderedJson read_config(const std::filesystem::path& path) {
  std::optional<std::string> text = read_whole_file(path);
  if (!text) return nullptr;
  OrderedJson config;
  try {
    config = OrderedJson::parse(*text);
  } catch (const OrderedJson::parse_error& e) {
    throw StoreError(path.string() + ": not valid JSON: " + e.what());
  }
  if (!config.is_object()) throw StoreError(path.string() + ": not a JSON object");
  return config;
}

}  // namespace

FileSettingsStore::FileSettingsStore(const std::filesystem::path& data_dir)
    : path_(data_dir / "config.json") {}

Json FileSettingsStore::load() {
  std::lock_guard lock(mutex_);
  OrderedJson config = read_config(path_);
  return config.is_null() ? Json::object() : Json(config);
}

void FileSettingsStore::save(const Json& settings) {
  if (!settings.is_object()) throw std::invalid_argument("settings must be a JSON object");
  std::lock_guard lock(mutex_);
  OrderedJson layout = read_config(path_);
  std::string text;
  try {
    // The Python backend writes json.dumps(config, indent=2).
    text = to_python_json(settings, &layout, 2);
  } catch (const std::invalid_argument& e) {
    throw StoreError(path_.string() + ": cannot serialise the settings: " + e.what());
  }
  write_file_atomically(path_, text);
}

}  // namespace rm
