// ItemStore on a real file: what survives a reopen, two connections on one
// file (the daemon and the CLI), and the messages for files it cannot use.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

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

}  // namespace
}  // namespace omvarld::storage
