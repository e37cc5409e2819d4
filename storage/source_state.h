// storage/source_state.h
//
// The part of a poll's fetch state that store_poll writes inside its own
// transaction (validators, body hash, next attempt), and the check every
// UPDATE of a source's row ends with. Internal to storage/; the public side
// is storage/source_polls.h.

#pragma once

#include "core/item.h"
#include "core/result.h"
#include "storage/source_polls.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// Fails with kStorage unless the last UPDATE of a source (`update`) found
// its row: a poll of a source that sync_sources never saw is a wiring bug,
// and its items would have no owner.
Result<void> require_known_source(const sqlite::Statement& update);

// Writes the fetch-state fields of `poll` that are set, and clears the
// Retry-After of the last error and its failure kind, which becomes
// "partial" when `poll.error` says the document was read only in part; the
// caller's transaction
// makes it one unit with the poll's items.
Result<void> save_fetch_state(sqlite::StatementCache& statements, const core::SourceId& source,
                              const PollRecord& poll, const sqlite::Task& task);

}  // namespace omvarld::storage
