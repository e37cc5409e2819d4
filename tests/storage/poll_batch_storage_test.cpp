// Batches of polls (SourcePolls::begin_batch): several sources' writes in
// one transaction, each source still all or nothing, on a real file that a
// second connection looks at.

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/fault_injection.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::FileSizeLimit;
using testing::item;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;

const std::vector<SourceRecord> kSources = {{"skr", "SKR", "https://skr.example.se/rss"},
                                            {"eu", "EU", "https://eu.example.eu/rss"}};

std::vector<core::Item> poll_of(const std::string& source, int count, std::size_t content = 100) {
  std::vector<core::Item> items;
  for (int i = 0; i < count; ++i) {
    core::Item made = item(source, source + "-" + std::to_string(i), at(1000 + i));
    made.content = std::string(content, static_cast<char>('a' + i % 26));
    items.push_back(std::move(made));
  }
  return items;
}

std::vector<core::Match> no_match(const core::Item&) { return {}; }

// Matches the third item it is asked about for the nämnd "refused".
SourcePolls::Classify refused_at_the_third() {
  return [asked = 0](const core::Item&) mutable {
    std::vector<core::Match> matches;
    if (++asked == 3) matches.push_back(core::Match{"refused", {"förskola"}, {}, {}});
    return matches;
  };
}

class PollBatchStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_.emplace(std::move(*opened));
    ASSERT_TRUE(store_->sync_sources(kSources));
  }

  // What another connection sees.
  std::string items_of(const std::string& source) {
    return RawDatabase(path_).value("SELECT COUNT(*) FROM items WHERE source_id = '" + source + "'");
  }
  // Items whose indexed text holds `word`, as the archive's search reads it.
  std::string indexed_with(const std::string& word) {
    return RawDatabase(path_).value("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH '" +
                                    word + "'");
  }
  // FTS5's own check of the index against the items' text: "" when whole.
  std::string index_check() {
    return RawDatabase(path_).execute(
        "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)");
  }
  // Makes the database refuse every match for `namnd`: a store that fails
  // after it has written a source's first items (a classification that
  // throws fails before any, as the store asks about all items first).
  void refuse_matches_for(const std::string& namnd) {
    ASSERT_EQ(RawDatabase(path_).execute("CREATE TRIGGER refuse BEFORE INSERT ON matches WHEN NEW.namnd = '" +
                                         namnd + "' BEGIN SELECT RAISE(ABORT, 'match refused'); END"),
              "");
  }
  std::string last_success_of(const std::string& source) {
    return RawDatabase(path_).value("SELECT COALESCE(last_success, 'never') FROM sources WHERE id = '" +
                                    source + "'");
  }

  TempDir dir_;
  const std::string path_ = (dir_.path() / "omvarld.db").string();
  std::optional<ItemStore> store_;
};

TEST_F(PollBatchStorage, TheSourcesOfABatchAreCommittedTogetherAtItsEnd) {
  ASSERT_TRUE(store_->begin_batch());
  auto first = store_->store_poll("skr", poll_of("skr", 3), ok_poll(at(5000)), no_match);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->new_items, 3);
  ASSERT_TRUE(store_->record_unchanged("eu", {at(5000), 200, "\"e1\"", "", at(8000)}));
  // Not committed yet: another connection sees none of it, and cannot write.
  EXPECT_EQ(items_of("skr"), "0");
  EXPECT_EQ(last_success_of("eu"), "never");
  RawDatabase other(path_);
  EXPECT_NE(other.execute("BEGIN IMMEDIATE"), "");

  EXPECT_FALSE(store_->batch_rolled_back());
  ASSERT_TRUE(store_->end_batch());
  EXPECT_EQ(items_of("skr"), "3");
  EXPECT_NE(last_success_of("eu"), "never");
  EXPECT_EQ(other.execute("BEGIN IMMEDIATE; ROLLBACK"), "");
}

TEST_F(PollBatchStorage, ASourceThatFailsInABatchUndoesOnlyItsOwnWrites) {
  refuse_matches_for("refused");
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 2), ok_poll(at(5000)), no_match));
  // A store that fails after writing its first three items.
  EXPECT_FALSE(store_->store_poll("eu", poll_of("eu", 5), ok_poll(at(5000)), refused_at_the_third()));
  // A classification that throws, as the poll's barrier sees it.
  const auto throws = [](const core::Item&) -> std::vector<core::Match> {
    throw std::runtime_error("classifier broke");
  };
  EXPECT_THROW((void)store_->store_poll("eu", poll_of("eu", 5), ok_poll(at(5000)), throws), std::runtime_error);
  // A poll of an unknown source fails inside the batch too.
  EXPECT_FALSE(store_->store_poll("gone", poll_of("gone", 1), ok_poll(at(5000)), no_match));
  // The source after them goes on in the same batch.
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 4), ok_poll(at(5100)), no_match));
  EXPECT_FALSE(store_->batch_rolled_back());
  ASSERT_TRUE(store_->end_batch());

  EXPECT_EQ(items_of("skr"), "4");
  EXPECT_EQ(items_of("eu"), "0");
  EXPECT_EQ(last_success_of("eu"), "never");
  // The failed source's poll stores everything when tried again.
  auto retried = store_->store_poll("eu", poll_of("eu", 5), ok_poll(at(5200)), no_match);
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->new_items, 5);
}

