// ItemStore's delivery bookkeeping: held old news, floods, failures and
// their clearing, per-nämnd activity and the coordinators' reports.

#include <gtest/gtest.h>

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
using testing::keys_of;
using testing::match;
using testing::ok_poll;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";
const core::TimePoint kMonday = at(1'800'000'000);

class DeliveryRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/rss"},
                                               {"new", "Ny källa", "https://new.example.eu/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  PollOutcome poll(const std::string& source, const std::vector<ClassifiedItem>& items,
                   core::TimePoint when) {
    auto stored = storage::testing::store_classified_poll(*store_, source, items, ok_poll(when));
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(PollOutcome{});
  }

  std::vector<std::string> pending(const core::NamndId& namnd) {
    auto found = store_->undelivered(namnd);
    EXPECT_TRUE(found) << found.error().message;
    return found ? keys_of(*found) : std::vector<std::string>{};
  }

  void deliver(const core::NamndId& namnd, core::TimePoint when) {
    auto found = store_->undelivered(namnd);
    ASSERT_TRUE(found);
    std::vector<std::int64_t> ids;
    for (const PendingItem& one : *found) ids.push_back(one.stored.id);
    ASSERT_TRUE(store_->record_delivery(
        {namnd, "<" + std::to_string(when.time_since_epoch().count()) + "@x>", "v", when}, ids));
  }

  std::unique_ptr<ItemStore> store_;
};

TEST_F(DeliveryRecordsTest, HoldsANewSourcesOldItemsButSendsItsNewOnes) {
  poll("skr", {{item("skr", "first", kMonday - 2h), {match(kUtbildning, {"skola"})}}},
       kMonday - 1h);
  deliver(kUtbildning, kMonday);

  std::vector<ClassifiedItem> backlog;
  for (int i = 0; i < 500; ++i) {
    backlog.push_back({item("new", "old" + std::to_string(i), kMonday - (10 + i) * 24h),
                       {match(kUtbildning, {"skola"})}});
  }
  backlog.push_back({item("new", "fresh", kMonday + 2h), {match(kUtbildning, {"skola"})}});
  backlog.push_back({item("new", "undated"), {match(kUtbildning, {"skola"})}});
  const PollOutcome outcome = poll("new", backlog, kMonday + 3h);

  EXPECT_EQ(outcome.new_items, 502);
  EXPECT_EQ(outcome.held_matches, 500);
  EXPECT_TRUE(outcome.flood);
  // Newest first; the undated one counts as dated when first seen.
  EXPECT_EQ(pending(kUtbildning), (std::vector<std::string>{"undated", "fresh"}));
  // Held items stay queryable.
  auto listed = store_->items(ItemQuery{std::nullopt, kUtbildning, 1000});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 503u);

  auto floods = store_->floods_since(kMonday);
  ASSERT_TRUE(floods) << floods.error().message;
  ASSERT_EQ(floods->size(), 1u);
  EXPECT_EQ((*floods)[0].source, "new");
  EXPECT_EQ((*floods)[0].at, kMonday + 3h);
  EXPECT_EQ((*floods)[0].new_items, 502);
  EXPECT_EQ((*floods)[0].held_matches, 500);
}

TEST_F(DeliveryRecordsTest, ANamndWithoutDigestGetsTwoWeeksOfBacklog) {
  poll("skr",
       {{item("skr", "ten-days", kMonday - 10 * 24h), {match(kMiljo, {"klimat"})}},
        {item("skr", "month", kMonday - 30 * 24h), {match(kMiljo, {"klimat"})}}},
       kMonday);
  EXPECT_EQ(pending(kMiljo), std::vector<std::string>{"ten-days"});
}

TEST_F(DeliveryRecordsTest, KeepsAFailureUntilADeliverySucceeds) {
  auto none = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  const DeliveryFailure failure{kUtbildning, 2, kMonday, kMonday + 5min, "SMTP 451: try later",
                                kMonday + 15min};
  ASSERT_TRUE(store_->record_delivery_failure(failure));
  auto read = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(*read);
  EXPECT_EQ((*read)->streak, 2);
  EXPECT_EQ((*read)->first_failure, kMonday);
  EXPECT_EQ((*read)->last_failure, kMonday + 5min);
  EXPECT_EQ((*read)->last_error, "SMTP 451: try later");
  EXPECT_EQ((*read)->next_attempt, kMonday + 15min);
  auto other = store_->delivery_failure(kMiljo);
  ASSERT_TRUE(other);
  EXPECT_FALSE(*other);

  deliver(kUtbildning, kMonday + 20min);
  auto cleared = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(*cleared);
}

