// storage/connection.h
//
// What an ItemStore holds, shared by the files that implement it
// (item_store.cpp writes, item_queries.cpp reads), and the way to it for
// storage's own code outside ItemStore (test_entry_points.cpp). Internal
// to storage/.

#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

struct ItemStore::Connection {
  std::string path;  // as given to open(), for error messages
  sqlite::Database db;
  // set_deadline()'s, asked by SQLite's progress handler; outlives batch.
  std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt;
  // The open batch of begin_batch(); destroyed (rolled back) before db.
  std::optional<sqlite::Transaction> batch = std::nullopt;
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
