// ItemStore::prune: the retention of [daemon] retention.

#include <cstdint>
#include <limits>
#include <vector>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// The next batch of prunable items after (?1, ?2), a first_seen and an
// item id, in that order: through the index on first_seen, so that a prune
// with nothing to do reads no item, and each batch continues where the last
// stopped, reading the old items a digest delivered once, not once per batch.
constexpr std::string_view kPrunable =
    "SELECT i.id, i.first_seen FROM items i"
    " WHERE i.first_seen < ?3 AND (i.first_seen, i.id) > (?1, ?2)"
    "   AND NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.item_id = i.id)"
    " ORDER BY i.first_seen, i.id LIMIT ?4";

}  // namespace

Result<std::int64_t> ItemStore::prune(core::TimePoint cutoff, int batch) {
  sqlite3* db = connection_->db.get();
  const std::string context = "items first seen before " +
                              std::to_string(sqlite::to_unix_seconds(cutoff)) + ", " +
                              connection_->path;
  // The delete trigger takes an item out of the search index, which a
  // batch's new items join only at its end (connection.h).
  if (connection_->batch) {
    return unexpected<Error>(
        sqlite::storage_error({"prune", context}, "a batch of polls is open; prune after it"));
  }
  const std::int64_t size = batch > 0 ? batch : 1;
  std::int64_t pruned = 0;
  std::int64_t after_first_seen = std::numeric_limits<std::int64_t>::min();
  std::int64_t after_id = 0;
  for (;;) {
    // One short write transaction per batch: a poll that waits for the
    // write lock (busy_timeout) gets it between two batches.
    auto transaction = sqlite::Transaction::begin(db, {"prune items", context});
    if (!transaction) return unexpected<Error>(transaction.error());
    auto select = sqlite::Statement::prepare(db, kPrunable, {"find items to prune", context});
    if (!select) return unexpected<Error>(select.error());
    select->bind(1, after_first_seen);
    select->bind(2, after_id);
    select->bind(3, cutoff);
    select->bind(4, size);
    std::vector<std::int64_t> ids;
    for (;;) {
      auto row = select->step();
      if (!row) return unexpected<Error>(row.error());
      if (!*row) break;
      ids.push_back(select->int64(0));
      after_first_seen = select->int64(1);
    }
    // Matches go by ON DELETE CASCADE, the full-text entry by its trigger.
    auto remove = sqlite::Statement::prepare(db, "DELETE FROM items WHERE id = ?1",
                                             {"prune item", context});
    if (!remove) return unexpected<Error>(remove.error());
    for (std::int64_t id : ids) {
      remove->reset({"prune item " + std::to_string(id), context});
      remove->bind(1, id);
      if (auto removed = remove->run(); !removed) return unexpected<Error>(removed.error());
    }
    if (auto committed = transaction->commit(); !committed) {
      return unexpected<Error>(committed.error());
    }
    pruned += static_cast<std::int64_t>(ids.size());
    if (static_cast<std::int64_t>(ids.size()) < size) return pruned;
    after_id = ids.back();
  }
}

}  // namespace omvarld::storage
