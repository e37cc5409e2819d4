// The test entry points (test_entry_points.h), on the store's own connection.

#include "storage/test_entry_points.h"

#include <string>

#include "storage/connection.h"
#include "storage/source_state.h"
#include "storage/sqlite.h"

namespace omvarld::storage::testing {

Result<PollOutcome> store_classified_poll(ItemStore& store, const core::SourceId& source,
                                          std::span<const ClassifiedItem> items,
                                          PollRecord poll) {
  return ItemStoreInternals::store_classified_poll(store, source, items, poll);
}

Result<void> record_failure(ItemStore& store, const core::SourceId& source,
                            const PollRecord& poll) {
  sqlite3* db = ItemStoreInternals::connection(store).db.get();
  auto update = sqlite::Statement::prepare(db, R"sql(
      UPDATE sources SET last_attempt = ?2, http_status = ?3, last_error = ?4,
                         error_streak = error_streak + 1,
                         failing_since = COALESCE(failing_since, ?2)
      WHERE id = ?1)sql",
                                           {"record failed poll", "source " + source});
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  update->bind(2, poll.at);
  update->bind(3, static_cast<std::int64_t>(poll.http_status));
  update->bind(4, poll.error);
  // One statement is atomic by itself: no transaction needed.
  if (auto recorded = update->run(); !recorded) return recorded;
  return require_known_source(*update);
}

Result<void> limit_growth(ItemStore& store, int pages) {
  sqlite3* db = ItemStoreInternals::connection(store).db.get();
  const sqlite::Task task{"limit the database's growth", "test"};
  auto count = sqlite::Statement::prepare(db, "PRAGMA page_count", task);
  if (!count) return unexpected<Error>(count.error());
  if (auto row = count->step(); !row) return unexpected<Error>(row.error());
  return sqlite::execute(db, "PRAGMA max_page_count = " + std::to_string(count->int64(0) + pages),
                         task);
}

int background_checkpoints_taken(ItemStore& store) {
  const auto& checkpoints = ItemStoreInternals::connection(store).checkpoints;
  return checkpoints ? checkpoints->copies() : 0;
}

}  // namespace omvarld::storage::testing
