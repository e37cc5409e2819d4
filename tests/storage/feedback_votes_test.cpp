// Officials' answers to "Relevant? Ja / Nej" (schema version 10), on a real
// file: one answer per recipient, item and nämnd however often it comes;
// per nämnd and period the items answered "Nej" and the share of "Nej" per
// term; answers go with their item; a database of version 9 upgrades.

#include <gtest/gtest.h>

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

using namespace std::chrono_literals;
using testing::at;
using testing::item;
using testing::match;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";
const core::TimePoint kMonday = at(1'800'000'000);

class FeedbackVotesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_.path() / "omvarld.db").string();
    auto opened = ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
    const std::vector<ClassifiedItem> items = {
        {item("skr", "a", kMonday - 3h),
         {match(kUtbildning, {"skola", "förskola"}), match(kMiljo, {"klimat"})}},
        {item("skr", "b", kMonday - 2h), {match(kUtbildning, {"skola"})}},
        {item("skr", "c", kMonday - 1h), {match(kUtbildning, {"gymnasium"})}}};
    auto stored = testing::store_classified_poll(*store_, "skr", items, ok_poll(kMonday - 1h));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  std::int64_t id_of(const std::string& key) { return testing::id_of(*store_, key); }

  void vote(const core::NamndId& namnd, const std::string& key, const std::string& recipient,
            Vote answer, core::TimePoint when = kMonday) {
    auto recorded = store_->record_vote({namnd, id_of(key), recipient, answer, when});
    ASSERT_TRUE(recorded) << recorded.error().message;
    EXPECT_TRUE(*recorded);
  }

  NamndFeedback feedback(const core::NamndId& namnd, core::TimePoint from = kMonday - 24h,
                         core::TimePoint to = kMonday + 24h) {
    auto read = store_->namnd_feedback(namnd, from, to);
    EXPECT_TRUE(read) << read.error().message;
    return read ? *read : NamndFeedback{};
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<ItemStore> store_;
};

