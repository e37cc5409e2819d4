#include "storage/story_keys.h"

#include <optional>
#include <utility>
#include <vector>

#include "storage/identity_rules.h"

namespace omvarld::storage {

void bind_story_key_hash(sqlite::Statement& statement, int index, std::string_view key) {
  if (const std::optional<std::int64_t> hash = story_key_hash(key)) {
    statement.bind(index, *hash);
  } else {
    statement.bind_null(index);
  }
}

Result<void> record_story_keys(sqlite::Statement& record, std::int64_t item_id,
                               std::string_view canonical_link, std::string_view title_day,
                               sqlite::Task task) {
  record.reset(std::move(task));
  record.bind(1, item_id);
  bind_story_key_hash(record, 2, canonical_link);
  bind_story_key_hash(record, 3, title_day);
  return record.run();
}

namespace {

struct MissingKeys {
  std::int64_t item_id;
  std::string canonical_link;
  std::string title_day;
};

// The items of the week before the newest item's first sight that have no
// row: the index of first sight gives them without reading other items.
Result<std::vector<MissingKeys>> find_missing_story_keys(sqlite3* db, const sqlite::Task& task) {
  auto missing = sqlite::Statement::prepare(
      db,
      "SELECT id, canonical_link, title_day FROM items"
      " WHERE first_seen >= (SELECT max(first_seen) FROM items) - 7 * 86400"
      " AND NOT EXISTS (SELECT 1 FROM story_keys WHERE item_id = items.id)",
      task);
  if (!missing) return unexpected<Error>(missing.error());
  std::vector<MissingKeys> found;
  for (;;) {
    auto row = missing->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return found;
    found.push_back({missing->int64(0), missing->text(1), missing->text(2)});
  }
}

}  // namespace

Result<void> record_missing_story_keys(sqlite3* db, const std::string& path) {
  const sqlite::Task task{"record the story keys of items an older omvarld stored", path};
  auto found = find_missing_story_keys(db, task);
  if (!found) return unexpected<Error>(found.error());
  if (found->empty()) return {};
  // Looked for again under the write lock: another process may have
  // recorded or deleted some meanwhile.
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  found = find_missing_story_keys(db, task);
  if (!found) return unexpected<Error>(found.error());
  auto record = sqlite::Statement::prepare(db, kRecordStoryKeysSql, task);
  if (!record) return unexpected<Error>(record.error());
  for (const MissingKeys& keys : *found) {
    if (auto recorded =
            record_story_keys(*record, keys.item_id, keys.canonical_link, keys.title_day, task);
        !recorded) {
      return recorded;
    }
  }
  return transaction->commit();
}

}  // namespace omvarld::storage
