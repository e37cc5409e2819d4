// The poll's writes in batches (app/poll_batch.h), in process over file://
// feeds, a loopback HTTP server and an SQLite file that a second
// connection (as the web archive's) reads and writes meanwhile: what was
// stored is committed while the poll waits for a slow server, the lock is
// free then, and a batch SQLite rolls back (a full disk) is reported and
// polled again, never counted as stored.

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "app/poll_cycle.h"
#include "config/config.h"
#include "filters/matcher.h"
#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/fault_injection.h"
#include "tests/support/fault_http_server.h"
#include "tests/support/log_capture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"

namespace omvarld::app {
namespace {

using namespace std::chrono_literals;

std::string feed(const std::string& name, int items = 1, std::size_t text = 10) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + name +
                    "</title><link>https://e.se/</link><description>d</description>";
  for (int i = 0; i < items; ++i) {
    const std::string id = name + "-" + std::to_string(i);
    xml += "<item><guid>" + id + "</guid><title>Förskola " + id + "</title><link>https://e.se/" +
           id + "</link><description>" + std::string(text, static_cast<char>('a' + i % 26)) +
           "</description></item>";
  }
  return xml + "</channel></rss>\n";
}

std::string config_text(const std::vector<std::pair<std::string, std::string>>& sources) {
  std::string text = R"toml(
[daemon]
database = "omvarld.db"
allow_file_urls = true
default_interval = "30m"
first_digest_reach = "3650d"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["u@linkoping.se"]
any = ["förskola"]
)toml";
  for (const auto& [id, url] : sources) {
    text += "\n[[source]]\nid = \"" + id + "\"\nurl = \"" + url + "\"\n";
  }
  return text;
}

class PollBatches : public ::testing::Test {
 protected:
  void set_up(const std::vector<std::pair<std::string, std::string>>& sources) {
    dir_.write("omvarld.toml", config_text(sources));
    auto loaded = config::load_config(dir_.path() / "omvarld.toml");
    ASSERT_TRUE(loaded) << loaded.error().front().message;
    config_ = std::move(*loaded);
    auto opened = storage::ItemStore::open(config_.daemon.database);
    ASSERT_TRUE(opened) << opened.error().message;
    store_.emplace(std::move(*opened));
    std::vector<storage::SourceRecord> records;
    for (const config::SourceConfig& source : config_.sources) records.push_back({source.id, "", source.url});
    ASSERT_TRUE(store_->sync_sources(records));
    auto compiled = filters::Matcher::compile(config::topic_specs(config_),
                                              config::filter_specs(config_), nullptr);
    ASSERT_TRUE(compiled);
    matcher_.emplace(std::move(*compiled));
  }

  PollSummary poll() {
    PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
    return cycle.poll_all();
  }

  // The web archive's kind of connection: its own, waiting 200 ms for a lock.
  storage::ItemStore second_connection() {
    auto opened = storage::ItemStore::open(config_.daemon.database);
    EXPECT_TRUE(opened) << opened.error().message;
    opened->set_busy_timeout(200ms);
    return std::move(*opened);
  }

  static std::size_t items_of(const storage::ItemStore& store, const std::string& source) {
    auto items = store.items(storage::ItemQuery{});
    EXPECT_TRUE(items);
    std::size_t count = 0;
    if (items) {
      for (const storage::StoredItem& stored : *items) count += stored.item.source == source ? 1 : 0;
    }
    return count;
  }

  omvarld::testing::TempDir dir_;
  omvarld::testing::FixedClock clock_{core::TimePoint{std::chrono::sys_days{2026y / 11 / 23}}};
  config::Config config_;
  std::optional<storage::ItemStore> store_;
  std::optional<filters::Matcher> matcher_;
};

