// Two connections on one file, as the daemon and a CLI command have them: a
// short write lock is waited out, a lock held beyond the busy timeout is a
// clear error naming the file, and reading never waits for a writer (WAL).

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/item_store.h"
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
const std::vector<SourceRecord> kSources = {{"skr", "SKR", "https://skr.example.se/rss"}};

std::vector<ClassifiedItem> poll_of(std::vector<std::string> keys) {
  std::vector<ClassifiedItem> items;
  for (const std::string& key : keys) {
    items.push_back({item("skr", key, at(1000)), {match(kUtbildning, {"skola"})}});
  }
  return items;
}

class Locking : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_.emplace(std::move(*opened));
    ASSERT_TRUE(store_->sync_sources(kSources));
  }

  TempDir dir_;
  const std::string path_ = (dir_.path() / "omvarld.db").string();
  std::optional<ItemStore> store_;
};

TEST_F(Locking, WaitsOutAWriteLockThatAnotherConnectionReleasesSoon) {
  RawDatabase other(path_);
  ASSERT_EQ(other.execute("BEGIN IMMEDIATE; UPDATE sources SET name = 'SKR!'"), "");
  // The other connection commits a moment later, from its own thread, while
  // the store waits for the lock.
  auto release = std::async(std::launch::async, [&other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return other.execute("COMMIT");
  });

  auto outcome = storage::testing::store_classified_poll(*store_, "skr", poll_of({"a", "b"}),
                                                         ok_poll(at(5000)));
  EXPECT_EQ(release.get(), "");
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->new_items, 2);
  // Both writes are there: neither waited in vain nor overwrote the other.
  EXPECT_EQ(RawDatabase(path_).value("SELECT name FROM sources"), "SKR!");
  EXPECT_EQ(RawDatabase(path_).value("SELECT COUNT(*) FROM items"), "2");
}

TEST_F(Locking, ReportsALockHeldBeyondTheBusyTimeoutNamingTheFileAndRetriesLater) {
  ASSERT_EQ(
      storage::testing::store_classified_poll(*store_, "skr", poll_of({"a"}), ok_poll(at(5000)))
          ->new_items,
      1);
  RawDatabase other(path_);
  ASSERT_EQ(other.execute("BEGIN IMMEDIATE; UPDATE sources SET name = 'SKR!'"), "");

  // Reading does not wait for the writer: the CLI can list while the daemon writes.
  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(keys_of(*pending), std::vector<std::string>{"a"});

  const auto started = std::chrono::steady_clock::now();
  auto outcome = storage::testing::store_classified_poll(*store_, "skr", poll_of({"b", "c"}),
                                                         ok_poll(at(6000)));
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::kStorageBusy);
  EXPECT_EQ(outcome.error().message,
            "storage: store poll (source skr): the database " + path_ +
                " is locked: another process has held it for more than 5 s; try again when that"
                " process is done (database is locked)");
  EXPECT_GE(waited, std::chrono::milliseconds(4500));

  // Once the other connection is done, the same poll on the same store works.
  ASSERT_EQ(other.execute("ROLLBACK"), "");
  auto retried = storage::testing::store_classified_poll(*store_, "skr", poll_of({"b", "c"}),
                                                         ok_poll(at(6000)));
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->new_items, 2);
}

TEST_F(Locking, SecondStoreOnTheSameFileOpensWhileTheFirstWrites) {
  RawDatabase writer(path_);
  ASSERT_EQ(writer.execute("BEGIN IMMEDIATE; UPDATE sources SET name = 'SKR!'"), "");
  // Opening an up-to-date database only reads, so it does not wait.
  const auto started = std::chrono::steady_clock::now();
  auto cli = ItemStore::open(path_);
  ASSERT_TRUE(cli) << cli.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  auto status = cli->source_status();
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(status->size(), 1u);
  EXPECT_EQ(status->at(0).source.name, "SKR");  // the uncommitted change is not seen
  EXPECT_EQ(writer.execute("COMMIT"), "");
}

}  // namespace
}  // namespace omvarld::storage
