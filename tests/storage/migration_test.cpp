// Schema migrations on a real file: a database written by an earlier omvarld
// is brought up to date and keeps its rows.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/schema.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::keys_of;
using testing::TempDir;

// Version 1 of the schema as released; frozen here because a database in
// the field looks exactly like this.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE sources (
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
  last_attempt INTEGER, last_success INTEGER, http_status INTEGER, last_error TEXT,
  error_streak INTEGER NOT NULL DEFAULT 0);
CREATE TABLE items (
  id INTEGER PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id), key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '', link TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '', published INTEGER, first_seen INTEGER NOT NULL,
  UNIQUE (source_id, key));
CREATE TABLE matches (
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, namnd TEXT NOT NULL,
  terms TEXT NOT NULL DEFAULT '[]', topics TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (item_id, namnd));
CREATE INDEX matches_by_namnd ON matches(namnd, item_id);
CREATE TABLE digests (
  id INTEGER PRIMARY KEY, namnd TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL DEFAULT '', delivered_at INTEGER NOT NULL);
CREATE INDEX digests_by_namnd ON digests(namnd, delivered_at);
CREATE TABLE digest_items (
  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE, namnd TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, PRIMARY KEY (namnd, item_id));
CREATE INDEX digest_items_by_digest ON digest_items(digest_id);
CREATE INDEX digest_items_by_item ON digest_items(item_id);
INSERT INTO sources (id, name, url) VALUES ('skr', 'SKR', 'https://skr.example.se/rss');
INSERT INTO items (id, source_id, key, title, published, first_seen)
  VALUES (1, 'skr', 'a', 'Förskolan', 1000, 5000), (2, 'skr', 'b', 'Skolan', 2000, 5000);
INSERT INTO matches (item_id, namnd, terms) VALUES
  (1, 'linkoping/utbildning', '["förskola"]'), (2, 'linkoping/utbildning', '["skola"]');
INSERT INTO digests (id, namnd, message_id, subject, delivered_at)
  VALUES (1, 'linkoping/utbildning', '<d1@omvarld>', 'v. 12', 7000);
INSERT INTO digest_items (digest_id, namnd, item_id) VALUES (1, 'linkoping/utbildning', 1);
PRAGMA user_version = 1;
)sql";

std::string query_one(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return value;
}

TEST(Migration, UpgradesAVersion1DatabaseKeepingItsRows) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, kVersion1, nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  ASSERT_EQ(query_one(path, "PRAGMA user_version"), "1");

  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(query_one(path, "PRAGMA user_version"), std::to_string(latest_schema_version()));

  auto items = store->items(ItemQuery{});
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(keys_of(*items), (std::vector<std::string>{"b", "a"}));
  auto pending = store->undelivered("linkoping/utbildning");
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(keys_of(*pending), std::vector<std::string>{"b"});
  EXPECT_EQ(pending->at(0).match.terms, std::vector<std::string>{"skola"});
  auto last = store->last_delivery("linkoping/utbildning");
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, at(7000));
  // The new columns hold their defaults for the old rows.
  EXPECT_EQ(query_one(path, "SELECT title_terms || '/' || held FROM matches WHERE item_id = 2"),
            "[]/0");
}

}  // namespace
}  // namespace omvarld::storage
