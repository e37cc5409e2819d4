// The full-text index and backups on a real file: the index follows every
// write to items, whoever makes it, and covers items stored before it
// existed; a backup taken while another connection writes is a complete,
// consistent database.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "storage/item_store.h"
#include "storage/schema.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

namespace fs = std::filesystem;
using testing::at;
using testing::item;
using testing::ok_poll;
using testing::TempDir;

const std::vector<SourceRecord> kSources = {{"skr", "SKR", "https://skr.example.se/rss"}};

std::unique_ptr<ItemStore> open_store(const std::string& path) {
  auto opened = ItemStore::open(path);
  EXPECT_TRUE(opened) << opened.error().message;
  if (!opened) return nullptr;
  return std::make_unique<ItemStore>(std::move(*opened));
}

// Runs `sql` on its own connection, as another program would.
void execute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// The first column of the first row of `sql`, as text.
std::string query_text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  std::string value = "(error)";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    value = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

std::vector<std::string> found(const ItemStore& store, const std::string& text) {
  SearchQuery query;
  query.text = text;
  auto hits = store.search(query);
  EXPECT_TRUE(hits) << hits.error().message;
  std::vector<std::string> keys;
  for (const SearchHit& hit : hits.value_or(std::vector<SearchHit>{})) {
    keys.push_back(hit.stored.item.key);
  }
  return keys;
}

using Keys = std::vector<std::string>;

TEST(SearchFile, FindsUpdatedItemsByTheirNewTextAndNotDeletedOnes) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->sync_sources(kSources));
  core::Item changing = item("skr", "changing", at(1000));
  changing.title = "Förslag om skolbibliotek";
  core::Item leaving = item("skr", "leaving", at(1000));
  leaving.title = "Förslag om läxhjälp";
  ASSERT_TRUE(storage::testing::store_classified_poll(
      *store, "skr", std::vector<ClassifiedItem>{{changing, {}}, {leaving, {}}},
      ok_poll(at(5000))));
  ASSERT_EQ(found(*store, "förslag"), (Keys{"leaving", "changing"}));

  // Another writer (an item update, a cleanup) changes the table directly.
  execute(path,
          "UPDATE items SET title = 'Beslut om skolbibliotek', summary = 'Nu klart' "
          "WHERE key = 'changing';"
          "DELETE FROM items WHERE key = 'leaving';");

  EXPECT_EQ(found(*store, "beslut klart"), Keys{"changing"});
  EXPECT_EQ(found(*store, "förslag"), Keys{});
  EXPECT_EQ(found(*store, "läxhjälp"), Keys{});
  EXPECT_EQ(query_text(path, "SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH 'läxhjälp'"),
            "0");
  execute(path, "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)");
}

TEST(SearchFile, IndexesTheItemsStoredBeforeTheIndexExisted) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    // A database as omvarld left it before full-text search (version 3).
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_TRUE(migrate_to(raw, path, 3));
    sqlite3_close(raw);
  }
  execute(path,
          "INSERT INTO sources (id) VALUES ('skr');"
          "INSERT INTO items (source_id, key, title, first_seen)"
          " VALUES ('skr', 'early', 'Äldreomsorgen i fokus', 1000);");

  auto store = open_store(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(found(*store, "äldreomsorgen"), Keys{"early"});
}

// Stores `count` items of a few kilobytes each in one poll, keys from `first`.
void store_many(ItemStore& store, int first, int count, core::TimePoint when) {
  std::vector<ClassifiedItem> items;
  for (int i = first; i < first + count; ++i) {
    core::Item made = item("skr", "item-" + std::to_string(i), when);
    made.content = std::string(2000, 'x') + " förskola " + std::to_string(i);
    items.push_back({std::move(made), {}});
  }
  auto stored = storage::testing::store_classified_poll(store, "skr", items, ok_poll(when));
  ASSERT_TRUE(stored) << stored.error().message;
}

TEST(Backup, CopiesAConsistentDatabaseWhileAnotherConnectionWrites) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  const std::string target = (dir.path() / "backup.db").string();
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->sync_sources(kSources));
  store_many(*store, 0, 3000, at(1000));  // some megabytes: many backup steps

  // The writer goes on storing polls of ten items until told to stop.
  std::atomic<int> committed{3000};
  std::atomic<bool> stop{false};
  std::atomic<bool> writer_failed{false};
  std::thread writer([&] {
    auto daemon = open_store(path);
    if (!daemon) {
      writer_failed = true;
      return;
    }
    for (int next = 3000; !stop; next += 10) {
      store_many(*daemon, next, 10, at(2000 + next));
      committed = next + 10;
    }
  });
  // Ready once the writer's first poll is in.
  while (committed.load() == 3000 && !writer_failed) std::this_thread::yield();

  const int before = committed.load();
  auto backed_up = store->backup_to(target);
  const int after = committed.load();
  stop = true;
  writer.join();
  ASSERT_FALSE(writer_failed);
  ASSERT_TRUE(backed_up) << backed_up.error().message;

  EXPECT_EQ(query_text(target, "PRAGMA integrity_check"), "ok");
  const int copied = std::stoi(query_text(target, "SELECT COUNT(*) FROM items"));
  EXPECT_GE(copied, before);
  EXPECT_LE(copied, after);
  // The copy is a whole omvarld database: it opens, and its index agrees.
  auto copy = open_store(target);
  ASSERT_TRUE(copy);
  EXPECT_EQ(found(*copy, "förskola \"item 2999\"").size(), 1U);
  execute(target, "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)");
  // Nothing is left beside the target.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  for (const std::string& name : names) EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
}

TEST(Backup, ReplacesAnExistingTargetWithTheCopy) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  const fs::path target = dir.write("backup.db", "an older file");
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->sync_sources(kSources));
  store_many(*store, 0, 3, at(1000));

  auto backed_up = store->backup_to(target.string());
  ASSERT_TRUE(backed_up) << backed_up.error().message;
  EXPECT_EQ(query_text(target.string(), "SELECT COUNT(*) FROM items"), "3");
}

TEST(Backup, RefusesTheDatabaseItselfAndLeavesNothingBehindOnFailure) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = open_store(path);
  ASSERT_TRUE(store);

  struct Case {
    const char* name;
    std::string target;
    std::string message;
  };
  const std::string other_spelling = (dir.path() / "." / "omvarld.db").string();
  const std::string missing = (dir.path() / "missing" / "backup.db").string();
  const Case kCases[] = {
      {"the database", path,
       "storage: back up database (" + path + " to " + path +
           "): the target is the database itself; name another file"},
      {"the database spelled otherwise", other_spelling,
       "storage: back up database (" + path + " to " + other_spelling +
           "): the target is the database itself; name another file"},
      {"a missing directory", missing,
       "storage: back up database (" + path + " to " + missing + "): cannot create a file in " +
           (dir.path() / "missing").string() + ": No such file or directory"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    auto backed_up = store->backup_to(c.target);
    ASSERT_FALSE(backed_up);
    EXPECT_EQ(backed_up.error().code, Errc::kStorage);
    EXPECT_EQ(backed_up.error().message, c.message);
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"omvarld.db", "omvarld.db-shm", "omvarld.db-wal"}));
  // The database is as it was.
  EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace omvarld::storage
