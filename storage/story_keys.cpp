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

Result<void> record_missing_story_keys(sqlite3* db, const std::string& path) {
  const sqlite::Task task{"record the story keys of items an older omvarld stored", path};
  auto missing = sqlite::Statement::prepare(
      db,
      "SELECT id, canonical_link, title_day FROM items"
      " WHERE id > (SELECT ifnull(max(item_id), 0) FROM story_keys) ORDER BY id",
      task);
  if (!missing) return unexpected<Error>(missing.error());
  struct Keys {
    std::int64_t item_id;
    std::string canonical_link;
    std::string title_day;
  };
  std::vector<Keys> found;
  for (;;) {
    auto row = missing->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) break;
    found.push_back({missing->int64(0), missing->text(1), missing->text(2)});
  }
  if (found.empty()) return {};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  auto record = sqlite::Statement::prepare(db, kRecordStoryKeysSql, task);
  if (!record) return unexpected<Error>(record.error());
  for (const Keys& keys : found) {
    if (auto recorded =
            record_story_keys(*record, keys.item_id, keys.canonical_link, keys.title_day, task);
        !recorded) {
      return recorded;
    }
  }
  return transaction->commit();
}

}  // namespace omvarld::storage
