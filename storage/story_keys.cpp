#include "storage/story_keys.h"

#include <optional>
#include <utility>

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

}  // namespace omvarld::storage
