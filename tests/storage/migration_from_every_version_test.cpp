// Upgrading from every earlier schema version: a database left by any
// earlier omvarld opens at the latest version with its rows, its deliveries
// and a working store; a migration that fails leaves the version before it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/identity_rules.h"
#include "storage/item_store.h"
#include "storage/schema.h"
#include "storage/sqlite.h"
#include "storage/test_entry_points.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::item;
using testing::keys_of;
using testing::match;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
constexpr int kFirstVersionWithSearch = 4;

// Rows written with SQL that every version from 1 accepts: a source, two
// items that concern one nämnd, and a delivered digest that holds item "a".
constexpr const char* kRowsValidSinceVersion1 = R"sql(
INSERT INTO sources (id, name, url) VALUES ('skr', 'SKR', 'https://skr.example.se/rss');
INSERT INTO items (id, source_id, key, title, link, summary, published, first_seen)
  VALUES (1, 'skr', 'a', 'Förskolan', 'https://skr.example.se/a', 'Om förskolan', 1000, 5000),
         (2, 'skr', 'b', 'Skolan', 'https://skr.example.se/b', 'Om skolan', 2000, 5000);
INSERT INTO matches (item_id, namnd, terms) VALUES
  (1, 'linkoping/utbildning', '["förskola"]'), (2, 'linkoping/utbildning', '["skola"]');
INSERT INTO digests (id, namnd, message_id, subject, delivered_at)
  VALUES (1, 'linkoping/utbildning', '<d1@omvarld>', 'v. 12', 7000);
INSERT INTO digest_items (digest_id, namnd, item_id) VALUES (1, 'linkoping/utbildning', 1);
)sql";

// Builds the database at `path` as an omvarld at schema `version` left it,
// with the rows above when the version has tables for them. Runs `before`
// first (to plant a conflict).
void build_database(const std::string& path, int version, const std::string& before = "") {
  auto db = sqlite::open(path);
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE(configure_connection(db->get(), path));
  if (!before.empty()) {
    ASSERT_TRUE(sqlite::execute(db->get(), before, {"plant", path}));
  }
  auto migrated = migrate_to(db->get(), path, version);
  ASSERT_TRUE(migrated) << migrated.error().message;
  if (version >= 1) {
    auto inserted = sqlite::execute(db->get(), kRowsValidSinceVersion1, {"insert rows", path});
    ASSERT_TRUE(inserted) << inserted.error().message;
  }
  // From version 4 omvarld indexes each item it inserts (store_poll does,
  // not a trigger), so a database of that age has them in the index.
  if (version >= kFirstVersionWithSearch) {
    auto indexed = sqlite::execute(db->get(), "INSERT INTO items_fts(items_fts) VALUES ('rebuild')",
                                   {"index rows", path});
    ASSERT_TRUE(indexed) << indexed.error().message;
  }
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

TEST(MigrationFromEveryVersion, OpensAtTheLatestVersionWithRowsDeliveriesAndAWorkingStore) {
  ASSERT_GE(latest_schema_version(), 2);
  for (int version = 0; version < latest_schema_version(); ++version) {
    SCOPED_TRACE("from version " + std::to_string(version));
    TempDir dir;
    const std::string path = (dir.path() / "omvarld.db").string();
    build_database(path, version);
    ASSERT_FALSE(::testing::Test::HasFatalFailure());
    EXPECT_EQ(RawDatabase(path).value("PRAGMA user_version"), std::to_string(version));

    auto store = ItemStore::open(path);
    ASSERT_TRUE(store) << store.error().message;
    {
      RawDatabase raw(path);
      EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
      EXPECT_EQ(raw.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
      EXPECT_EQ(raw.column("PRAGMA foreign_key_check"), std::vector<std::string>{});
    }
    if (version == 0) {
      ASSERT_TRUE(store->sync_sources(std::vector<SourceRecord>{{"skr", "SKR", "https://x"}}));
    } else {
      auto items = store->items(ItemQuery{});
      ASSERT_TRUE(items) << items.error().message;
      EXPECT_EQ(sorted(keys_of(*items)), (std::vector<std::string>{"a", "b"}));
      auto last = store->last_delivery(kUtbildning);
      ASSERT_TRUE(last) << last.error().message;
      EXPECT_EQ(*last, at(7000));
    }

    // A new poll stores what is new and knows what it already has.
    auto outcome = storage::testing::store_classified_poll(
        *store, "skr",
        std::vector<ClassifiedItem>{{item("skr", "a", at(1000)), {match(kUtbildning, {"skola"})}},
                                    {item("skr", "c", at(8000)), {match(kUtbildning, {"skola"})}}},
        ok_poll(at(9000)));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_EQ(outcome->new_items, version == 0 ? 2 : 1);

    // The delivered item is never pending again.
    auto pending = store->undelivered(kUtbildning);
    ASSERT_TRUE(pending) << pending.error().message;
    EXPECT_EQ(sorted(keys_of(*pending)), version == 0 ? (std::vector<std::string>{"a", "c"})
                                                      : (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(RawDatabase(path).column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  }
}

TEST(MigrationFromEveryVersion, AFailedMigrationLeavesThePreviousVersionAndItsRows) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  build_database(path, 1);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  // Migration 2 creates the table floods; a table of that name is in the way.
  ASSERT_EQ(RawDatabase(path).execute("CREATE TABLE floods (note TEXT)"), "");

  auto opened = ItemStore::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Errc::kStorage);
  EXPECT_EQ(opened.error().message, "storage: migrate schema to version 2 (" + path +
                                        "): table floods already exists");

  RawDatabase raw(path);
  EXPECT_EQ(raw.value("PRAGMA user_version"), "1");
  EXPECT_EQ(raw.column("SELECT key FROM items ORDER BY key"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM digest_items"), "1");
  // Nothing of migration 2 remains: its first statement added this column.
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM pragma_table_info('matches')"
                      " WHERE name = 'title_terms'"),
            "0");
  EXPECT_EQ(raw.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});

  // Once the conflict is gone the same file upgrades.
  ASSERT_EQ(raw.execute("DROP TABLE floods"), "");
  auto reopened = ItemStore::open(path);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
}

TEST(MigrationFromEveryVersion, KeepsEachMigrationThatSucceededBeforeOneThatFailed) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  // From an empty file: migration 1 succeeds, migration 2 meets the conflict.
  build_database(path, 0, "CREATE TABLE reports (note TEXT)");
  ASSERT_FALSE(::testing::Test::HasFatalFailure());

  auto opened = ItemStore::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().message, "storage: migrate schema to version 2 (" + path +
                                        "): table reports already exists");
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("PRAGMA user_version"), "1");
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'items'"), "1");
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'delivery_failures'"),
            "0");
}

