// The child of the crash test (crash_test.cpp): opens the database and
// stores batches of items in a loop through store_poll, as the
// daemon's polls do, printing "committed <batch>" (flushed) after each
// commit; every fifth batch, a second connection checkpoints the
// write-ahead log into the database file, as a backup or the CLI may. It
// runs until it is killed, or for `max_seconds` at most.
//
//   crash_child DATABASE FIRST_BATCH ITEMS_PER_BATCH MAX_SECONDS
//
// An item's key is "<batch>-<index>", its source "crash", and every item
// concerns one nämnd; items are about 2 kB, as a typical feed entry.

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"

namespace {

using namespace omvarld;

std::vector<storage::ClassifiedItem> batch_of(long batch, int count) {
  std::vector<storage::ClassifiedItem> items;
  for (int i = 0; i < count; ++i) {
    core::Item item;
    item.source = "crash";
    item.key = std::to_string(batch) + "-" + std::to_string(i);
    item.title = "Batch " + std::to_string(batch) + ", item " + std::to_string(i);
    item.link = "https://example.eu/crash/" + item.key;
    item.summary = std::string(400, static_cast<char>('a' + i % 26));
    item.content = std::string(1600, static_cast<char>('A' + batch % 26));
    item.published = core::TimePoint{std::chrono::seconds{1'700'000'000 + batch}};
    items.push_back({std::move(item), {core::Match{"linkoping/utbildning", {"skola"}, {}, {}}}});
  }
  return items;
}

bool checkpoint(const std::string& path) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK && sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
            sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK;
  if (!ok) std::fprintf(stderr, "checkpoint: %s\n", sqlite3_errmsg(db));
  sqlite3_close(db);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: crash_child DATABASE FIRST_BATCH ITEMS_PER_BATCH MAX_SECONDS\n");
    return 2;
  }
  const std::string path = argv[1];
  const long first_batch = std::stol(argv[2]);
  const int items_per_batch = std::stoi(argv[3]);
  const auto stop_at = std::chrono::steady_clock::now() + std::chrono::seconds(std::stol(argv[4]));

  auto store = storage::ItemStore::open(path);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 3;
  }
  const std::vector<storage::SourceRecord> sources = {{"crash", "Crash test", "https://example.eu/"}};
  if (auto synced = store->sync_sources(sources); !synced) {
    std::fprintf(stderr, "%s\n", synced.error().message.c_str());
    return 3;
  }
  for (long batch = first_batch; std::chrono::steady_clock::now() < stop_at; ++batch) {
    storage::PollRecord poll;
    poll.at = core::TimePoint{std::chrono::seconds{1'700'000'000 + batch}};
    poll.http_status = 200;
    auto stored = storage::testing::store_classified_poll(*store, "crash",
                                                          batch_of(batch, items_per_batch), poll);
    if (!stored) {
      std::fprintf(stderr, "%s\n", stored.error().message.c_str());
      return 3;
    }
    std::printf("committed %ld\n", batch);
    std::fflush(stdout);
    if (batch % 5 == 4 && !checkpoint(path)) return 3;
  }
  return 0;
}
