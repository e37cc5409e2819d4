// tests/storage/store_test_support.h
//
// Values and places for the storage tests: items and matches built in one
// line, and a scratch directory that removes itself.

#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "core/item.h"
#include "storage/item_store.h"
#include "tests/support/temp_dir.h"

namespace omvarld::storage::testing {

inline core::TimePoint at(std::int64_t unix_seconds) {
  return core::TimePoint{std::chrono::seconds{unix_seconds}};
}

inline core::Item item(const std::string& source, const std::string& key,
                       std::optional<core::TimePoint> published = std::nullopt) {
  core::Item made;
  made.source = source;
  made.key = key;
  made.title = "Title of " + key;
  made.link = "https://example.eu/" + key;
  made.summary = "Summary of " + key;
  made.content = "Content of " + key;
  made.published = published;
  return made;
}

inline core::Match match(const std::string& namnd, std::vector<std::string> terms,
                         std::vector<std::string> topics = {}) {
  return core::Match{namnd, std::move(terms), std::move(topics), {}};
}

inline PollRecord ok_poll(core::TimePoint when, long http_status = 200) {
  return PollRecord{when, http_status, 0, {}};
}

inline std::vector<std::string> keys_of(const std::vector<StoredItem>& stored) {
  std::vector<std::string> keys;
  for (const StoredItem& one : stored) keys.push_back(one.item.key);
  return keys;
}

inline std::vector<std::string> keys_of(const std::vector<PendingItem>& pending) {
  std::vector<std::string> keys;
  for (const PendingItem& one : pending) keys.push_back(one.stored.item.key);
  return keys;
}

// The row id of the stored item with `key`; a test failure when there is none.
inline std::int64_t id_of(const ItemStore& store, const std::string& key) {
  auto items = store.items(ItemQuery{});
  EXPECT_TRUE(items);
  if (items) {
    for (const StoredItem& stored : *items) {
      if (stored.item.key == key) return stored.id;
    }
  }
  ADD_FAILURE() << "no item " << key;
  return 0;
}

using omvarld::testing::TempDir;

}  // namespace omvarld::storage::testing
