// storage/story_keys.h
//
// Table story_keys (schema 14) holds, for each item, the hashes of its
// canonical link and title-day key (identity_rules.h story_key_hash), and
// is what the same-story look-ups search: the id-rotation check of a poll,
// the twins an undelivered list leaves out and a delivery marks. A new
// item's row is written when it is indexed for search (in a batch, at its
// end: storage/connection.h), a known item's when PollIntake changes its
// keys; ItemStore::open writes the rows of items an older omvarld stored
// after the migration. The row goes with its item (ON DELETE CASCADE).
// Internal to storage/.

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// The statement record_story_keys runs. An upsert, so that keys that
// change overwrite the item's row, and a row left behind by an item
// deleted without foreign keys never blocks the item that takes its id.
// Not INSERT OR REPLACE: a statement that may delete makes SQLite journal
// every page it touches once more, for the statement alone.
inline constexpr std::string_view kRecordStoryKeysSql =
    "INSERT INTO story_keys (item_id, link_hash, title_day_hash) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (item_id) DO UPDATE SET link_hash = excluded.link_hash,"
    " title_day_hash = excluded.title_day_hash";

// Writes the rows of the items stored without one: by an older omvarld
// that went on running, for the minutes of an upgrade, after a newer one
// migrated the file. They are looked for among the items of the last week
// (by first sight), which costs a range of one index; when none is
// missing, the usual case, nothing is written. Like a migration, writing
// them needs write access to the file.
Result<void> record_missing_story_keys(sqlite3* db, const std::string& path);

// Binds parameter `index` of `statement` to story_key_hash(key): NULL for "".
void bind_story_key_hash(sqlite::Statement& statement, int index, std::string_view key);

// Records the keys of item `item_id` with `record` (kRecordStoryKeysSql).
Result<void> record_story_keys(sqlite::Statement& record, std::int64_t item_id,
                               std::string_view canonical_link, std::string_view title_day,
                               sqlite::Task task);

}  // namespace omvarld::storage