// Version 12: what each recipient got of a digest that goes out one message
// per recipient, kept until the nämnd's digest is recorded delivered.
TEST(MigrationFromEveryVersion, AVersion11DatabaseGainsThePerRecipientLedger) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  build_database(path, 11);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(RawDatabase(path).value("PRAGMA user_version"),
            std::to_string(latest_schema_version()));

  const std::vector<std::int64_t> item_b = {2};
  ASSERT_TRUE(store->record_recipient_delivery(kUtbildning, "bo@linkoping.se", item_b));
  // Recorded again (a retry after a crash): still one row.
  ASSERT_TRUE(store->record_recipient_delivery(kUtbildning, "bo@linkoping.se", item_b));
  EXPECT_EQ(*store->delivered_to_recipient(kUtbildning, "bo@linkoping.se"), item_b);
  EXPECT_TRUE(store->delivered_to_recipient(kUtbildning, "cecilia@linkoping.se")->empty());
  EXPECT_TRUE(store->delivered_to_recipient("linkoping/kultur", "bo@linkoping.se")->empty());
  EXPECT_EQ(RawDatabase(path).value("SELECT COUNT(*) FROM recipient_deliveries"), "1");
  // An item the ledger names must exist.
  const std::vector<std::int64_t> missing = {999};
  EXPECT_FALSE(store->record_recipient_delivery(kUtbildning, "bo@linkoping.se", missing));
  EXPECT_EQ(*store->delivered_to_recipient(kUtbildning, "bo@linkoping.se"), item_b);

  // Once the nämnd's digest is delivered, what each recipient got is forgotten.
  ASSERT_TRUE(store->record_delivery({kUtbildning, "<d2@omvarld>", "v. 13", at(8000)}, item_b));
  EXPECT_TRUE(store->delivered_to_recipient(kUtbildning, "bo@linkoping.se")->empty());
  EXPECT_TRUE(store->undelivered(kUtbildning)->empty());
}

// Version 13: the sources' health reads each source's newest item by
// (source_id, first_seen) instead of visiting all its items.
TEST(MigrationFromEveryVersion, AVersion12DatabaseGainsTheIndexOfEachSourcesNewestItem) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  build_database(path, 12);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND"
                      " name = 'items_by_source_first_seen'"),
            "1");
}

