#pragma once
// Settings in <data-dir>/config.json, the Python backend's file: the same keys
// (enable_cover_letter, enable_outreach_message, ui_language, content_language,
// default_prompt_id, and whatever else is there, kept untouched) written as its
// json.dumps(config, indent=2), so either backend reads the other's file. Every save
// is atomic and durable before it returns. Thread-safe.
#include <filesystem>
#include <mutex>

#include "reference/ports/settings_store.hpp"

namespace rm {

class FileSettingsStore : public SettingsStore {
 public:
  explicit FileSettingsStore(const std::filesystem::path& data_dir);

  // The file's object, {} when it does not exist. Read at every call, as the
  // Python backend does, so an edit by another process is seen. Throws StoreError
  // (with the path and the reason) when it cannot be read or is not a JSON object.
  Json load() override;
  // Replaces the file with `settings` (a JSON object), keeping the key order the
  // file had. Throws StoreError when the write fails or the current file is not
  // valid JSON (it is never silently overwritten), std::invalid_argument when
  // `settings` is not an object.
  void save(const Json& settings) override;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::mutex mutex_;
};

}  // namespace rm
