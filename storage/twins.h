// storage/twins.h
//
// The same story in several feeds (storage/identity_rules.h): folding a
// nämnd's pending twins into one entry, and marking twins delivered.
// Internal to storage/; the public rules are in storage/source_polls.h and
// storage/delivery_ledger.h.

#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// A pending item with the keys that make it a twin ("" when it has none).
struct PendingWithKeys {
  PendingItem pending;
  std::string canonical_link;
  std::string title_day;
};

// Folds items that share a canonical link or a title-day key, also through
// a third (a shares a link with b, b a title with c: one story): each group
// becomes its first-seen item (earliest first_seen, then lowest id), the
// others in its also_in, first seen first; a group's deadline is its
// first-seen item's, else the first twin's that states one. Groups keep the
// order of their first-seen item in `pending`. Pure.
std::vector<PendingItem> fold_twins(std::vector<PendingWithKeys> pending);

// Marks every stored twin of `item_ids` delivered to the nämnd by the
// digest `digest_id`, where it is not yet; runs in the caller's
// transaction. Fails with kStorage.
Result<void> mark_twins_delivered(sqlite3* db, std::int64_t digest_id, const core::NamndId& namnd,
                                  std::span<const std::int64_t> item_ids,
                                  const sqlite::Task& task);

}  // namespace omvarld::storage