// Version 14: the same story is found by hashes of its keys (story_keys),
// filled for the items stored before, in place of the text indexes.
TEST(MigrationFromEveryVersion, AVersion13DatabaseFindsTheSameStoryByTheHashesOfItsKeys) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  build_database(path, 13);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  // Item 3 (another feed) has the link of item 1, which was delivered;
  // item 4 the title and day of item 2, which was not.
  const std::string kTitleDay = "1970-01-01 ny lag om skolan";
  {
    RawDatabase raw(path);
    ASSERT_EQ(raw.execute("UPDATE items SET canonical_link = link WHERE id = 1;"
                          "UPDATE items SET title_day = '" + kTitleDay + "' WHERE id = 2;"
                          "INSERT INTO sources (id, name, url) VALUES ('eu', 'EU', 'https://eu');"
                          "INSERT INTO items (id, source_id, key, title, canonical_link,"
                          "                   title_day, first_seen)"
                          "  VALUES (3, 'eu', 'x', 'A', 'https://skr.example.se/a', '', 6000),"
                          "         (4, 'eu', 'y', 'B', '', '" + kTitleDay + "', 6000);"
                          "INSERT INTO matches (item_id, namnd, terms) VALUES"
                          "  (3, 'linkoping/utbildning', '[]'),"
                          "  (4, 'linkoping/utbildning', '[]');"),
              "");
  }

  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  {
    RawDatabase raw(path);
    EXPECT_EQ(raw.value("PRAGMA user_version"), "14");
    EXPECT_EQ(raw.column("SELECT item_id || ':' || ifnull(link_hash, '-') || ':' ||"
                         " ifnull(title_day_hash, '-') FROM story_keys ORDER BY item_id"),
              (std::vector<std::string>{
                  "1:" + std::to_string(*story_key_hash("https://skr.example.se/a")) + ":-",
                  "2:-:" + std::to_string(*story_key_hash(kTitleDay)),
                  "3:" + std::to_string(*story_key_hash("https://skr.example.se/a")) + ":-",
                  "4:-:" + std::to_string(*story_key_hash(kTitleDay))}));
    EXPECT_EQ(raw.column("SELECT name FROM sqlite_schema WHERE name LIKE 'items_by_%_link'"
                         " OR name LIKE 'items_by_title_day' OR name LIKE 'story_keys_by_%'"
                         " ORDER BY name"),
              (std::vector<std::string>{"story_keys_by_link", "story_keys_by_title_day"}));
  }
  // Item 3 is the story delivered as item 1; items 2 and 4 are one entry.
  auto pending = store->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].stored.id, 2);
  ASSERT_EQ((*pending)[0].also_in.size(), 1u);
  EXPECT_EQ((*pending)[0].also_in[0].id, 4);
}

// An older omvarld still running after a newer one migrated the file
// stores items without story keys, also between the newer one's; the next
// open records theirs.
TEST(MigrationFromEveryVersion, ItemsAnOlderOmvarldStoredAfterTheMigrationGetTheirStoryKeys) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  build_database(path, latest_schema_version());
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  {
    RawDatabase raw(path);
    // Items 3 and 5 by the older omvarld, 4 by the newer one.
    ASSERT_EQ(raw.execute("INSERT INTO story_keys (item_id) SELECT id FROM items;"
                          "INSERT INTO items (id, source_id, key, title, canonical_link,"
                          "                   title_day, first_seen)"
                          "  VALUES (3, 'skr', 'c', 'C', 'https://skr.example.se/c',"
                          "          '1970-01-01 tre ord här', 6000),"
                          "         (4, 'skr', 'd', 'D', '', '', 6000),"
                          "         (5, 'skr', 'e', 'E', 'https://skr.example.se/e', '', 6000);"
                          "INSERT INTO story_keys (item_id) VALUES (4);"),
              "");
  }
  ASSERT_TRUE(ItemStore::open(path));
  RawDatabase raw(path);
  EXPECT_EQ(raw.column("SELECT item_id || ':' || ifnull(link_hash, '-') || ':' ||"
                       " ifnull(title_day_hash, '-') FROM story_keys ORDER BY item_id"),
            (std::vector<std::string>{
                "1:-:-", "2:-:-",
                "3:" + std::to_string(*story_key_hash("https://skr.example.se/c")) + ":" +
                    std::to_string(*story_key_hash("1970-01-01 tre ord här")),
                "4:-:-",
                "5:" + std::to_string(*story_key_hash("https://skr.example.se/e")) + ":-"}));
}

}  // namespace
}  // namespace omvarld::storage
