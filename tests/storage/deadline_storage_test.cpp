// Deadlines in the store, on a real file: written by store_poll for new and
// changed items, read back wherever items are read, and added in place to a
// database from before the column (schema version 5).

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/schema.h"
#include "storage/sqlite.h"
#include "storage/test_entry_points.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::match;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
constexpr int kVersionBeforeDeadlines = 5;

core::Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

core::Item call(const std::string& key, std::optional<core::Date> deadline) {
  core::Item made = testing::item("eu", key, at(86400));
  made.title = "Utlysning " + key;
  made.deadline = deadline;
  return made;
}

class DeadlineStorageTest : public ::testing::Test {
 protected:
  void SetUp() override { open(); }

  void open() {
    auto opened = ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"eu", "EU-kontoret", "https://eu.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  PollOutcome poll(const std::vector<core::Item>& items, std::int64_t when) {
    std::vector<ClassifiedItem> classified;
    for (const core::Item& one : items)
      classified.push_back({one, {match(kUtbildning, {"utlysning"})}});
    auto stored =
        storage::testing::store_classified_poll(*store_, "eu", classified, ok_poll(at(when)));
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(PollOutcome{-1});
  }

  // The deadline column of item `key` as SQLite holds it ("NULL" for NULL).
  std::string column_of(const std::string& key) {
    RawDatabase raw(path_);
    return raw.value("SELECT COALESCE(deadline, 'NULL') FROM items WHERE key = '" + key + "'");
  }

  std::optional<core::Date> listed_deadline(const std::string& key) {
    auto items = store_->items(ItemQuery{});
    EXPECT_TRUE(items) << items.error().message;
    for (const StoredItem& stored : items.value_or(std::vector<StoredItem>{})) {
      if (stored.item.key == key) return stored.item.deadline;
    }
    ADD_FAILURE() << "no item " << key;
    return std::nullopt;
  }

  TempDir dir_;
  std::string path_ = (dir_.path() / "omvarld.db").string();
  std::unique_ptr<ItemStore> store_;
};

TEST_F(DeadlineStorageTest, StoresTheDeadlineOfANewItemAsADay) {
  EXPECT_EQ(poll({call("a", day(2027, 3, 15)), call("b", std::nullopt)}, 1000).new_items, 2);
  EXPECT_EQ(column_of("a"), "2027-03-15");
  EXPECT_EQ(column_of("b"), "NULL");
}

TEST_F(DeadlineStorageTest, ReadsTheDeadlineBackForListsDigestsAndSearch) {
  poll({call("a", day(2027, 3, 15)), call("b", std::nullopt)}, 1000);

  EXPECT_EQ(listed_deadline("a"), day(2027, 3, 15));
  EXPECT_EQ(listed_deadline("b"), std::nullopt);

  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(pending->size(), 2u);
  for (const PendingItem& one : *pending) {
    SCOPED_TRACE(one.stored.item.key);
    EXPECT_EQ(one.stored.item.deadline,
              one.stored.item.key == "a" ? std::optional(day(2027, 3, 15)) : std::nullopt);
  }

  SearchQuery query;
  query.text = "\"Utlysning a\"";
  auto hits = store_->search(query);
  ASSERT_TRUE(hits) << hits.error().message;
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().stored.item.key, "a");
  EXPECT_EQ(hits->front().stored.item.deadline, day(2027, 3, 15));
}

TEST_F(DeadlineStorageTest, KeepsTheDeadlineOfAnItemPolledAgainUnchanged) {
  poll({call("a", day(2027, 3, 15))}, 1000);
  const PollOutcome again = poll({call("a", day(2027, 3, 15))}, 2000);
  EXPECT_EQ(again.new_items, 0);
  EXPECT_EQ(again.updated_items, 0);
  EXPECT_EQ(column_of("a"), "2027-03-15");
}

TEST_F(DeadlineStorageTest, MovesTheDeadlineWhenOnlyTheDeadlineChanged) {
  poll({call("a", day(2027, 3, 15))}, 1000);
  // A JSON API extends the call without changing its text: no update of
  // what the item says, so it is neither new nor re-sent as changed.
  const PollOutcome again = poll({call("a", day(2027, 4, 1))}, 2000);
  EXPECT_EQ(again.new_items, 0);
  EXPECT_EQ(again.updated_items, 0);
  EXPECT_EQ(column_of("a"), "2027-04-01");
  // ...but the item changed when its deadline moved: calendars take their
  // SEQUENCE from that and show subscribers the new date.
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT updated_at FROM items WHERE key = 'a'"), "2000");
  poll({call("a", day(2027, 4, 1))}, 3000);
  EXPECT_EQ(raw.value("SELECT updated_at FROM items WHERE key = 'a'"), "2000");
}

