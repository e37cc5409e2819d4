// ItemStore on a real file: what survives a reopen, two connections on one
// file (the daemon and the CLI), and the messages for files it cannot use.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/background_checkpoints.h"
#include "storage/item_store.h"
#include "storage/schema.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::item;
using testing::keys_of;
using testing::match;
using testing::ok_poll;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";

// Reads one value with a plain connection, bypassing ItemStore.
std::string pragma(const std::string& path, const std::string& name) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return value;
}

void execute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::unique_ptr<ItemStore> open_store(const std::string& path) {
  auto opened = ItemStore::open(path);
  EXPECT_TRUE(opened) << opened.error().message;
  if (!opened) return nullptr;
  return std::make_unique<ItemStore>(std::move(*opened));
}

const std::vector<SourceRecord> kSources = {{"skr", "SKR", "https://skr.example.se/rss"}};

TEST(ItemStoreFile, FindsEverythingAfterReopening) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->sync_sources(kSources));
    ASSERT_EQ(storage::testing::store_classified_poll(
                  *store, "skr",
                  std::vector<ClassifiedItem>{
                      {item("skr", "a", at(1000)), {match(kUtbildning, {"skola"})}},
                      {item("skr", "b", at(2000)), {match(kUtbildning, {"skola"})}}},
                  ok_poll(at(5000)))
                  ->new_items,
              2);
    auto pending = store->undelivered(kUtbildning);
    ASSERT_TRUE(pending);
    ASSERT_TRUE(store->record_delivery({kUtbildning, "<d1@omvarld>", "v. 12", at(7000)},
                                       std::vector<std::int64_t>{pending->at(1).stored.id}));
  }

  EXPECT_EQ(pragma(path, "user_version"), std::to_string(latest_schema_version()));
  EXPECT_EQ(pragma(path, "journal_mode"), "wal");

  auto store = open_store(path);
  ASSERT_TRUE(store);
  auto items = store->items(ItemQuery{});
  ASSERT_TRUE(items);
  EXPECT_EQ(keys_of(*items), (std::vector<std::string>{"b", "a"}));
  auto pending = store->undelivered(kUtbildning);
  ASSERT_TRUE(pending);
  EXPECT_EQ(keys_of(*pending), std::vector<std::string>{"b"});
  auto last = store->last_delivery(kUtbildning);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, at(7000));
  // The reopened store still knows these items: nothing is new.
  EXPECT_EQ(storage::testing::store_classified_poll(
                *store, "skr", std::vector<ClassifiedItem>{{item("skr", "a", at(1000)), {}}},
                ok_poll(at(9000)))
                ->new_items,
            0);
}

TEST(ItemStoreFile, LetsASecondConnectionReadWhatTheFirstWrote) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto daemon = open_store(path);
  auto cli = open_store(path);
  ASSERT_TRUE(daemon && cli);

  ASSERT_TRUE(daemon->sync_sources(kSources));
  ASSERT_EQ(storage::testing::store_classified_poll(
                *daemon, "skr",
                std::vector<ClassifiedItem>{
                    {item("skr", "a", at(1000)), {match(kUtbildning, {"skola"})}}},
                ok_poll(at(5000)))
                ->new_items,
            1);

  auto statuses = cli->source_status();
  ASSERT_TRUE(statuses) << statuses.error().message;
  ASSERT_EQ(statuses->size(), 1u);
  EXPECT_EQ((*statuses)[0].item_count, 1);
  auto pending = cli->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(keys_of(*pending), std::vector<std::string>{"a"});

  // And the other way round: a delivery the CLI records hides the item from the daemon.
  ASSERT_TRUE(cli->record_delivery({kUtbildning, "<d1@omvarld>", "v. 12", at(7000)},
                                   std::vector<std::int64_t>{pending->at(0).stored.id}));
  auto after = daemon->undelivered(kUtbildning);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
}

TEST(ItemStoreFile, NamesThePathWhenItsDirectoryDoesNotExist) {
  TempDir dir;
  const std::string path = (dir.path() / "missing" / "omvarld.db").string();
  auto opened = ItemStore::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Errc::kStorage);
  EXPECT_EQ(opened.error().message,
            "storage: open database (" + path +
                "): cannot open the database: check that its directory exists and that the user"
                " omvarld runs as may write there (unable to open database file)");
}

