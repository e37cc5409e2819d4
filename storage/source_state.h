// storage/source_state.h
//
// The part of a poll's fetch state that store_poll writes inside its own
// transaction (validators, body hash, next attempt). Internal to storage/;
// the public side is the fetch-state block of storage/item_store.h.

#pragma once

#include "core/item.h"
#include "core/result.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// Writes the fetch-state fields of `poll` that are set, and clears the
// Retry-After of the last error and its failure kind, which becomes
// "partial" when `poll.error` says the document was read only in part; the
// caller's transaction
// makes it one unit with the poll's items.
Result<void> save_fetch_state(sqlite3* db, const core::SourceId& source, const PollRecord& poll,
                              const sqlite::Task& task);

}  // namespace omvarld::storage