TEST_F(DeadlineStorageTest, WritesTheDeadlineOfAnUpdatedItem) {
  poll({call("a", day(2027, 3, 15))}, 1000);
  core::Item changed = call("a", std::nullopt);
  changed.summary = "Utlysningen är stängd.";
  EXPECT_EQ(poll({changed}, 2000).updated_items, 1);
  EXPECT_EQ(column_of("a"), "NULL");

  changed.summary = "Utlysningen öppnar igen.";
  changed.deadline = day(2027, 5, 2);
  EXPECT_EQ(poll({changed}, 3000).updated_items, 1);
  EXPECT_EQ(column_of("a"), "2027-05-02");
}

TEST_F(DeadlineStorageTest, ShowsATwinsDeadlineWhenTheFirstSeenStatesNone) {
  const std::vector<SourceRecord> sources = {{"eu", "EU-kontoret", "https://eu.example.se/rss"},
                                             {"skr", "SKR", "https://skr.example.se/rss"}};
  ASSERT_TRUE(store_->sync_sources(sources));
  core::Item first = call("a", std::nullopt);
  first.canonical_link = "https://example.eu/call";
  poll({first}, 1000);
  core::Item twin = call("a2", day(2027, 3, 15));
  twin.source = "skr";
  twin.canonical_link = "https://example.eu/call";
  const std::vector<ClassifiedItem> polled = {{twin, {match(kUtbildning, {"utlysning"})}}};
  auto stored = storage::testing::store_classified_poll(*store_, "skr", polled, ok_poll(at(2000)));
  ASSERT_TRUE(stored) << stored.error().message;

  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().stored.item.key, "a");
  EXPECT_EQ(pending->front().stored.item.deadline, day(2027, 3, 15));
}

TEST_F(DeadlineStorageTest, ReadsAnUnreadableDeadlineAsNone) {
  poll({call("a", day(2027, 3, 15))}, 1000);
  {
    RawDatabase raw(path_);
    ASSERT_EQ(raw.execute("UPDATE items SET deadline = 'snart' WHERE key = 'a'"), "");
  }
  EXPECT_EQ(listed_deadline("a"), std::nullopt);
  {
    RawDatabase raw(path_);
    ASSERT_EQ(raw.execute("UPDATE items SET deadline = '2027-02-30' WHERE key = 'a'"), "");
  }
  EXPECT_EQ(listed_deadline("a"), std::nullopt);
}

TEST(DeadlineMigration, AddsTheColumnInPlaceAndFillsItWhenItemsArePolledAgain) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    auto db = sqlite::open(path);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(configure_connection(db->get(), path));
    ASSERT_TRUE(migrate_to(db->get(), path, kVersionBeforeDeadlines));
    auto inserted = sqlite::execute(db->get(), R"sql(
      INSERT INTO sources (id, name, url) VALUES ('eu', 'EU-kontoret', 'https://eu.example.se/rss');
      INSERT INTO items (id, source_id, key, title, link, summary, content, published, first_seen,
                         canonical_link, title_day)
        VALUES (1, 'eu', 'a', 'Utlysning a', 'https://example.eu/a', 'Summary of a',
                'Content of a', 86400, 1000, 'https://example.eu/a', '');
      INSERT INTO matches (item_id, namnd, terms) VALUES (1, 'linkoping/utbildning', '["utlysning"]');
    )sql",
                                    {"insert rows", path});
    ASSERT_TRUE(inserted) << inserted.error().message;
  }
  {
    RawDatabase raw(path);
    ASSERT_EQ(raw.value("PRAGMA user_version"), std::to_string(kVersionBeforeDeadlines));
  }

  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  {
    RawDatabase raw(path);
    EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
    EXPECT_EQ(raw.value("SELECT COALESCE(deadline, 'NULL') FROM items WHERE id = 1"), "NULL");
  }
  auto items = store->items(ItemQuery{});
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->front().item.deadline, std::nullopt);

  // The next poll brings the same item, now read with its deadline.
  core::Item again = call("a", day(2027, 3, 15));
  again.link = "https://example.eu/a";
  again.canonical_link = "https://example.eu/a";
  const std::vector<ClassifiedItem> polled = {{again, {}}};
  auto stored = storage::testing::store_classified_poll(*store, "eu", polled, ok_poll(at(2000)));
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->new_items, 0);
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("SELECT deadline FROM items WHERE id = 1"), "2027-03-15");
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM items"), "1");
}

}  // namespace
}  // namespace omvarld::storage
