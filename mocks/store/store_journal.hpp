#pragma once
// The append-only journal beside a FileStore's database.json
// ("database.json.journal"): one line per acknowledged write, holding the records
// that write changed, appended and fdatasync'ed before the write returns. A write
// then costs the size of what it changed, not of the whole database. The journal
// is folded into database.json (compaction) when it grows as large as the file
// and when the store closes, so after a clean stop database.json alone holds
// everything, in TinyDB's layout.
//
// Entry (one JSON line): [[table, id, record], [table, id], ...]; a pair without
// a record removes that document. Entries carry whole records, so replaying one
// that database.json already holds (a crash between a compaction's rename and
// the journal's removal) changes nothing.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

class StoreJournal {
 public:
  // The journal of `database_json` (the file need not exist).
  explicit StoreJournal(const std::filesystem::path& database_json);

  const std::filesystem::path& path() const { return path_; }
  // Bytes appended so far (including what was there at open).
  std::uintmax_t size() const { return size_; }

  // Applies every complete entry to `tables` in order, and returns how many. A
  // last line without its newline is a write a crash cut short (never
  // acknowledged): it is cut off the file. Throws StoreError for a complete line
  // that is not an entry (the journal is then left untouched).
  int replay(Json& tables);

  // Appends one entry and makes it durable (write + fdatasync; the directory is
  // synced when the journal is created). On failure the journal is cut back to
  // its previous length and StoreError is thrown.
  void append(const std::string& entry_line);

  // Whether the file still has exactly the bytes this object appended: false when
  // another store on the same file appended to it or compacted it away.
  bool unchanged_on_disk() const;

  // Deletes the journal (its entries are in database.json).
  void remove();

 private:
  std::filesystem::path path_;
  std::uintmax_t size_ = 0;
};

// Applies one journal entry to TinyDB-layout tables. Throws StoreError when the
// entry is not shaped as described above.
void apply_journal_entry(Json& tables, const Json& entry);

// What a FileStore opening `database_json` would read (before its legacy
// migration): the file's tables with the journal's complete entries applied, and
// the three tables present; nullopt when neither file exists. Read-only: for tests and harness
// targets that look at what is on disk.
std::optional<Json> read_database_on_disk(const std::filesystem::path& database_json);

}  // namespace rm
