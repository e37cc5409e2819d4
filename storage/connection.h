// storage/connection.h
//
// What an ItemStore holds, shared by the files that implement it
// (item_store.cpp writes, item_queries.cpp reads), and the way to it for
// storage's own code outside ItemStore (test_entry_points.cpp). Internal
// to storage/.

#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "storage/background_checkpoints.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

struct ItemStore::Connection {
  Connection(std::string opened_path, sqlite::Database opened)
      : path(std::move(opened_path)), db(std::move(opened)) {}

  std::string path;  // as given to open(), for error messages
  sqlite::Database db;
  // The statements a poll prepares for every source; destroyed before db.
  sqlite::StatementCache statements{db.get()};
  // set_deadline()'s, asked by SQLite's progress handler; outlives batch.
  std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt;
  // The open batch of begin_batch(); destroyed (rolled back) before db.
  std::optional<sqlite::Transaction> batch = std::nullopt;
  // checkpoint_in_background()'s thread; stopped before db closes, so that
  // db, the last connection, copies what is left of the log.
  std::unique_ptr<BackgroundCheckpoints> checkpoints = nullptr;
  // The items stored in the open batch that are not yet in items_fts and
  // story_keys, in the order stored, and their sources: end_batch indexes
  // them before its commit, outside every savepoint, because FTS5 writes
  // its pending terms out as a new segment at each savepoint (one per
  // source otherwise) and whenever a row id comes lower than the last, and
  // because each source's items, in random order in story_keys' indexes,
  // would dirty most of their pages, which the source's savepoint journal
  // copies. Only store_poll changes items inside a batch; before it stores
  // a source again, whose items the update trigger would delete from the
  // index and whose story it looks up, it indexes them all.
  std::vector<std::int64_t> unindexed = {};
  std::set<core::SourceId> unindexed_sources = {};
};

struct ItemStoreInternals {
  static ItemStore::Connection& connection(ItemStore& store) { return *store.connection_; }

  static Result<PollOutcome> store_classified_poll(ItemStore& store, const core::SourceId& source,
                                                   std::span<const ClassifiedItem> items,
                                                   const PollRecord& poll) {
    return store.store_classified_poll(source, items, poll, nullptr);
  }
};

}  // namespace omvarld::storage
