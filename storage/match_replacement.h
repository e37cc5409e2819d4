// storage/match_replacement.h
//
// Replacing the stored matches of one item with those the filters give now,
// shared by `reclassify` (ItemStore::replace_matches) and store_poll when a
// stored item changed. A new match is not held, so it joins the nämnd's
// next digest; one that no longer matches is removed unless a digest
// delivered it. Internal to storage/; runs inside the caller's transaction.

#pragma once

#include "core/result.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// The statements one item needs, prepared once for a whole batch.
struct MatchStatements {
  sqlite::Statement select;
  sqlite::Statement insert;
  sqlite::Statement update;
  sqlite::Statement delivered;
  sqlite::Statement remove;

  static Result<MatchStatements> prepare(sqlite::StatementCache& statements,
                                         const sqlite::Task& task);
};

// Replaces the matches of `item.item_id` with `item.matches`, counting what
// changed into `changes`. Fails with kStorage.
Result<void> replace_item_matches(MatchStatements& statements, const Reclassification& item,
                                  MatchChanges& changes, const sqlite::Task& task);

}  // namespace omvarld::storage
