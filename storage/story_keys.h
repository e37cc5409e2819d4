// storage/story_keys.h
//
// Table story_keys (schema 14) holds, for each item, the hashes of its
// canonical link and title-day key (identity_rules.h story_key_hash), and
// is what the same-story look-ups search: the id-rotation check of a poll,
// the twins an undelivered list folds and a delivery marks. It is written
// wherever store_poll writes items.canonical_link or items.title_day, and
// loses its row with the item (ON DELETE CASCADE). Internal to storage/.

#pragma once

#include <cstdint>
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

// Binds parameter `index` of `statement` to story_key_hash(key): NULL for "".
void bind_story_key_hash(sqlite::Statement& statement, int index, std::string_view key);

// Records the keys of item `item_id` with `record` (kRecordStoryKeysSql).
Result<void> record_story_keys(sqlite::Statement& record, std::int64_t item_id,
                               std::string_view canonical_link, std::string_view title_day,
                               sqlite::Task task);

}  // namespace omvarld::storage
