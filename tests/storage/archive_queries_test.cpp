// The web archive's reads (storage/item_queries.h, latest_digests in
// storage/delivery_ledger.h) on a database file: each bounded, each in the
// order the pages promise, and search's period end and pages.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::item;
using testing::match;
using testing::ok_poll;

const core::NamndId kSkola = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";
const core::TimePoint kStart = at(1'800'000'000);

class ArchiveQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open((directory_.path() / "omvarld.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  // One poll per day from kStart, storing `items`.
  void poll(int day, std::vector<ClassifiedItem> items) {
    auto stored = testing::store_classified_poll(*store_, "skr", items,
                                                 ok_poll(kStart + std::chrono::days(day)));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  static core::Item with_deadline(const std::string& key, std::chrono::year_month_day day) {
    core::Item made = item("skr", key);
    made.deadline = core::Date{day};
    return made;
  }

  testing::TempDir directory_;
  std::unique_ptr<ItemStore> store_;
};

std::vector<std::string> keys(const std::vector<MatchedItem>& items) {
  std::vector<std::string> out;
  for (const MatchedItem& one : items) out.push_back(one.stored.item.key);
  return out;
}

TEST_F(ArchiveQueriesTest, MatchedItemsAreTheNamndsInThePeriodLastStoredFirstInPages) {
  poll(0, {{item("skr", "a"), {match(kSkola, {"skola"})}}});
  poll(1, {{item("skr", "b"), {match(kSkola, {"skola"})}},
           {item("skr", "c"), {match(kMiljo, {"klimat"})}}});
  poll(2, {{item("skr", "d"), {match(kSkola, {"skola"}), match(kMiljo, {"klimat"})}}});

  auto all = store_->matched_items({kSkola, kStart, kStart + std::chrono::days(3), 0, 10});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(keys(*all), (std::vector<std::string>{"d", "b", "a"}));
  EXPECT_EQ((*all)[0].match.namnd, kSkola);
  EXPECT_EQ((*all)[0].match.terms, std::vector<std::string>{"skola"});

  // The period's end is not in it; its start is.
  auto days_one = store_->matched_items({kSkola, kStart + 24h, kStart + 48h, 0, 10});
  ASSERT_TRUE(days_one);
  EXPECT_EQ(keys(*days_one), std::vector<std::string>{"b"});

  auto second_page = store_->matched_items({kSkola, kStart, kStart + std::chrono::days(3), 2, 2});
  ASSERT_TRUE(second_page);
  EXPECT_EQ(keys(*second_page), std::vector<std::string>{"a"});
}

TEST_F(ArchiveQueriesTest, UpcomingDeadlinesAreSoonestFirstFromTheDayWithTheirNamnder) {
  using std::chrono::year;
  poll(0, {{with_deadline("late", year{2027} / 3 / 1), {match(kSkola, {"skola"})}},
           {with_deadline("soon", year{2027} / 1 / 10),
            {match(kSkola, {"skola"}), match(kMiljo, {"klimat"})}},
           {with_deadline("passed", year{2026} / 12 / 1), {match(kSkola, {"skola"})}},
           {with_deadline("unmatched", year{2027} / 1 / 5), {}},
           {item("skr", "none"), {match(kSkola, {"skola"})}}});

  auto upcoming = store_->upcoming_deadlines(core::Date{year{2026} / 12 / 1}, 10);
  ASSERT_TRUE(upcoming) << upcoming.error().message;
  ASSERT_EQ(upcoming->size(), 3U);
  EXPECT_EQ((*upcoming)[0].stored.item.key, "passed");  // the day itself counts
  EXPECT_EQ((*upcoming)[1].stored.item.key, "soon");
  EXPECT_EQ((*upcoming)[1].namnder, (std::vector<core::NamndId>{kSkola, kMiljo}));
  EXPECT_EQ((*upcoming)[2].stored.item.key, "late");

  auto bounded = store_->upcoming_deadlines(core::Date{year{2026} / 12 / 2}, 1);
  ASSERT_TRUE(bounded);
  ASSERT_EQ(bounded->size(), 1U);
  EXPECT_EQ((*bounded)[0].stored.item.key, "soon");
}

TEST_F(ArchiveQueriesTest, LatestDigestsAreTheNamndsNewestFirstAndBounded) {
  poll(0, {{item("skr", "a"), {match(kSkola, {"skola"}), match(kMiljo, {"klimat"})}},
           {item("skr", "b"), {match(kSkola, {"skola"})}}});
  auto stored = store_->items(ItemQuery{});
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 2U);
  const std::vector<std::int64_t> first = {(*stored)[0].id};
  const std::vector<std::int64_t> second = {(*stored)[1].id};
  ASSERT_TRUE(store_->record_delivery({kSkola, "<1@x>", "v. 1", kStart + 24h}, first));
  ASSERT_TRUE(store_->record_delivery({kSkola, "<2@x>", "v. 2", kStart + 48h}, second));
  ASSERT_TRUE(store_->record_delivery({kMiljo, "<3@x>", "m. 1", kStart + 72h}, first));

  auto latest = store_->latest_digests(kSkola, 10);
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest->size(), 2U);
  EXPECT_EQ((*latest)[0].subject, "v. 2");
  EXPECT_EQ((*latest)[1].subject, "v. 1");
  EXPECT_EQ((*latest)[0].items, 1);
  auto one = store_->latest_digests(kSkola, 1);
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1U);
  EXPECT_EQ((*one)[0].subject, "v. 2");
}

TEST_F(ArchiveQueriesTest, SearchStopsBeforeItsPeriodEndAndSkipsItsOffset) {
  poll(0, {{item("skr", "first"), {}}});
  poll(1, {{item("skr", "second"), {}}});
  poll(2, {{item("skr", "third"), {}}});
  SearchQuery query;
  query.text = "summary";
  query.until = kStart + 48h;
  auto before = store_->search(query);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(before->size(), 2U);
  for (const SearchHit& hit : *before) EXPECT_NE(hit.stored.item.key, "third");

  query.until.reset();
  query.limit = 2;
  auto page_one = store_->search(query);
  query.offset = 2;
  auto page_two = store_->search(query);
  ASSERT_TRUE(page_one);
  ASSERT_TRUE(page_two);
  EXPECT_EQ(page_one->size(), 2U);
  ASSERT_EQ(page_two->size(), 1U);
  for (const SearchHit& hit : *page_one) EXPECT_NE(hit.stored.item.key, (*page_two)[0].stored.item.key);
}

}  // namespace
}  // namespace omvarld::storage
