// Retention (ItemStore::prune): old items no digest delivered go, with their
// matches and full-text entries; digests and what they delivered stay.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::item;
using testing::keys_of;
using testing::match;
using testing::ok_poll;

const core::NamndId kUtbildning = "linkoping/utbildning";

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  void store(const std::vector<std::string>& keys, core::TimePoint when) {
    std::vector<ClassifiedItem> items;
    for (const std::string& key : keys) {
      items.push_back({item("skr", key, when), {match(kUtbildning, {"skola"})}});
    }
    auto stored = storage::testing::store_classified_poll(*store_, "skr", items, ok_poll(when));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  void deliver(const std::vector<std::string>& keys, core::TimePoint when) {
    std::vector<std::int64_t> ids;
    for (const StoredItem& stored : all_items()) {
      for (const std::string& key : keys) {
        if (stored.item.key == key) ids.push_back(stored.id);
      }
    }
    ASSERT_EQ(ids.size(), keys.size());
    ASSERT_TRUE(store_->record_delivery({kUtbildning, "<d1@omvarld>", "v. 3", when}, ids));
  }

  std::vector<std::string> keys() { return keys_of(all_items()); }

  std::vector<StoredItem> all_items() {
    auto stored = store_->items(ItemQuery{});
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(std::vector<StoredItem>{});
  }

  std::int64_t prune(core::TimePoint cutoff, int batch) {
    auto pruned = store_->prune(cutoff, batch);
    EXPECT_TRUE(pruned) << pruned.error().message;
    return pruned.value_or(-1);
  }

  std::unique_ptr<ItemStore> store_;
};

using Keys = std::vector<std::string>;

TEST_F(RetentionTest, PrunesOldUndeliveredItemsAndKeepsDeliveredAndNewOnes) {
  store({"old-sent", "old-unsent"}, at(1000));
  deliver({"old-sent"}, at(1500));
  store({"new"}, at(9000));

  EXPECT_EQ(prune(at(5000), 500), 1);

  EXPECT_EQ(keys(), (Keys{"new", "old-sent"}));
  // The digest still shows what it delivered, and nothing old is pending.
  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(keys_of(*pending), Keys{"new"});
  auto last = store_->last_delivery(kUtbildning);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, at(1500));
}

TEST_F(RetentionTest, RemovesThePrunedItemsFromSearchAndTheirMatches) {
  store({"old"}, at(1000));
  const std::int64_t old_id = all_items().at(0).id;
  ASSERT_EQ(prune(at(5000), 500), 1);

  SearchQuery query;
  query.text = "\"Title of old\"";
  auto hits = store_->search(query);
  ASSERT_TRUE(hits) << hits.error().message;
  EXPECT_TRUE(hits->empty());
  auto matches = store_->matches_of(old_id);
  ASSERT_TRUE(matches);
  EXPECT_TRUE(matches->empty());
}

TEST_F(RetentionTest, PrunesEverythingInBatchesOfOne) {
  store({"a", "b", "c"}, at(1000));
  store({"d", "e"}, at(2000));
  deliver({"c"}, at(2500));
  store({"f"}, at(9000));

  EXPECT_EQ(prune(at(5000), 1), 4);
  EXPECT_EQ(keys(), (Keys{"f", "c"}));
  EXPECT_EQ(prune(at(5000), 1), 0);
}

// Every poll prunes: with nothing old, that must not read the archive. A
// deadline already past stops any statement after 1,000 steps of SQLite's
// machine (ItemStore::set_deadline); reading 3,000 items takes more.
TEST_F(RetentionTest, APruneWithNothingOldReadsNoItem) {
  Keys recent;
  for (int i = 0; i < 3000; ++i) recent.push_back("new-" + std::to_string(i));
  store(recent, at(9000));
  store({"old"}, at(1000));
  store_->set_deadline(std::chrono::steady_clock::now());
  EXPECT_EQ(prune(at(5000), 500), 1);
  EXPECT_EQ(prune(at(5000), 500), 0);
  store_->set_deadline(std::nullopt);
  ItemQuery everything;
  everything.limit = 5000;
  auto left = store_->items(everything);
  ASSERT_TRUE(left) << left.error().message;
  EXPECT_EQ(left->size(), 3000U);  // "old" went, the recent ones stay
}

TEST_F(RetentionTest, KeepsAnItemFirstSeenExactlyAtTheCutoff) {
  store({"edge"}, at(5000));
  EXPECT_EQ(prune(at(5000), 10), 0);
  EXPECT_EQ(keys(), Keys{"edge"});
}

}  // namespace
}  // namespace omvarld::storage
