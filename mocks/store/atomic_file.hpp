#pragma once
// Whole-file persistence shared by the file-backed stores (database.json,
// config.json): a file is read whole, and replaced whole and atomically, so a
// crash at any instant leaves either the old or the new content, never a mix.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rm {

// The file's bytes, or std::nullopt when it does not exist. Throws StoreError
// (naming the path and the reason) when it exists but cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

// Replaces `path` with `content`: a temporary file in the same directory is
// written and fsync'ed, renamed over `path`, and the directory is fsync'ed, all
// before returning, so a write that returned survives a crash. Creates missing
// parent directories. Throws StoreError (naming the path and the reason) on failure,
// leaving the previous content in place.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace rm