TEST(ItemStoreFile, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const std::string path = (dir.path() / "notes.txt").string();
  std::ofstream(path) << "These are not the tables you are looking for.\n"
                      << std::string(4096, 'x');
  auto opened = ItemStore::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().message,
            "storage: set journal mode (" + path +
                "): the database is not an SQLite database: check the database path in the"
                " configuration (file is not a database)");
}

TEST(ItemStoreFile, RefusesADatabaseFromANewerOmvarld) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  ASSERT_TRUE(open_store(path));
  execute(path, "PRAGMA user_version = 99");

  auto opened = ItemStore::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().message,
            "storage: open database (" + path +
                "): schema version 99 is newer than this omvarld knows (" +
                std::to_string(latest_schema_version()) + ")");
}

TEST(ItemStoreFile, MigratesAnEmptyDatabaseFile) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  execute(path, "PRAGMA user_version = 0");
  EXPECT_EQ(pragma(path, "user_version"), "0");

  auto store = open_store(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(pragma(path, "user_version"), std::to_string(latest_schema_version()));
  EXPECT_TRUE(store->sync_sources(kSources));
}

// Stores `sources` × `per_source` items of 16 KiB each, one commit per source.
void store_large_items(ItemStore& store, int sources, int per_source) {
  std::vector<SourceRecord> records;
  for (int s = 0; s < sources; ++s) {
    const std::string id = "source-" + std::to_string(s);
    records.push_back({id, id, "https://" + id + ".example.se/rss"});
  }
  ASSERT_TRUE(store.sync_sources(records));
  for (const SourceRecord& source : records) {
    std::vector<ClassifiedItem> items;
    for (int i = 0; i < per_source; ++i) {
      core::Item stored = item(source.id, std::to_string(i), at(1000 + i));
      stored.content = std::string(16 * 1024, static_cast<char>('a' + i % 26));
      items.push_back({std::move(stored), {match(kUtbildning, {"skola"})}});
    }
    ASSERT_TRUE(
        storage::testing::store_classified_poll(store, source.id, items, ok_poll(at(5000))));
  }
}

std::uintmax_t size_of(const std::string& path) {
  std::error_code ignored;
  const std::uintmax_t size = std::filesystem::file_size(path, ignored);
  return ignored ? 0 : size;
}

// With the checkpoints on the store's thread, the thread copies the log
// into the file while the store stays open, and the log starts again from
// its beginning once it is past its bound.
TEST(ItemStoreFile, CopiesTheLogIntoTheFileOnAThreadOfItsOwn) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->checkpoint_in_background());
  const std::uintmax_t empty = size_of(path);
  // 50 commits of 800 KiB: 40 MiB through a log of at most 16 MiB.
  store_large_items(*store, 50, 50);
  const std::uintmax_t written = 30u * 1024 * 1024;
  const auto given_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (size_of(path) < empty + written && std::chrono::steady_clock::now() < given_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(size_of(path), empty + written);
  // Not (only) SQLite's own checkpoints in the commits, which would also
  // have filled the file.
  EXPECT_GE(storage::testing::background_checkpoints_taken(*store), 1);
  const std::uintmax_t bound =
      BackgroundCheckpoints::kMostPagesInTheLog * std::uintmax_t{4096 + 24} + 4 * 1024 * 1024;
  EXPECT_LT(size_of(path + "-wal"), bound);
  // A store in memory has no log to copy.
  auto in_memory = ItemStore::open(":memory:");
  ASSERT_TRUE(in_memory);
  ASSERT_TRUE(in_memory->checkpoint_in_background());
  EXPECT_EQ(storage::testing::background_checkpoints_taken(*in_memory), 0);
  store.reset();
  auto reopened = open_store(path);
  ASSERT_TRUE(reopened);
  ItemQuery every_item;
  every_item.limit = 5000;
  auto stored = reopened->items(every_item);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size(), 2500u);
}

}  // namespace
}  // namespace omvarld::storage