TEST_F(FeedbackVotesTest, AnsweringAgainReplacesTheAnswerAndNeverCountsTwice) {
  vote(kUtbildning, "a", "digest-anna", Vote::kNej);
  vote(kUtbildning, "a", "digest-anna", Vote::kNej);
  EXPECT_EQ(RawDatabase(path_).value("SELECT COUNT(*) FROM feedback_votes"), "1");
  EXPECT_EQ(feedback(kUtbildning).nej, 1);

  // Anna changes her mind: Ja replaces Nej.
  vote(kUtbildning, "a", "digest-anna", Vote::kJa, kMonday + 1h);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM feedback_votes"), "1");
  EXPECT_EQ(raw.value("SELECT vote || ' ' || voted_at FROM feedback_votes"),
            "ja " + std::to_string(1'800'000'000 + 3600));
  const NamndFeedback after = feedback(kUtbildning);
  EXPECT_EQ(after.ja, 1);
  EXPECT_EQ(after.nej, 0);
  EXPECT_TRUE(after.nej_items.empty());

  // Another recipient, and the same recipient for another nämnd, are answers of their own.
  vote(kUtbildning, "a", "digest-bertil", Vote::kNej);
  vote(kMiljo, "a", "digest-anna", Vote::kNej);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM feedback_votes"), "3");
  // The store keeps what it was given as the recipient, never more.
  EXPECT_EQ(raw.column("SELECT DISTINCT recipient FROM feedback_votes ORDER BY 1"),
            (std::vector<std::string>{"digest-anna", "digest-bertil"}));
}

TEST_F(FeedbackVotesTest, AVoteForAnItemThatIsNotStoredIsRefusedAndStoresNothing) {
  auto recorded = store_->record_vote({kUtbildning, 9999, "digest-anna", Vote::kNej, kMonday});
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_FALSE(*recorded);
  EXPECT_EQ(RawDatabase(path_).value("SELECT COUNT(*) FROM feedback_votes"), "0");

  auto missing = store_->voted_item(9999);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  auto found = store_->voted_item(id_of("b"));
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->title, "Title of b");
  EXPECT_EQ((*found)->link, "https://example.eu/b");
}

TEST_F(FeedbackVotesTest, ListsTheNejItemsWithTheirTermsAndTheShareOfNejPerTerm) {
  vote(kUtbildning, "a", "r1", Vote::kNej);
  vote(kUtbildning, "a", "r2", Vote::kNej);
  vote(kUtbildning, "b", "r1", Vote::kNej);
  vote(kUtbildning, "b", "r2", Vote::kJa);
  vote(kUtbildning, "c", "r1", Vote::kJa);
  vote(kMiljo, "a", "r3", Vote::kNej);  // another nämnd's answer counts only there

  const NamndFeedback read = feedback(kUtbildning);
  EXPECT_EQ(read.ja, 2);
  EXPECT_EQ(read.nej, 3);
  ASSERT_EQ(read.nej_items.size(), 2U);
  EXPECT_EQ(read.nej_items[0].item.title, "Title of a");
  EXPECT_EQ(read.nej_items[0].item.link, "https://example.eu/a");
  EXPECT_EQ(read.nej_items[0].nej, 2);
  EXPECT_EQ(read.nej_items[0].terms, (std::vector<std::string>{"skola", "förskola"}));
  EXPECT_EQ(read.nej_items[1].item.title, "Title of b");
  EXPECT_EQ(read.nej_items[1].nej, 1);

  // skola brought a and b: 3 of 4 answers Nej; förskola only a: 2 of 2.
  ASSERT_EQ(read.terms.size(), 3U);
  EXPECT_EQ(read.terms[0].term, "skola");
  EXPECT_EQ(read.terms[0].nej, 3);
  EXPECT_EQ(read.terms[0].ja, 1);
  EXPECT_EQ(read.terms[1].term, "förskola");
  EXPECT_EQ(read.terms[1].nej, 2);
  EXPECT_EQ(read.terms[1].ja, 0);
  EXPECT_EQ(read.terms[2].term, "gymnasium");
  EXPECT_EQ(read.terms[2].nej, 0);
  EXPECT_EQ(read.terms[2].ja, 1);

  const NamndFeedback miljo = feedback(kMiljo);
  EXPECT_EQ(miljo.nej, 1);
  ASSERT_EQ(miljo.terms.size(), 1U);
  EXPECT_EQ(miljo.terms[0].term, "klimat");
}

TEST_F(FeedbackVotesTest, CountsOnlyTheAnswersGivenInThePeriod) {
  vote(kUtbildning, "a", "r1", Vote::kNej, kMonday - 8 * 24h);  // last week
  vote(kUtbildning, "b", "r1", Vote::kNej, kMonday);
  vote(kUtbildning, "c", "r1", Vote::kNej, kMonday + 24h);  // `to` itself is outside

  const NamndFeedback read = feedback(kUtbildning, kMonday - 24h, kMonday + 24h);
  EXPECT_EQ(read.nej, 1);
  ASSERT_EQ(read.nej_items.size(), 1U);
  EXPECT_EQ(read.nej_items[0].item.title, "Title of b");

  const NamndFeedback none = feedback(kUtbildning, kMonday + 48h, kMonday + 72h);
  EXPECT_EQ(none.ja + none.nej, 0);
  EXPECT_TRUE(none.nej_items.empty());
  EXPECT_TRUE(none.terms.empty());
}

TEST_F(FeedbackVotesTest, AnItemNoLongerMatchedStaysListedWithoutTermsAndADamagedRowFailsNothing) {
  vote(kUtbildning, "a", "r1", Vote::kNej);
  vote(kUtbildning, "b", "r1", Vote::kNej);
  {
    RawDatabase raw(path_);
    ASSERT_EQ(
        raw.execute("DELETE FROM matches WHERE namnd = 'linkoping/utbildning' AND item_id = " +
                    std::to_string(id_of("a"))),
        "");
    ASSERT_EQ(raw.execute("UPDATE matches SET terms = 'not json' WHERE item_id = " +
                          std::to_string(id_of("b"))),
              "");
  }
  const NamndFeedback read = feedback(kUtbildning);
  EXPECT_EQ(read.nej, 2);
  ASSERT_EQ(read.nej_items.size(), 2U);
  EXPECT_TRUE(read.nej_items[0].terms.empty());
  EXPECT_TRUE(read.nej_items[1].terms.empty());
  EXPECT_TRUE(read.terms.empty());
}

TEST_F(FeedbackVotesTest, ListsAreBoundedHoweverManyItemsAreAnswered) {
  std::vector<ClassifiedItem> many;
  for (int n = 0; n < kMaxFeedbackRows + 5; ++n) {
    many.push_back({item("skr", "many-" + std::to_string(n), kMonday - 1h),
                    {match(kUtbildning, {"term-" + std::to_string(n)})}});
  }
  ASSERT_TRUE(testing::store_classified_poll(*store_, "skr", many, ok_poll(kMonday)));
  for (int n = 0; n < kMaxFeedbackRows + 5; ++n) {
    vote(kUtbildning, "many-" + std::to_string(n), "r1", Vote::kNej);
  }
  const NamndFeedback read = feedback(kUtbildning);
  EXPECT_EQ(read.nej, kMaxFeedbackRows + 5);
  EXPECT_EQ(read.nej_items.size(), static_cast<std::size_t>(kMaxFeedbackRows));
  EXPECT_EQ(read.terms.size(), static_cast<std::size_t>(kMaxFeedbackRows));
}

TEST_F(FeedbackVotesTest, AnswersGoWithTheirItemWhenRetentionRemovesIt) {
  vote(kUtbildning, "a", "r1", Vote::kNej);
  vote(kUtbildning, "c", "r1", Vote::kNej);
  auto pruned = store_->prune(kMonday + 365 * 24h, 100);
  ASSERT_TRUE(pruned) << pruned.error().message;
  EXPECT_GT(*pruned, 0);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM feedback_votes"), "0");
  EXPECT_EQ(raw.column("PRAGMA foreign_key_check"), std::vector<std::string>{});
}

TEST(FeedbackVotesMigration, ADatabaseOfVersion9UpgradesTo10AndKeepsItsRows) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    auto db = sqlite::open(path);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(configure_connection(db->get(), path));
    ASSERT_TRUE(migrate_to(db->get(), path, 9));
    ASSERT_TRUE(sqlite::execute(
        db->get(),
        "INSERT INTO sources (id) VALUES ('skr');"
        "INSERT INTO items (id, source_id, key, title, first_seen) VALUES (7, 'skr', 'a', 'A', 1);"
        "INSERT INTO matches (item_id, namnd, terms) VALUES (7, 'linkoping/utbildning', "
        "'[\"skola\"]');",
        {"plant", path}));
  }
  EXPECT_EQ(RawDatabase(path).value("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                    "'feedback_votes'"),
            "0");

  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("PRAGMA user_version"), std::to_string(latest_schema_version()));
  EXPECT_GE(latest_schema_version(), 10);
  auto recorded = store->record_vote({kUtbildning, 7, "r1", Vote::kNej, kMonday});
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_TRUE(*recorded);
  auto read = store->namnd_feedback(kUtbildning, kMonday - 1h, kMonday + 1h);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->terms.size(), 1U);
  EXPECT_EQ(read->terms[0].term, "skola");
  // The table refuses anything but ja and nej, whoever writes.
  EXPECT_NE(raw.execute("INSERT INTO feedback_votes VALUES ('x', 7, 'r9', 'kanske', 1)"), "");
  EXPECT_EQ(raw.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

}  // namespace
}  // namespace omvarld::storage
