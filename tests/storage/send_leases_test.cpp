// Send leases on a database file shared by several connections, as the
// daemon and `digest send` share it: one holder at a time, taken over once
// expired, renewed and released only by its owner, and exactly one winner
// when many connections race for a free lease.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/item_store.h"
#include "tests/storage/store_test_support.h"
#include "tests/support/temp_dir.h"

namespace omvarld::storage {
namespace {

using namespace std::chrono_literals;
using testing::at;

const std::string kLease = "digest:linkoping/utbildning";
const core::TimePoint kNow = at(1'800'000'000);

class SendLeasesTest : public ::testing::Test {
 protected:
  std::unique_ptr<ItemStore> open() const {
    auto opened = ItemStore::open((temp_.path() / "omvarld.db").string());
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? std::make_unique<ItemStore>(std::move(*opened)) : nullptr;
  }

  bool take(ItemStore& store, const std::string& owner, core::TimePoint now,
            std::chrono::seconds for_how_long = 10min) {
    auto taken = store.take_send_lease(kLease, owner, now, now + for_how_long);
    EXPECT_TRUE(taken) << taken.error().message;
    return taken.value_or(false);
  }

  omvarld::testing::TempDir temp_;
};

TEST_F(SendLeasesTest, ASecondConnectionCannotTakeALeaseHeldByTheFirst) {
  auto daemon = open();
  auto by_hand = open();
  ASSERT_TRUE(daemon && by_hand);

  EXPECT_TRUE(take(*daemon, "pid 10 aaaa", kNow));
  EXPECT_FALSE(take(*by_hand, "pid 20 bbbb", kNow + 1min));
  // Another lease name is another mail: free.
  auto report = by_hand->take_send_lease("report", "pid 20 bbbb", kNow, kNow + 10min);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(*report);

  auto held = by_hand->send_lease(kLease);
  ASSERT_TRUE(held) << held.error().message;
  ASSERT_TRUE(*held);
  EXPECT_EQ((*held)->owner, "pid 10 aaaa");
  EXPECT_EQ((*held)->expires_at, kNow + 10min);
}

TEST_F(SendLeasesTest, ReleasedLeaseIsFreeAndOnlyItsOwnerCanReleaseIt) {
  auto daemon = open();
  auto by_hand = open();
  ASSERT_TRUE(daemon && by_hand);
  ASSERT_TRUE(take(*daemon, "pid 10 aaaa", kNow));

  ASSERT_TRUE(by_hand->release_send_lease(kLease, "pid 20 bbbb"));
  EXPECT_FALSE(take(*by_hand, "pid 20 bbbb", kNow));

  ASSERT_TRUE(daemon->release_send_lease(kLease, "pid 10 aaaa"));
  EXPECT_TRUE(take(*by_hand, "pid 20 bbbb", kNow));
  auto held = daemon->send_lease(kLease);
  ASSERT_TRUE(held && *held);
  EXPECT_EQ((*held)->owner, "pid 20 bbbb");
}

TEST_F(SendLeasesTest, AnExpiredLeaseOfACrashedProcessIsTakenOver) {
  auto crashed = open();
  auto next = open();
  ASSERT_TRUE(crashed && next);
  ASSERT_TRUE(take(*crashed, "pid 10 aaaa", kNow));

  EXPECT_FALSE(take(*next, "pid 20 bbbb", kNow + 10min - 1s));
  EXPECT_TRUE(take(*next, "pid 20 bbbb", kNow + 10min));

  // The old holder has lost it: it can neither renew nor release it.
  auto renewed = crashed->renew_send_lease(kLease, "pid 10 aaaa", kNow + 10min, kNow + 20min);
  ASSERT_TRUE(renewed) << renewed.error().message;
  EXPECT_FALSE(*renewed);
  ASSERT_TRUE(crashed->release_send_lease(kLease, "pid 10 aaaa"));
  auto held = next->send_lease(kLease);
  ASSERT_TRUE(held && *held);
  EXPECT_EQ((*held)->owner, "pid 20 bbbb");
}

TEST_F(SendLeasesTest, TheHolderRenewsItsLeaseButNotOnceItRanOut) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(take(*store, "pid 10 aaaa", kNow));

  auto renewed = store->renew_send_lease(kLease, "pid 10 aaaa", kNow + 9min, kNow + 19min);
  ASSERT_TRUE(renewed) << renewed.error().message;
  EXPECT_TRUE(*renewed);
  auto held = store->send_lease(kLease);
  ASSERT_TRUE(held && *held);
  EXPECT_EQ((*held)->expires_at, kNow + 19min);

  auto late = store->renew_send_lease(kLease, "pid 10 aaaa", kNow + 19min, kNow + 29min);
  ASSERT_TRUE(late);
  EXPECT_FALSE(*late);
  // Taking it again works while nobody else has: it is free.
  EXPECT_TRUE(take(*store, "pid 10 aaaa", kNow + 19min));
}

TEST_F(SendLeasesTest, ExactlyOneOfManyConnectionsRacingForAFreeLeaseGetsIt) {
  constexpr int kRounds = 20;
  constexpr int kRacers = 4;
  std::vector<std::unique_ptr<ItemStore>> stores;
  for (int i = 0; i < kRacers; ++i) stores.push_back(open());
  for (const auto& store : stores) ASSERT_TRUE(store);

  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string lease = "digest:round-" + std::to_string(round);
    std::atomic<int> ready{0};
    std::atomic<int> winners{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
      racers.emplace_back([&, i] {
        ++ready;
        while (ready.load() < kRacers) std::this_thread::yield();
        auto taken = stores[static_cast<std::size_t>(i)]->take_send_lease(
            lease, "pid " + std::to_string(i), kNow, kNow + 10min);
        if (!taken) ++errors;
        if (taken && *taken) ++winners;
      });
    }
    for (std::thread& racer : racers) racer.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(winners.load(), 1);
  }
}

}  // namespace
}  // namespace omvarld::storage