TEST_F(PollBatchStorage, OneBatchAtATimeAndEndingNoneIsNothing) {
  EXPECT_TRUE(store_->end_batch());
  ASSERT_TRUE(store_->begin_batch());
  auto again = store_->begin_batch();
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("a batch is already open"), std::string::npos)
      << again.error().message;
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 1), ok_poll(at(5000)), no_match));
  ASSERT_TRUE(store_->end_batch());
  EXPECT_TRUE(store_->end_batch());
  EXPECT_EQ(items_of("skr"), "1");
}

TEST_F(PollBatchStorage, ABatchThatCannotTakeTheLockLeavesEachCallItsOwnTransaction) {
  store_->set_busy_timeout(std::chrono::milliseconds(50));
  RawDatabase other(path_);
  ASSERT_EQ(other.execute("BEGIN IMMEDIATE"), "");
  auto begun = store_->begin_batch();
  ASSERT_FALSE(begun);
  EXPECT_EQ(begun.error().code, Errc::kStorageBusy);
  ASSERT_EQ(other.execute("ROLLBACK"), "");
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 2), ok_poll(at(5000)), no_match));
  EXPECT_EQ(items_of("skr"), "2");  // committed at once
  EXPECT_TRUE(store_->end_batch());
}

// A full disk in the middle of a batch: SQLite rolls the whole batch back
// (an I/O error ends the transaction), the store says so, and nothing of it
// is kept, also not what the calls before answered as stored.
TEST_F(PollBatchStorage, ABatchSQLiteRolledBackIsReportedAndLeavesNothing) {
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 3), ok_poll(at(5000)), no_match));
  {
    FileSizeLimit full_disk(static_cast<rlim_t>(testing::largest_database_file(path_) + 8192));
    auto big = store_->store_poll("eu", poll_of("eu", 200, 20000), ok_poll(at(5000)), no_match);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, Errc::kStorage);
  }
  ASSERT_TRUE(store_->batch_rolled_back());
  auto ended = store_->end_batch();
  ASSERT_FALSE(ended);
  EXPECT_NE(ended.error().message.find("SQLite rolled the batch back after an error in it; nothing "
                                       "written in it was kept"),
            std::string::npos)
      << ended.error().message;
  EXPECT_FALSE(store_->batch_rolled_back());
  EXPECT_EQ(items_of("skr"), "0");
  EXPECT_EQ(items_of("eu"), "0");
  EXPECT_EQ(RawDatabase(path_).column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});

  // The store goes on: the same polls store everything.
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 3), ok_poll(at(5100)), no_match));
  ASSERT_TRUE(store_->store_poll("eu", poll_of("eu", 200, 20000), ok_poll(at(5100)), no_match));
  EXPECT_EQ(items_of("skr"), "3");
  EXPECT_EQ(items_of("eu"), "200");
}

std::vector<core::Item> titled(const std::string& source, int count, const std::string& word) {
  std::vector<core::Item> items = poll_of(source, count);
  for (core::Item& made : items) made.title = "Beslut om " + word;
  return items;
}

// New items of a batch are indexed for search just before its commit, not
// source by source: searchable from that commit on, as the rows are, and
// never the items of a source whose writes were undone.
TEST_F(PollBatchStorage, TheItemsOfABatchAreSearchableFromItsCommit) {
  refuse_matches_for("refused");
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", titled("skr", 3, "förskola"), ok_poll(at(5000)), no_match));
  // Fails after writing three items, whose ids the next source takes.
  EXPECT_FALSE(store_->store_poll("eu", titled("eu", 5, "skolbibliotek"), ok_poll(at(5000)),
                                  refused_at_the_third()));
  ASSERT_TRUE(store_->store_poll("eu", titled("eu", 2, "läxhjälp"), ok_poll(at(5100)), no_match));
  ASSERT_TRUE(store_->end_batch());

  // One segment for the whole batch: FTS5 wrote its terms out once, at the
  // commit, not at each source's savepoint.
  EXPECT_EQ(RawDatabase(path_).value("SELECT COUNT(DISTINCT segid) FROM items_fts_idx"), "1");
  EXPECT_EQ(indexed_with("förskola"), "3");
  EXPECT_EQ(indexed_with("läxhjälp"), "2");
  EXPECT_EQ(indexed_with("skolbibliotek"), "0");
  EXPECT_EQ(index_check(), "");
  SearchQuery query;
  query.text = "förskola";
  auto found = store_->search(query);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->size(), 3u);
}

