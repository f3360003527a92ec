#include "mocks/store/store_journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>

#include "mocks/store/atomic_file.hpp"
#include "mocks/store/posix_file.hpp"
#include "reference/ports/store.hpp"

namespace rm {
namespace {

using posix_file::fail;
using posix_file::Fd;
using posix_file::sync_directory;

std::filesystem::path directory_of(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

// Applies the complete lines of `text`; returns (entries applied, bytes they span).
std::pair<int, std::size_t> apply_lines(const std::filesystem::path& path, std::string_view text,
                                        Json& tables) {
  int entries = 0;
  std::size_t consumed = 0;
  while (consumed < text.size()) {
    const std::size_t end = text.find('\n', consumed);
    if (end == std::string_view::npos) break;  // torn tail
    const std::string_view line = text.substr(consumed, end - consumed);
    Json entry;
    try {
      entry = Json::parse(line);
    } catch (const Json::parse_error& e) {
      throw StoreError(path.string() + ": journal entry " + std::to_string(entries + 1) +
                       " is not valid JSON: " + e.what());
    }
    try {
      apply_journal_entry(tables, entry);
    } catch (const StoreError& e) {
      throw StoreError(path.string() + ": journal entry " + std::to_string(entries + 1) + ": " +
                       e.what());
    }
    ++entries;
    consumed = end + 1;
  }
  return {entries, consumed};
}

}  // namespace

StoreJournal::StoreJournal(const std::filesystem::path& database_json)
    : path_(database_json.string() + ".journal") {}

int StoreJournal::replay(Json& tables) {
  const std::optional<std::string> text = read_whole_file(path_);
  if (!text) {
    size_ = 0;
    return 0;
  }
  auto [entries, consumed] = apply_lines(path_, *text, tables);
  if (consumed < text->size()) {
    // A torn last line was never acknowledged; cut it so the next entry starts clean.
    if (::truncate(path_.c_str(), static_cast<off_t>(consumed)) != 0) {
      fail(path_, "cannot cut a torn entry", errno);
    }
  }
  size_ = consumed;
  return entries;
}

void StoreJournal::append(const std::string& entry_line) {
  const std::filesystem::path dir = directory_of(path_);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(dir, "cannot create directory", ec.value());
  // Opened per entry: a data dir that vanished is an error, not a write to an
  // unlinked file that nobody will ever read.
  Fd fd(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
  if (fd.get() < 0) fail(path_, "cannot open", errno);
  const bool created = size_ == 0;
  std::string_view rest = entry_line;
  int error = 0;
  while (!rest.empty() && error == 0) {
    const ssize_t written = ::write(fd.get(), rest.data(), rest.size());
    if (written < 0) {
      if (errno != EINTR) error = errno;
      continue;
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  if (error == 0 && ::fdatasync(fd.get()) != 0) error = errno;
  if (error != 0) {
    // Best effort: a partial entry left behind is a torn tail, cut at the next open.
    if (::ftruncate(fd.get(), static_cast<off_t>(size_)) != 0) {
      // nothing more to do: the next open drops it
    }
    fail(path_, "cannot append", error);
  }
  if (created) sync_directory(dir);
  size_ += entry_line.size();
}

bool StoreJournal::unchanged_on_disk() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return size_ == 0;
  return static_cast<std::uintmax_t>(st.st_size) == size_;
}

void StoreJournal::remove() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) fail(path_, "cannot remove", errno);
  size_ = 0;
  sync_directory(directory_of(path_));
}

void apply_journal_entry(Json& tables, const Json& entry) {
  if (!entry.is_array()) throw StoreError("entry is not a JSON array");
  for (const Json& change : entry) {
    const bool shaped = change.is_array() && (change.size() == 2 || change.size() == 3) &&
                        change[0].is_string() && change[1].is_string();
    if (!shaped) throw StoreError("change is not [table, id] or [table, id, record]");
    Json& table = tables[change[0].get<std::string>()];
    if (table.is_null()) table = Json::object();
    if (!table.is_object()) throw StoreError("table is not a JSON object");
    if (change.size() == 3) {
      table[change[1].get<std::string>()] = change[2];
    } else {
      table.erase(change[1].get<std::string>());
    }
  }
}

std::optional<Json> read_database_on_disk(const std::filesystem::path& database_json) {
  const std::optional<std::string> text = read_whole_file(database_json);
  const std::filesystem::path journal = StoreJournal(database_json).path();
  const std::optional<std::string> entries = read_whole_file(journal);
  if (!text && !entries) return std::nullopt;
  Json tables = text && !text->empty() ? Json::parse(*text) : Json::object();
  if (entries) apply_lines(journal, *entries, tables);
  // The three tables a store opening it always has.
  if (tables.is_object()) {
    for (const char* name : {"resumes", "jobs", "improvements"}) {
      if (!tables.contains(name)) tables[name] = Json::object();
    }
  }
  return tables;
}

}  // namespace rm
