// What the store keeps of each delivered digest (schema version 9): its
// bodies for `omvarld digest show`, the list of a nämnd's digests, and which
// digest delivered an item to which nämnd; on a real file, from a database
// written before bodies were kept too.

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

class SentDigestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
    const std::vector<ClassifiedItem> items = {
        {item("skr", "a", kMonday - 2h),
         {match(kUtbildning, {"skola"}), match(kMiljo, {"klimat"})}},
        {item("skr", "b", kMonday - 1h), {match(kUtbildning, {"skola"})}}};
    auto stored = testing::store_classified_poll(*store_, "skr", items, ok_poll(kMonday - 1h));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  std::int64_t id_of(const std::string& key) { return testing::id_of(*store_, key); }

  std::unique_ptr<ItemStore> store_;
};

TEST_F(SentDigestsTest, KeepsEachDigestsBodiesAndListsANamndsDigestsOldestFirst) {
  const std::vector<std::int64_t> first = {id_of("a")};
  ASSERT_TRUE(store_->record_delivery(
      {kUtbildning, "<1@x>", "v. 1", kMonday, "Text ett\n", "<p>Html ett</p>"}, first));
  const std::vector<std::int64_t> second = {id_of("b")};
  ASSERT_TRUE(store_->record_delivery(
      {kUtbildning, "<2@x>", "v. 2", kMonday + 24h, "Text två\n", "<p>Html två</p>"}, second));

  auto listed = store_->sent_digests(kUtbildning);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ(listed->at(0).subject, "v. 1");
  EXPECT_EQ(listed->at(0).delivered_at, kMonday);
  EXPECT_EQ(listed->at(0).items, 1);
  EXPECT_EQ(listed->at(1).message_id, "<2@x>");
  EXPECT_FALSE(listed->at(1).text_body) << "the listing reads no bodies";

  auto shown = store_->sent_digest(listed->at(1).id);
  ASSERT_TRUE(shown) << shown.error().message;
  ASSERT_TRUE(*shown);
  EXPECT_EQ((*shown)->namnd, kUtbildning);
  EXPECT_EQ((*shown)->text_body, "Text två\n");
  EXPECT_EQ((*shown)->html_body, "<p>Html två</p>");

  auto none = store_->sent_digests(kMiljo);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto missing = store_->sent_digest(9999);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST_F(SentDigestsTest, CutsABodyPastTheLimitAtACharacter) {
  // "ä" is two bytes; the limit falls between them.
  std::string body(kMaxStoredBodyBytes - 1, 'x');
  body += "ä and more";
  const std::vector<std::int64_t> ids = {id_of("a")};
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<1@x>", "v. 1", kMonday, body, "<p/>"}, ids));
  auto listed = store_->sent_digests(kUtbildning);
  ASSERT_TRUE(listed && listed->size() == 1U);
  auto shown = store_->sent_digest(listed->front().id);
  ASSERT_TRUE(shown && *shown && (*shown)->text_body);
  EXPECT_EQ(*(*shown)->text_body, std::string(kMaxStoredBodyBytes - 1, 'x'));
}

TEST_F(SentDigestsTest, SaysWhichDigestDeliveredAnItemToWhichNamnd) {
  const std::int64_t a = id_of("a");
  auto before = store_->deliveries_of(a);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_TRUE(before->empty());

  const std::vector<std::int64_t> ids = {a};
  ASSERT_TRUE(store_->record_delivery({kMiljo, "<m@x>", "v. 1", kMonday + 1h}, ids));
  auto after = store_->deliveries_of(a);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->size(), 1U);
  EXPECT_EQ(after->front().namnd, kMiljo);
  EXPECT_EQ(after->front().delivered_at, kMonday + 1h);
  auto other = store_->deliveries_of(id_of("b"));
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
}

TEST(SentDigestsMigration, ADigestDeliveredBeforeVersion9IsListedWithoutItsBodies) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  {
    auto db = sqlite::open(path);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(configure_connection(db->get(), path));
    ASSERT_TRUE(migrate_to(db->get(), path, 8));
    ASSERT_TRUE(sqlite::execute(db->get(), R"sql(
INSERT INTO digests (id, namnd, message_id, subject, delivered_at)
  VALUES (1, 'linkoping/utbildning', '<d1@omvarld>', 'v. 12', 7000);)sql",
                                {"insert rows", path}));
  }
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(RawDatabase(path).value("PRAGMA user_version"), std::to_string(latest_schema_version()));

  auto old = store->sent_digest(1);
  ASSERT_TRUE(old) << old.error().message;
  ASSERT_TRUE(*old);
  EXPECT_EQ((*old)->subject, "v. 12");
  EXPECT_FALSE((*old)->text_body);
  EXPECT_FALSE((*old)->html_body);

  ASSERT_TRUE(store->record_delivery(
      {kUtbildning, "<d2@omvarld>", "v. 13", at(8000), "Ny text\n", "<p>Ny</p>"}, {}));
  auto listed = store->sent_digests(kUtbildning);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  auto fresh = store->sent_digest(listed->back().id);
  ASSERT_TRUE(fresh && *fresh);
  EXPECT_EQ((*fresh)->text_body, "Ny text\n");
}

}  // namespace
}  // namespace omvarld::storage