// A source stored twice in one batch: its second poll updates items the
// first stored and the index does not hold yet; the update trigger deletes
// their old text from the index, so they are indexed before it.
TEST_F(PollBatchStorage, ASourceStoredTwiceInABatchIsSearchableByItsNewText) {
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", titled("skr", 3, "förskola"), ok_poll(at(5000)), no_match));
  ASSERT_TRUE(store_->store_poll("eu", titled("eu", 2, "läxhjälp"), ok_poll(at(5000)), no_match));
  auto again = store_->store_poll("skr", titled("skr", 4, "skolbibliotek"), ok_poll(at(5100)), no_match);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->updated_items, 3);
  EXPECT_EQ(again->new_items, 1);
  ASSERT_TRUE(store_->end_batch());

  EXPECT_EQ(index_check(), "");
  EXPECT_EQ(indexed_with("förskola"), "0");
  EXPECT_EQ(indexed_with("skolbibliotek"), "4");
  EXPECT_EQ(indexed_with("läxhjälp"), "2");
}

// After SQLite rolled a batch back, the items it held are gone and their
// ids free again: the sources stored after it, each alone, are indexed at
// once, and only their own items.
TEST_F(PollBatchStorage, AfterABatchRolledBackTheNextSourcesAreIndexedAlone) {
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", titled("skr", 3, "förskola"), ok_poll(at(5000)), no_match));
  {
    FileSizeLimit full_disk(static_cast<rlim_t>(testing::largest_database_file(path_) + 8192));
    ASSERT_FALSE(store_->store_poll("eu", poll_of("eu", 200, 20000), ok_poll(at(5000)), no_match));
  }
  ASSERT_TRUE(store_->batch_rolled_back());
  // The ids the lost items had go to these; skr's lost items are not
  // indexed before skr is stored again.
  ASSERT_TRUE(store_->store_poll("eu", titled("eu", 2, "läxhjälp"), ok_poll(at(5100)), no_match));
  EXPECT_EQ(indexed_with("läxhjälp"), "2");  // committed alone, and indexed
  ASSERT_TRUE(store_->store_poll("skr", titled("skr", 3, "förskola"), ok_poll(at(5100)), no_match));
  EXPECT_FALSE(store_->end_batch());

  EXPECT_EQ(items_of("skr"), "3");
  EXPECT_EQ(indexed_with("förskola"), "3");
  EXPECT_EQ(indexed_with("läxhjälp"), "2");
  EXPECT_EQ(index_check(), "");
}

// The statements of a poll are prepared for the first source and kept:
// the next sources lease the same ones, and prepare none.
TEST_F(PollBatchStorage, ThePollsStatementsArePreparedOnceAndKept) {
  const sqlite::StatementCache& statements = ItemStoreInternals::connection(*store_).statements;
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 3), ok_poll(at(5000)), no_match));
  const std::size_t kept = statements.kept();
  EXPECT_GE(kept, 15u);
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("eu", poll_of("eu", 3), ok_poll(at(5000)), no_match));
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 4), ok_poll(at(5100)), no_match));
  ASSERT_TRUE(store_->end_batch());
  EXPECT_EQ(statements.kept(), kept);
}

// Pruning deletes through the trigger that takes items out of the index,
// which a batch's items join only at its end: not while a batch is open.
TEST_F(PollBatchStorage, NoPruningWhileABatchIsOpen) {
  ASSERT_TRUE(store_->begin_batch());
  ASSERT_TRUE(store_->store_poll("skr", poll_of("skr", 3), ok_poll(at(5000)), no_match));
  auto pruned = store_->prune(at(999999), 500);
  ASSERT_FALSE(pruned);
  EXPECT_NE(pruned.error().message.find("a batch of polls is open"), std::string::npos)
      << pruned.error().message;
  ASSERT_TRUE(store_->end_batch());
  EXPECT_EQ(index_check(), "");
  auto after = store_->prune(at(999999), 500);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(*after, 3);
  EXPECT_EQ(index_check(), "");
}

}  // namespace
}  // namespace omvarld::storage
