// A nämnd's items for its calendar and feed out (namnd_deadlines,
// namnd_matches), on a real file: only the nämnd's own, in their order,
// bounded, with when the feed last changed each and its source's name.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::match;
using testing::ok_poll;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kKultur = "linkoping/kultur";

core::Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

core::Item call(const std::string& key, std::optional<core::Date> deadline) {
  core::Item made = testing::item("eu", key, at(86400));
  made.deadline = deadline;
  return made;
}

std::vector<std::string> keys_of(const std::vector<NamndItem>& items) {
  std::vector<std::string> keys;
  for (const NamndItem& one : items) keys.push_back(one.stored.item.key);
  return keys;
}

class NamndItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open((dir_.path() / "omvarld.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"eu", "EU-kontoret", "https://eu.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  void poll(const std::vector<ClassifiedItem>& items, std::int64_t when) {
    auto stored = storage::testing::store_classified_poll(*store_, "eu", items, ok_poll(at(when)));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  TempDir dir_;
  std::unique_ptr<ItemStore> store_;
};

TEST_F(NamndItemsTest, DeadlinesAreTheNamndsOwnFromTheGivenDaySoonestFirst) {
  poll({{call("late", day(2027, 5, 1)), {match(kUtbildning, {"skola"})}},
        {call("past", day(2026, 1, 10)), {match(kUtbildning, {"skola"})}},
        {call("soon", day(2027, 1, 15)), {match(kUtbildning, {"skola"}, {"eu"})}},
        {call("none", std::nullopt), {match(kUtbildning, {"skola"})}},
        {call("kultur", day(2027, 2, 1)), {match(kKultur, {"museum"})}}},
       1000);

  auto deadlines = store_->namnd_deadlines(kUtbildning, day(2026, 12, 1), 10);
  ASSERT_TRUE(deadlines) << deadlines.error().message;
  EXPECT_EQ(keys_of(*deadlines), (std::vector<std::string>{"soon", "late"}));
  const NamndItem& soon = deadlines->front();
  EXPECT_EQ(soon.stored.item.deadline, day(2027, 1, 15));
  EXPECT_EQ(soon.match.namnd, kUtbildning);
  EXPECT_EQ(soon.match.topics, (std::vector<std::string>{"eu"}));
  EXPECT_EQ(soon.source_name, "EU-kontoret");
  EXPECT_EQ(soon.updated_at, std::nullopt);

  auto from_earlier = store_->namnd_deadlines(kUtbildning, day(2026, 1, 10), 10);
  ASSERT_TRUE(from_earlier);
  EXPECT_EQ(keys_of(*from_earlier), (std::vector<std::string>{"past", "soon", "late"}));
  auto limited = store_->namnd_deadlines(kUtbildning, day(2026, 1, 1), 1);
  ASSERT_TRUE(limited);
  EXPECT_EQ(keys_of(*limited), (std::vector<std::string>{"past"}));
}

TEST_F(NamndItemsTest, PastDeadlinesAreTheNamndsOwnInTheSpanLatestFirst) {
  poll({{call("late", day(2027, 5, 1)), {match(kUtbildning, {"skola"})}},
        {call("old", day(2025, 1, 10)), {match(kUtbildning, {"skola"})}},
        {call("spring", day(2026, 4, 1)), {match(kUtbildning, {"skola"})}},
        {call("autumn", day(2026, 10, 1)), {match(kUtbildning, {"skola"})}},
        {call("today", day(2026, 12, 1)), {match(kUtbildning, {"skola"})}},
        {call("kultur", day(2026, 9, 1)), {match(kKultur, {"museum"})}}},
       1000);
  auto past = store_->namnd_past_deadlines(kUtbildning, day(2026, 1, 1), day(2026, 12, 1), 10);
  ASSERT_TRUE(past) << past.error().message;
  EXPECT_EQ(keys_of(*past), (std::vector<std::string>{"autumn", "spring"}));
  auto one = store_->namnd_past_deadlines(kUtbildning, day(2026, 1, 1), day(2026, 12, 1), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(keys_of(*one), (std::vector<std::string>{"autumn"}));
  auto none = store_->namnd_past_deadlines(kUtbildning, day(2026, 1, 1), day(2026, 12, 1), 0);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(NamndItemsTest, MatchesAreTheLastStoredFirstWithWhenTheFeedChangedThem) {
  poll({{call("first", std::nullopt), {match(kUtbildning, {"skola"})}},
        {call("other", std::nullopt), {match(kKultur, {"museum"})}}},
       1000);
  poll({{call("second", std::nullopt), {match(kUtbildning, {"skola"})}}}, 2000);
  core::Item changed = call("first", day(2027, 3, 1));
  changed.summary = "Ny text";
  poll({{changed, {match(kUtbildning, {"skola"})}}}, 3000);

  auto matches = store_->namnd_matches(kUtbildning, 10);
  ASSERT_TRUE(matches) << matches.error().message;
  EXPECT_EQ(keys_of(*matches), (std::vector<std::string>{"second", "first"}));
  EXPECT_EQ(matches->at(0).updated_at, std::nullopt);
  EXPECT_EQ(matches->at(1).updated_at, at(3000));
  EXPECT_EQ(matches->at(1).stored.first_seen, at(1000));
  EXPECT_EQ(matches->at(1).stored.item.summary, "Ny text");

  auto one = store_->namnd_matches(kUtbildning, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(keys_of(*one), (std::vector<std::string>{"second"}));
  auto none = store_->namnd_matches("linkoping/okand", 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(NamndItemsTest, AskingForMoreThanTheCapGetsTheCap) {
  std::vector<ClassifiedItem> many;
  for (int i = 0; i < kMaxNamndItems + 5; ++i) {
    many.push_back({call("k" + std::to_string(i), day(2027, 1, 1)), {match(kUtbildning, {"x"})}});
  }
  poll(many, 1000);
  auto deadlines = store_->namnd_deadlines(kUtbildning, day(2026, 1, 1), 1'000'000);
  ASSERT_TRUE(deadlines);
  EXPECT_EQ(deadlines->size(), static_cast<std::size_t>(kMaxNamndItems));
  auto matches = store_->namnd_matches(kUtbildning, -5);
  ASSERT_TRUE(matches);
  EXPECT_TRUE(matches->empty());
}

}  // namespace
}  // namespace omvarld::storage
