// storage/maintenance.h
//
// Maintenance: the store's role for work on what is already stored, not on
// a poll or a digest: new matches after the filters changed (`omvarld
// reclassify`), retention (app/retention.h) and online backups (`omvarld
// backup`). Schema migrations run when ItemStore::open opens the file.
// Implemented by ItemStore (storage/reclassify.cpp, storage/retention.cpp,
// storage/backup.cpp) on its one connection, so the thread rule of
// storage/item_store.h applies.

#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::storage {

// The matches of one stored item under the current filters.
struct Reclassification {
  std::int64_t item_id = 0;
  std::vector<core::Match> matches;
};

// What replace_matches changed.
struct MatchChanges {
  int added = 0;           // new matches: they join the nämnd's next digest
  int updated = 0;         // same nämnd, other terms, topics or title terms
  int removed = 0;         // no longer matching and never delivered: gone
  int kept_delivered = 0;  // no longer matching but delivered: kept as history
};

class Maintenance {
 public:
  // Replaces each item's matches with those given, in one transaction
  // (reclassify.cpp): new ones are not held, so they join the next digest;
  // one that no longer matches is removed unless a digest delivered it, and
  // an item a nämnd has received is never pending for it again.
  virtual Result<MatchChanges> replace_matches(std::span<const Reclassification> items) = 0;

  // Deletes the items first seen before `cutoff` that no digest delivered,
  // with their matches and their full-text entries, and returns how many
  // (retention.cpp). Works in batches of `batch` items, each its own short
  // transaction, so a poll waiting for the lock waits milliseconds; digests
  // and what they delivered are kept. A failure leaves earlier batches done.
  virtual Result<std::int64_t> prune(core::TimePoint cutoff, int batch) = 0;

  // prune() in batches of 500.
  Result<std::int64_t> prune(core::TimePoint cutoff) { return prune(cutoff, 500); }

  // Copies the database to `target` with SQLite's online backup API while
  // other connections go on writing (backup.cpp): a consistent snapshot as
  // of the start, written to a temporary file beside `target`, synced, and
  // renamed over it, so `target` is either the complete copy or untouched.
  // Fails with kStorage when `target` is the database itself or the copy
  // fails.
  virtual Result<void> backup_to(const std::string& target) const = 0;

 protected:
  ~Maintenance() = default;
};

}  // namespace omvarld::storage