TEST_F(DeliveryRecordsTest, KeepsWhetherTheLastFailureWasPermanentAndUnderWhichConfiguration) {
  EXPECT_EQ(DeliveryFailure{}.kind, DeliveryFailureKind::kTemporary);
  const DeliveryFailure refused{kUtbildning,
                                1,
                                kMonday,
                                kMonday,
                                "smtp://relay: message rejected (552 5.3.4 too big)",
                                kMonday + 7 * 24h,
                                DeliveryFailureKind::kPermanent,
                                "fnv1a64:0123456789abcdef"};
  const DeliveryFailure later{kMiljo, 3, kMonday, kMonday, "smtp://relay: cannot connect",
                              kMonday + 20min};
  ASSERT_TRUE(store_->record_delivery_failure(refused));
  ASSERT_TRUE(store_->record_delivery_failure(later));

  auto read = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->kind, DeliveryFailureKind::kPermanent);
  EXPECT_EQ((*read)->config_fingerprint, "fnv1a64:0123456789abcdef");
  EXPECT_EQ((*read)->next_attempt, kMonday + 7 * 24h);

  auto all = store_->delivery_failures();
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].namnd, kUtbildning);  // by nämnd id
  EXPECT_EQ((*all)[0].kind, DeliveryFailureKind::kPermanent);
  EXPECT_EQ((*all)[1].namnd, kMiljo);
  EXPECT_EQ((*all)[1].kind, DeliveryFailureKind::kTemporary);
  EXPECT_EQ((*all)[1].streak, 3);
  EXPECT_EQ((*all)[1].last_error, "smtp://relay: cannot connect");
  EXPECT_EQ((*all)[1].config_fingerprint, "");
}

// An item first seen before the period but delivered in it (as one that
// `reclassify` matched late is) counts too: the report must not call a
// nämnd that got news "utan träffar".
TEST_F(DeliveryRecordsTest, CountsMatchesAndDigestsPerNamndSinceAMoment) {
  poll("skr",
       {{item("skr", "a", kMonday - 8 * 24h), {match(kUtbildning, {"skola"})}}},
       kMonday - 8 * 24h);
  poll("skr",
       {{item("skr", "b", kMonday + 1h), {match(kUtbildning, {"skola"}), match(kMiljo, {"x"})}},
        {item("skr", "c", kMonday + 1h), {match(kUtbildning, {"skola"})}}},
       kMonday + 2h);
  deliver(kUtbildning, kMonday + 3h);

  auto activity = store_->namnd_activity(kMonday);
  ASSERT_TRUE(activity) << activity.error().message;
  ASSERT_EQ(activity->size(), 2u);
  EXPECT_EQ((*activity)[0].namnd, kUtbildning);
  EXPECT_EQ((*activity)[0].matches, 3);  // b and c, new; a, old but delivered in the period
  EXPECT_EQ((*activity)[0].digests, 1);
  EXPECT_EQ((*activity)[1].namnd, kMiljo);
  EXPECT_EQ((*activity)[1].matches, 1);
  EXPECT_EQ((*activity)[1].digests, 0);
}

TEST_F(DeliveryRecordsTest, RemembersWhenTheLastReportWentOut) {
  auto never = store_->last_report();
  ASSERT_TRUE(never);
  EXPECT_FALSE(*never);
  ASSERT_TRUE(store_->record_report({"<r1@x>", "Rapport", kMonday}));
  ASSERT_TRUE(store_->record_report({"<r2@x>", "Rapport", kMonday + 7 * 24h}));
  auto last = store_->last_report();
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, kMonday + 7 * 24h);
}

TEST_F(DeliveryRecordsTest, TellsSinceWhenASourceFailsAndWhenItLastBroughtSomething) {
  poll("skr", {{item("skr", "a"), {}}}, kMonday);
  poll("skr", {{item("skr", "a"), {}}}, kMonday + 1h);
  ASSERT_TRUE(storage::testing::record_failure(*store_, "skr", {kMonday + 2h, 503, 0, "HTTP 503"}));
  ASSERT_TRUE(storage::testing::record_failure(*store_, "skr", {kMonday + 3h, 503, 0, "HTTP 503"}));
  auto statuses = store_->source_status();
  ASSERT_TRUE(statuses);
  const SourceStatus& skr = (*statuses)[1];
  ASSERT_EQ(skr.source.id, "skr");
  EXPECT_EQ(skr.failing_since, kMonday + 2h);
  EXPECT_EQ(skr.last_new_item, kMonday);
  EXPECT_FALSE((*statuses)[0].last_new_item);

  poll("skr", {}, kMonday + 4h);
  statuses = store_->source_status();
  ASSERT_TRUE(statuses);
  EXPECT_FALSE((*statuses)[1].failing_since);
}

}  // namespace
}  // namespace omvarld::storage