TEST_F(PollBatches, WhatIsStoredIsCommittedWhileTheNextSourceIsWaitedFor) {
  omvarld::testing::FaultRoute slow;
  slow.headers = {{"Content-Type", "application/rss+xml"}};
  slow.body = feed("slow");
  slow.delay = 5000ms;
  omvarld::testing::FaultHttpServer server({{"/slow.xml", slow}});
  dir_.write("a.xml", feed("a", 3));
  dir_.write("b.xml", feed("b", 2));
  set_up({{"a", "a.xml"}, {"b", "b.xml"}, {"slow", server.url("/slow.xml")}});

  auto polling = std::async(std::launch::async, [this] { return poll(); });
  storage::ItemStore web = second_connection();
  // file:// documents are read before any transfer starts; the slow answer
  // comes after 5 s. Meanwhile what was stored must be there for others.
  const auto deadline = std::chrono::steady_clock::now() + 4000ms;
  while (items_of(web, "b") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_EQ(polling.wait_for(0s), std::future_status::timeout) << "the slow source came early";
  EXPECT_EQ(items_of(web, "a"), 3u);
  EXPECT_EQ(items_of(web, "b"), 2u);
  // And the write lock is free: the archive's write goes through at once.
  auto written = web.record_moved("a", "a.xml", "a.xml");
  EXPECT_TRUE(written) << written.error().message;

  const PollSummary summary = polling.get();
  EXPECT_EQ(summary.sources, 3);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.new_items, 6);
  EXPECT_EQ(items_of(web, "slow"), 1u);
}

class PollBatchFaults : public PollBatches {
 protected:
  void SetUp() override {
    dir_.write("a.xml", feed("a", 3));
    dir_.write("b.xml", feed("b", 2));
    dir_.write("big.xml", feed("big", 200, 20000));
    set_up({{"a", "a.xml"}, {"b", "b.xml"}, {"big", "big.xml"}});
  }

  // One poll whose batch is held long, so that all three sources share it.
  PollSummary poll_in_one_batch() {
    PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
    cycle.hold_batches_for(std::chrono::hours(1));
    return cycle.poll_all();
  }

  std::map<std::string, storage::SourceFetchState> states() {
    std::map<std::string, storage::SourceFetchState> by_id;
    auto all = store_->fetch_states();
    EXPECT_TRUE(all);
    if (all) {
      for (storage::SourceFetchState& state : *all) by_id[state.id] = std::move(state);
    }
    return by_id;
  }
};

// The third source's 4 MB do not fit: a failing source must not take the
// others with it, whether SQLite undoes only its statement or the batch.
TEST_F(PollBatchFaults, ASourceThatDoesNotFitFailsAloneAndTheOthersAreStored) {
  ASSERT_TRUE(storage::testing::limit_growth(*store_, 200));  // 800 kB more
  const PollSummary summary = poll_in_one_batch();
  EXPECT_EQ(summary.sources, 3);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.new_items, 5);
  EXPECT_EQ(items_of(*store_, "a"), 3u);
  EXPECT_EQ(items_of(*store_, "b"), 2u);
  EXPECT_EQ(items_of(*store_, "big"), 0u);
  auto by_id = states();
  EXPECT_EQ(by_id["a"].error_streak, 0) << by_id["a"].last_error;
  EXPECT_EQ(by_id["b"].error_streak, 0) << by_id["b"].last_error;
  EXPECT_EQ(by_id["big"].error_streak, 1);
  EXPECT_NE(by_id["big"].last_error.find("no space left for the database"), std::string::npos)
      << by_id["big"].last_error;
}

// A write cut short while the third source's items spill to the log (a
// file size limit): SQLite rolls the whole batch back, the sources before
// it with it. They are stored again, each alone; the disk is still full,
// so each fails with its own error and backoff, never counted as stored;
// once there is room the next poll stores everything, nothing twice.
TEST_F(PollBatchFaults, ABatchSQLiteRolledBackIsStoredAgainSourceBySource) {
  const std::uintmax_t largest = storage::testing::largest_database_file(config_.daemon.database);
  omvarld::testing::LogCapture log;
  PollSummary summary;
  {
    storage::testing::FileSizeLimit full_disk(static_cast<rlim_t>(largest + 16384));
    summary = poll_in_one_batch();
  }
  EXPECT_NE(log.text().find("; storing again, each alone: a, b"), std::string::npos) << log.text();
  EXPECT_EQ(summary.sources, 3);
  EXPECT_EQ(summary.failed, 3);
  EXPECT_EQ(summary.new_items, 0);
  for (auto& [id, state] : states()) {
    EXPECT_EQ(state.error_streak, 1) << id;
    EXPECT_EQ(state.last_error.rfind("storage: ", 0), 0u) << id << ": " << state.last_error;
    EXPECT_NE(state.last_error.find("(source " + id + "): cannot write the database"), std::string::npos)
        << id << ": " << state.last_error;
    EXPECT_EQ(items_of(*store_, id), 0u) << id;
  }

  const PollSummary again = poll();
  EXPECT_EQ(again.failed, 0);
  EXPECT_EQ(again.new_items, 205);
}

}  // namespace
}  // namespace omvarld::app
