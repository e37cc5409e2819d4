// The words each matched term found, in the store, on a real file: written
// with a poll's matches, read back with the pending items, carried by
// replace_matches, and added in place to a database from before the column
// (schema version 7), whose rows read as having none.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/maintenance.h"
#include "storage/schema.h"
#include "storage/sqlite.h"
#include "storage/test_entry_points.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
constexpr int kVersionBeforeFoundWords = 7;

core::Match found_match(std::vector<std::vector<std::string>> words) {
  return core::Match{kUtbildning, {"förskol*", "\"social ekonomi\""}, {}, {"förskol*"}, std::move(words)};
}

Result<std::vector<PendingItem>> pending_of(ItemStore& store) { return store.undelivered(kUtbildning); }

TEST(FoundWordsStorage, KeepsThemWithThePollAndCarriesThemThroughReplaceMatches) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(store->sync_sources(std::vector<SourceRecord>{{"skr", "SKR", "https://skr.example.se/rss"}}));
  const core::Match first = found_match({{"Förskolelärare", "förskolan"}, {"sociala ekonomin"}});
  const std::vector<ClassifiedItem> polled = {{testing::item("skr", "a", at(1000)), {first}}};
  ASSERT_TRUE(storage::testing::store_classified_poll(*store, "skr", polled, ok_poll(at(2000))));

  auto pending = pending_of(*store);
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().match, first);
  {
    RawDatabase raw(path);
    EXPECT_EQ(raw.value("SELECT found_words FROM matches"),
              R"([["Förskolelärare","förskolan"],["sociala ekonomin"]])");
  }

  // Reclassified: the same terms that found other words are an update.
  const core::Match again = found_match({{"Förskoleklass"}, {"social ekonomi"}});
  const std::vector<Reclassification> reclassified = {{pending->front().stored.id, {again}}};
  auto changes = store->replace_matches(reclassified);
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(changes->updated, 1);
  auto after = pending_of(*store);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front().match.found_words, again.found_words);
  auto listed = store->matches_of(pending->front().stored.id);
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(*listed, std::vector<core::Match>{again});
}

TEST(FoundWordsStorage, ReadsAColumnThatDoesNotFitItsTermsAsNone) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(store->sync_sources(std::vector<SourceRecord>{{"skr", "SKR", "https://skr.example.se/rss"}}));
  const std::vector<ClassifiedItem> polled = {
      {testing::item("skr", "a", at(1000)), {found_match({{"förskolan"}, {"social ekonomi"}})}}};
  ASSERT_TRUE(storage::testing::store_classified_poll(*store, "skr", polled, ok_poll(at(2000))));
  for (const char* broken : {"'[[\"förskolan\"]]'", "'[[1], []]'", "'inte json'", "'{}'"}) {
    SCOPED_TRACE(broken);
    {
      RawDatabase raw(path);
      ASSERT_EQ(raw.execute(std::string("UPDATE matches SET found_words = ") + broken), "");
    }
    auto pending = pending_of(*store);
    ASSERT_TRUE(pending) << pending.error().message;  // the digest still goes out
    ASSERT_EQ(pending->size(), 1u);
    EXPECT_TRUE(pending->front().match.found_words.empty());
    EXPECT_EQ(pending->front().match.terms.size(), 2u);
  }
}

TEST(FoundWordsMigration, AddsTheColumnInPlaceAndOldRowsHaveNone) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    auto db = sqlite::open(path);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(configure_connection(db->get(), path));
    ASSERT_TRUE(migrate_to(db->get(), path, kVersionBeforeFoundWords));
    auto inserted = sqlite::execute(db->get(), R"sql(
      INSERT INTO sources (id, name, url) VALUES ('skr', 'SKR', 'https://skr.example.se/rss');
      INSERT INTO items (id, source_id, key, title, link, summary, content, published, first_seen,
                         canonical_link, title_day)
        VALUES (1, 'skr', 'a', 'Förskolelärare saknas', 'https://example.eu/a', '', '', 86400, 1000,
                'https://example.eu/a', '');
      INSERT INTO matches (item_id, namnd, terms, title_terms)
        VALUES (1, 'linkoping/utbildning', '["förskol*"]', '["förskol*"]');
    )sql",
                                    {"insert rows", path});
    ASSERT_TRUE(inserted) << inserted.error().message;
  }
  {
    RawDatabase raw(path);
    ASSERT_EQ(raw.value("PRAGMA user_version"), std::to_string(kVersionBeforeFoundWords));
  }

  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  {
    RawDatabase raw(path);
    EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
    EXPECT_EQ(raw.value("SELECT found_words FROM matches WHERE item_id = 1"), "[]");
  }
  auto pending = pending_of(*store);
  ASSERT_TRUE(pending) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().match.terms, std::vector<std::string>{"förskol*"});
  EXPECT_EQ(pending->front().match.title_terms, std::vector<std::string>{"förskol*"});
  EXPECT_TRUE(pending->front().match.found_words.empty());

  // A reclassify fills them in.
  const core::Match now{kUtbildning, {"förskol*"}, {}, {"förskol*"}, {{"Förskolelärare"}}};
  auto changes = store->replace_matches(std::vector<Reclassification>{{1, {now}}});
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(changes->updated, 1);
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("SELECT found_words FROM matches WHERE item_id = 1"), R"([["Förskolelärare"]])");
}

}  // namespace
}  // namespace omvarld::storage
