// storage/test_entry_points.h
//
// Ways into an ItemStore that only tests take: a poll whose items come
// already classified, and a failed poll recorded without a fetch's
// details. The daemon stores polls through SourcePolls::store_poll with a
// classifier and records failures with record_failed_fetch
// (storage/source_polls.h). Test-only: cmake/folders.cmake declares it
// TEST_ONLY, so only tests/ may include it, and it lives in its own library,
// omvarld_storage_testing, which only test targets link. Same thread rule
// as the store.

#pragma once

#include <span>

#include "core/item.h"
#include "core/result.h"
#include "storage/item_store.h"
#include "storage/source_polls.h"

namespace omvarld::storage::testing {

// store_poll with the matches given in `items` instead of a classifier:
// each new item is stored with its matches, and a stored item that changed
// gets them as its re-evaluated matches.
Result<PollOutcome> store_classified_poll(ItemStore& store, const core::SourceId& source,
                                          std::span<const ClassifiedItem> items,
                                          PollRecord poll);

// Records a failed poll: raises the source's error streak, sets its last
// attempt, HTTP status and error, keeps its items and leaves the rest of
// its fetch state (failure kind, next attempt, Retry-After) as it was.
// Fails with kStorage, also for a source sync_sources never saw.
Result<void> record_failure(ItemStore& store, const core::SourceId& source,
                            const PollRecord& poll);

// Lets the store's connection grow the database by at most `pages` more
// pages (PRAGMA max_page_count): a write past them fails with SQLITE_FULL,
// as on a full disk, and space freed by a rollback is room again.
Result<void> limit_growth(ItemStore& store, int pages);

// How many checkpoints the store's checkpoint thread has taken
// (ItemStore::checkpoint_in_background); 0 without one.
int background_checkpoints_taken(ItemStore& store);

}  // namespace omvarld::storage::testing
