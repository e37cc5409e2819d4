// Item identity in the store: a changed item is updated, never new again;
// a source whose ids all change is re-keyed, not stored twice; the same
// story from several feeds is one pending item and is delivered once.

#include <gtest/gtest.h>

#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "storage/identity_rules.h"
#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::keys_of;
using testing::match;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";
const core::NamndId kKultur = "linkoping/kultur";

// An item with a canonical link and a title of enough words to be a story.
core::Item story(const std::string& source, const std::string& key, const std::string& title,
                 const std::string& link, std::optional<core::TimePoint> published = at(86400)) {
  core::Item made = testing::item(source, key, published);
  made.title = title;
  made.link = link;
  made.canonical_link = link;
  return made;
}

std::vector<std::string> namnder_of(const std::vector<core::Match>& matches) {
  std::vector<std::string> namnder;
  for (const core::Match& one : matches) namnder.push_back(one.namnd);
  return namnder;
}

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {
        {"ec-press", "Europeiska kommissionen – press", "https://ec.example.eu/rss"},
        {"skr", "SKR", "https://skr.example.se/rss"},
        {"eu-kontoret", "EU-kontoret", "https://eu.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  PollOutcome poll(const std::string& source, const std::vector<ClassifiedItem>& items,
                   core::TimePoint when) {
    auto stored =
        storage::testing::store_classified_poll(*store_, source, items, testing::ok_poll(when));
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(PollOutcome{-1});
  }

  std::vector<StoredItem> all_items() {
    auto stored = store_->items(ItemQuery{});
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(std::vector<StoredItem>{});
  }

  std::vector<PendingItem> pending(const core::NamndId& namnd) {
    auto found = store_->undelivered(namnd);
    EXPECT_TRUE(found) << found.error().message;
    return found.value_or(std::vector<PendingItem>{});
  }

  void deliver(const core::NamndId& namnd, std::vector<std::int64_t> ids, core::TimePoint when) {
    const DeliveryRecord record{namnd, "<" + std::to_string(when.time_since_epoch().count()) +
                                           "@test>",
                                "Omvärldsbevakning", when};
    auto recorded = store_->record_delivery(record, ids);
    ASSERT_TRUE(recorded) << recorded.error().message;
  }

  std::unique_ptr<ItemStore> store_;
};

TEST_F(IdentityTest, UpdatesAChangedItemInPlaceAndNeverMakesItNewAgain) {
  core::Item first = story("skr", "urn:skr:1", "Ny lag om förskola", "https://skr.se/1");
  ASSERT_EQ(poll("skr", {{first, {}}}, at(5000)).new_items, 1);
  const StoredItem before = all_items().at(0);

  core::Item changed = first;
  changed.title = "Ny lag om förskolan rättad";
  changed.summary = "Rättad sammanfattning";
  const PollOutcome outcome = poll("skr", {{changed, {}}}, at(6000));
  EXPECT_EQ(outcome.new_items, 0);
  EXPECT_EQ(outcome.updated_items, 1);

  const std::vector<StoredItem> after = all_items();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, before.id);
  EXPECT_EQ(after[0].first_seen, at(5000));
  EXPECT_EQ(after[0].item.title, "Ny lag om förskolan rättad");
  EXPECT_EQ(after[0].item.summary, "Rättad sammanfattning");

  const PollOutcome again = poll("skr", {{changed, {}}}, at(7000));
  EXPECT_EQ(again.new_items, 0);
  EXPECT_EQ(again.updated_items, 0);
}

TEST_F(IdentityTest, AsksForAClassificationOnlyOfItemsThatAreNewOrChanged) {
  std::vector<std::string> asked;
  const ItemStore::Classify classify = [&asked](const core::Item& item) {
    asked.push_back(item.key);
    return std::vector<core::Match>{match(kUtbildning, {"förskola"})};
  };
  std::vector<core::Item> feed = {
      story("skr", "urn:skr:1", "Ny lag om förskola", "https://skr.se/1"),
      story("skr", "urn:skr:2", "Statsbidrag för fritidshem", "https://skr.se/2")};

  auto first = store_->store_poll("skr", feed, testing::ok_poll(at(5000)), classify);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(asked, (std::vector<std::string>{"urn:skr:1", "urn:skr:2"}));
  EXPECT_EQ(pending(kUtbildning).size(), 2u);

  asked.clear();
  auto unchanged = store_->store_poll("skr", feed, testing::ok_poll(at(6000)), classify);
  ASSERT_TRUE(unchanged) << unchanged.error().message;
  EXPECT_TRUE(asked.empty());
  EXPECT_EQ(unchanged->new_items, 0);

  feed[1].title = "Statsbidrag för fritidshem, rättad";
  feed.push_back(story("skr", "urn:skr:3", "Nya regler för skolskjuts", "https://skr.se/3"));
  auto changed = store_->store_poll("skr", feed, testing::ok_poll(at(7000)), classify);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(asked, (std::vector<std::string>{"urn:skr:2", "urn:skr:3"}));
  EXPECT_EQ(changed->new_items, 1);
  EXPECT_EQ(changed->updated_items, 1);
  EXPECT_EQ(pending(kUtbildning).size(), 3u);
}

// The poll classifies the items of a source together, side by side
// (app/classify_items.h): one question per poll, in the feed's order, and
// an answer that does not add up is a bug that stores nothing.
TEST_F(IdentityTest, AsksAboutAPollsItemsAllAtOnceAndTakesOnlyAnAnswerForEach) {
  std::vector<std::vector<std::string>> questions;
  const ItemStore::ClassifyItems classify = [&questions](std::span<const core::Item* const> items) {
    questions.emplace_back();
    std::vector<std::vector<core::Match>> answers;
    for (const core::Item* item : items) {
      questions.back().push_back(item->key);
      answers.push_back({match(kUtbildning, {item->key})});
    }
    return answers;
  };
  std::vector<core::Item> feed = {
      story("skr", "urn:skr:1", "Ny lag om förskola", "https://skr.se/1"),
      story("skr", "urn:skr:2", "Statsbidrag för fritidshem", "https://skr.se/2"),
      story("skr", "urn:skr:1", "Ny lag om förskola (igen)", "https://skr.se/1"),
      story("skr", "urn:skr:3", "Nya regler för skolskjuts", "https://skr.se/3")};
  auto first = store_->store_poll("skr", feed, testing::ok_poll(at(5000)), classify);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(questions, (std::vector<std::vector<std::string>>{{"urn:skr:1", "urn:skr:2", "urn:skr:3"}}));
  // Each item stored with its own answer.
  for (const PendingItem& entry : pending(kUtbildning)) {
    EXPECT_EQ(entry.match.terms, std::vector<std::string>{entry.stored.item.key});
  }

  questions.clear();
  ASSERT_TRUE(store_->store_poll("skr", feed, testing::ok_poll(at(6000)), classify));
  EXPECT_TRUE(questions.empty());  // nothing new or changed: not asked at all

  feed[1].title = "Statsbidrag för fritidshem, rättad";
  feed.push_back(story("skr", "urn:skr:4", "Läxhjälp i hela landet", "https://skr.se/4"));
  const ItemStore::ClassifyItems one_short = [](std::span<const core::Item* const> items) {
    return std::vector<std::vector<core::Match>>(items.size() - 1);
  };
  EXPECT_THROW((void)store_->store_poll("skr", feed, testing::ok_poll(at(7000)), one_short), std::logic_error);
  EXPECT_EQ(pending(kUtbildning).size(), 3u);  // neither the new item nor the change
  auto retried = store_->store_poll("skr", feed, testing::ok_poll(at(7000)), classify);
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->new_items, 1);
  EXPECT_EQ(retried->updated_items, 1);
}

TEST_F(IdentityTest, ReevaluatesTheMatchesOfAnUpdatedItem) {
  core::Item first = story("skr", "urn:skr:1", "Skolor och miljö i kommunen", "https://skr.se/1");
  ASSERT_EQ(poll("skr", {{first, {match(kUtbildning, {"skola"}), match(kMiljo, {"miljö"})}}},
                 at(5000))
                .new_items,
            1);
  const std::int64_t id = all_items().at(0).id;
  deliver(kUtbildning, {id}, at(5500));

  core::Item changed = first;
  changed.title = "Kultur i kommunen, nu utan skolor";
  const PollOutcome outcome = poll("skr", {{changed, {match(kKultur, {"kultur"})}}}, at(6000));
  EXPECT_EQ(outcome.updated_items, 1);

  // Delivered stays as history, the undelivered match that went is gone,
  // the nämnd it now concerns has it pending; the first is not sent again.
  auto matches = store_->matches_of(id);
  ASSERT_TRUE(matches) << matches.error().message;
  EXPECT_EQ(namnder_of(*matches), (std::vector<std::string>{kUtbildning, kKultur}));
  EXPECT_TRUE(pending(kUtbildning).empty());
  EXPECT_TRUE(pending(kMiljo).empty());
  EXPECT_EQ(keys_of(pending(kKultur)), (std::vector<std::string>{"urn:skr:1"}));
}

TEST_F(IdentityTest, ReKeysTheStoredItemsWhenEveryIdChangesAtOnce) {
  std::vector<ClassifiedItem> first;
  std::vector<ClassifiedItem> rotated;
  for (int n = 1; n <= 4; ++n) {
    const std::string link = "https://ec.example.eu/news/" + std::to_string(n);
    core::Item item = story("ec-press", "guid-a-" + std::to_string(n),
                            "Kommissionen meddelar nyhet " + std::to_string(n), link);
    first.push_back({item, {match(kUtbildning, {"nyhet"})}});
    item.key = "guid-b-" + std::to_string(n);
    rotated.push_back({item, {match(kUtbildning, {"nyhet"})}});
  }
  ASSERT_EQ(poll("ec-press", first, at(5000)).new_items, 4);
  const std::vector<StoredItem> before = all_items();

  const PollOutcome outcome = poll("ec-press", rotated, at(6000));
  EXPECT_EQ(outcome.new_items, 0);
  EXPECT_EQ(outcome.rekeyed_items, 4);
  EXPECT_TRUE(outcome.id_rotation);
  EXPECT_FALSE(outcome.flood);

  const std::vector<StoredItem> after = all_items();
  ASSERT_EQ(after.size(), 4u);
  for (std::size_t i = 0; i < after.size(); ++i) {
    SCOPED_TRACE(after[i].item.title);
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].item.key, "guid-b-" + before[i].item.key.substr(7));
    EXPECT_EQ(after[i].first_seen, at(5000));
  }
  EXPECT_EQ(pending(kUtbildning).size(), 4u);

  auto rotations = store_->id_rotations_since(at(0));
  ASSERT_TRUE(rotations) << rotations.error().message;
  ASSERT_EQ(rotations->size(), 1u);
  EXPECT_EQ((*rotations)[0].source, "ec-press");
  EXPECT_EQ((*rotations)[0].at, at(6000));
  EXPECT_EQ((*rotations)[0].rekeyed_items, 4);

  // The new keys are known now: the next poll is an ordinary one.
  const PollOutcome next = poll("ec-press", rotated, at(7000));
  EXPECT_EQ(next.new_items, 0);
  EXPECT_EQ(next.rekeyed_items, 0);
  EXPECT_FALSE(next.id_rotation);
}

TEST_F(IdentityTest, RecognisesARotationByTitleAndDayWhenLinksChangeToo) {
  std::vector<ClassifiedItem> first;
  std::vector<ClassifiedItem> rebuilt;
  for (int n = 1; n <= 5; ++n) {
    const std::string title = "Regionen söker partner nummer " + std::to_string(n);
    first.push_back({story("skr", "old-" + std::to_string(n), title,
                           "https://skr.se/gammal/" + std::to_string(n)),
                     {}});
    // A site rebuild: new ids, new links, titles in another case, same day.
    core::Item item = story("skr", "new-" + std::to_string(n), "REGIONEN SÖKER PARTNER NUMMER " +
                                                                   std::to_string(n),
                            "https://skr.se/ny/" + std::to_string(n), at(86400 + 3600));
    rebuilt.push_back({item, {}});
  }
  rebuilt.push_back({story("skr", "new-6", "En helt ny nyhet idag", "https://skr.se/ny/6"), {}});
  ASSERT_EQ(poll("skr", first, at(5000)).new_items, 5);

  const PollOutcome outcome = poll("skr", rebuilt, at(6000));
  EXPECT_TRUE(outcome.id_rotation);
  EXPECT_EQ(outcome.rekeyed_items, 5);
  EXPECT_EQ(outcome.updated_items, 5);  // the title changed (its case), the link too
  EXPECT_EQ(outcome.new_items, 1);      // the one story not stored before
  EXPECT_EQ(all_items().size(), 6u);
}

TEST_F(IdentityTest, StoresNewKeysAsNewWhenFewAreKnownStories) {
  ASSERT_EQ(poll("skr", {{story("skr", "a", "Första nyheten om skolan", "https://skr.se/a"), {}}},
                 at(5000))
                .new_items,
            1);
  std::vector<ClassifiedItem> fresh = {
      {story("skr", "a2", "Första nyheten om skolan", "https://skr.se/a"), {}}};
  for (int n = 1; n <= 4; ++n) {
    fresh.push_back({story("skr", "n" + std::to_string(n), "Annan nyhet nummer " + std::to_string(n),
                           "https://skr.se/n" + std::to_string(n)),
                     {}});
  }
  const PollOutcome outcome = poll("skr", fresh, at(6000));
  EXPECT_FALSE(outcome.id_rotation);
  EXPECT_EQ(outcome.rekeyed_items, 0);
  EXPECT_EQ(outcome.new_items, 5);
}

TEST_F(IdentityTest, FoldsTheSameStoryFromSeveralFeedsIntoOnePendingItem) {
  // Same canonical link in two feeds, same title and day in a third.
  const std::string link = "https://ec.europa.eu/news/erasmus";
  ASSERT_EQ(poll("skr", {{story("skr", "s1", "Erasmus+ öppnar ny utlysning", link),
                          {match(kUtbildning, {"erasmus+"})}}},
                 at(6000))
                .new_items,
            1);
  ASSERT_EQ(poll("ec-press", {{story("ec-press", "e1", "Erasmus+ call opens", link),
                               {match(kUtbildning, {"erasmus+"})}}},
                 at(5000))
                .new_items,
            1);
  ASSERT_EQ(poll("eu-kontoret",
                 {{story("eu-kontoret", "k1", "Erasmus+ öppnar ny utlysning!",
                         "https://eu.example.se/erasmus"),
                   {match(kUtbildning, {"erasmus+"})}},
                  {story("eu-kontoret", "k2", "Något helt annat idag", "https://eu.example.se/2"),
                   {match(kUtbildning, {"annat"})}}},
                 at(7000))
                .new_items,
            2);

  const std::vector<PendingItem> found = pending(kUtbildning);
  ASSERT_EQ(found.size(), 2u);
  const PendingItem& erasmus = found[0].stored.item.key == "e1" ? found[0] : found[1];
  EXPECT_EQ(erasmus.stored.item.key, "e1");  // first seen
  EXPECT_EQ(keys_of(erasmus.also_in), (std::vector<std::string>{"s1", "k1"}));
  const PendingItem& other = found[0].stored.item.key == "e1" ? found[1] : found[0];
  EXPECT_EQ(other.stored.item.key, "k2");
  EXPECT_TRUE(other.also_in.empty());
}

TEST_F(IdentityTest, DeliveringAStoryMarksItsTwinsAndLaterTwinsDelivered) {
  const std::string link = "https://ec.europa.eu/news/erasmus";
  ASSERT_EQ(poll("ec-press", {{story("ec-press", "e1", "Erasmus+ call opens", link),
                               {match(kUtbildning, {"erasmus+"}), match(kMiljo, {"erasmus+"})}}},
                 at(5000))
                .new_items,
            1);
  ASSERT_EQ(poll("skr", {{story("skr", "s1", "Erasmus+ öppnar", link),
                          {match(kUtbildning, {"erasmus+"})}}},
                 at(6000))
                .new_items,
            1);
  const std::vector<PendingItem> before = pending(kUtbildning);
  ASSERT_EQ(before.size(), 1u);
  deliver(kUtbildning, {before[0].stored.id}, at(6500));
  EXPECT_TRUE(pending(kUtbildning).empty());

  // The same story arrives from a third feed after the digest went out.
  ASSERT_EQ(poll("eu-kontoret", {{story("eu-kontoret", "k1", "Erasmus+ i korthet", link),
                                  {match(kUtbildning, {"erasmus+"})}}},
                 at(7000))
                .new_items,
            1);
  EXPECT_TRUE(pending(kUtbildning).empty());
  // Another nämnd that has not received it still has it pending.
  EXPECT_EQ(keys_of(pending(kMiljo)), (std::vector<std::string>{"e1"}));
}

// The store finds twins by the keys an item has now: a link that changes
// with the text (an update) or alone (a refresh) moves the item's story.
TEST_F(IdentityTest, FindsTheTwinsOfAStoryByTheKeysItHasNow) {
  auto first = story("skr", "s1", "Ny lag om förskola", "https://skr.se/a");
  auto second = story("skr", "s2", "Statsbidrag för fritidshem", "https://skr.se/c");
  ASSERT_EQ(poll("skr", {{first, {match(kUtbildning, {"förskola"})}},
                         {second, {match(kUtbildning, {"fritidshem"})}}},
                 at(5000))
                .new_items,
            2);
  first.title = "Ny lag om förskola, uppdaterad";
  first.link = first.canonical_link = "https://skr.se/b";
  second.canonical_link = "https://skr.se/d";
  const PollOutcome changed = poll("skr", {{first, {match(kUtbildning, {"förskola"})}},
                                           {second, {match(kUtbildning, {"fritidshem"})}}},
                                   at(5500));
  ASSERT_EQ(changed.new_items, 0);
  ASSERT_EQ(changed.updated_items, 1);

  // Other feeds carry the old link of s1 and the new links of both.
  ASSERT_EQ(poll("ec-press",
                 {{story("ec-press", "e1", "Gammal länk här", "https://skr.se/a"),
                   {match(kUtbildning, {"förskola"})}},
                  {story("ec-press", "e2", "Ny länk här", "https://skr.se/b"),
                   {match(kUtbildning, {"förskola"})}},
                  {story("ec-press", "e3", "Kanonisk länk här", "https://skr.se/d"),
                   {match(kUtbildning, {"fritidshem"})}}},
                 at(6000))
                .new_items,
            3);
  std::vector<std::int64_t> skr_ids;
  for (const StoredItem& stored : all_items()) {
    if (stored.item.source == "skr") skr_ids.push_back(stored.id);
  }
  ASSERT_EQ(skr_ids.size(), 2u);
  deliver(kUtbildning, skr_ids, at(6500));
  EXPECT_EQ(keys_of(pending(kUtbildning)), (std::vector<std::string>{"e1"}));

  // A twin that arrives after the delivery is found by the new key too.
  ASSERT_EQ(poll("eu-kontoret", {{story("eu-kontoret", "k1", "Senare här", "https://skr.se/d"),
                                  {match(kUtbildning, {"fritidshem"})}}},
                 at(7000))
                .new_items,
            1);
  EXPECT_EQ(keys_of(pending(kUtbildning)), (std::vector<std::string>{"e1"}));
}

// A source stored twice in one batch: its first items' story keys, which
// wait for the batch's end, are written before its second poll looks for
// the same story (an id rotation here).
TEST(StoryKeysInABatch, ASourceStoredAgainInTheBatchFindsItsStoriesRotated) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(store->sync_sources(std::vector<SourceRecord>{{"ec-press", "EC", "https://ec"},
                                                            {"skr", "SKR", "https://skr"}}));
  std::vector<ClassifiedItem> first;
  std::vector<ClassifiedItem> rotated;
  for (int n = 1; n <= 4; ++n) {
    core::Item made = story("ec-press", "a" + std::to_string(n),
                            "Kommissionen meddelar nyhet " + std::to_string(n),
                            "https://ec.example.eu/n/" + std::to_string(n));
    first.push_back({made, {match(kUtbildning, {"nyhet"})}});
    made.key = "b" + std::to_string(n);
    rotated.push_back({made, {match(kUtbildning, {"nyhet"})}});
  }
  const std::vector<ClassifiedItem> other = {
      {story("skr", "s", "Något helt annat idag", "https://skr.se/s"), {}}};
  ASSERT_TRUE(store->begin_batch());
  ASSERT_TRUE(storage::testing::store_classified_poll(*store, "ec-press", first,
                                                      testing::ok_poll(at(5000))));
  ASSERT_TRUE(
      storage::testing::store_classified_poll(*store, "skr", other, testing::ok_poll(at(5000))));
  auto again = storage::testing::store_classified_poll(*store, "ec-press", rotated,
                                                       testing::ok_poll(at(6000)));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->id_rotation);
  EXPECT_EQ(again->rekeyed_items, 4);
  EXPECT_EQ(again->new_items, 0);
  ASSERT_TRUE(store->end_batch());
  testing::RawDatabase raw(path);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM items"), "5");
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM story_keys s JOIN items i ON i.id = s.item_id"
                      " WHERE s.link_hash IS NOT NULL"),
            "5");
}

// Hashes only narrow the search: two stories whose keys share a hash
// (planted here, as FNV-1a collisions are hard to find) stay two.
TEST(StoryKeyHashes, TwoStoriesWhoseKeysShareAHashAreNotTwins) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  auto store = ItemStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(store->sync_sources(std::vector<SourceRecord>{{"skr", "SKR", "https://skr"},
                                                            {"eu-kontoret", "EU", "https://eu"}}));
  for (const auto& [source, key, title, link] :
       {std::tuple{"skr", "a", "Ny lag om förskola", "https://skr.se/a"},
        std::tuple{"eu-kontoret", "b", "Statsbidrag för fritidshem", "https://eu.se/b"}}) {
    const std::vector<ClassifiedItem> polled = {
        {story(source, key, title, link), {match(kUtbildning, {"skola"})}}};
    ASSERT_TRUE(storage::testing::store_classified_poll(*store, source, polled,
                                                        testing::ok_poll(at(5000))));
  }
  {
    testing::RawDatabase raw(path);
    ASSERT_EQ(raw.execute("UPDATE story_keys SET"
                          " link_hash = (SELECT link_hash FROM story_keys WHERE item_id = 1),"
                          " title_day_hash = (SELECT title_day_hash FROM story_keys"
                          "                   WHERE item_id = 1)"
                          " WHERE item_id = 2"),
              "");
  }
  ASSERT_TRUE(store->record_delivery({kUtbildning, "<d@test>", "v. 1", at(6000)},
                                     std::vector<std::int64_t>{1}));
  auto pending = store->undelivered(kUtbildning);
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(keys_of(*pending), (std::vector<std::string>{"b"}));
}

TEST(StoryKeyHash, IsTheFnv1aHashOfTheKeyAndNoneForNoKey) {
  // Stored in every database: these values may never change.
  EXPECT_EQ(story_key_hash(""), std::nullopt);
  EXPECT_EQ(story_key_hash("a"), static_cast<std::int64_t>(0xaf63dc4c8601ec8cULL));
  EXPECT_EQ(story_key_hash("https://ec.europa.eu/news/erasmus"),
            static_cast<std::int64_t>(0xcd2a433ccdb2a389ULL));
}

struct TitleDayCase {
  const char* name;
  const char* title;
  std::optional<core::TimePoint> published;
  const char* key;
};

TEST(TitleDayKey, NormalizesTheTitleAndNamesTheUtcDay) {
  const TitleDayCase cases[] = {
      {"lower-cased, punctuation a word break", "Erasmus+ ÖPPNAR ny utlysning!",
       at(1796284800),  // 2026-12-03T08:00:00Z
       "2026-12-03 erasmus öppnar ny utlysning"},
      {"Latin-1 capitals folded", "ÅÄÖ É möts här", at(0), "1970-01-01 åäö é möts här"},
      {"whitespace collapsed", "  Tre   ord\there ", at(86399), "1970-01-01 tre ord here"},
      {"the UTC day, not the local one", "Sent på kvällen idag", at(86400 - 1),
       "1970-01-01 sent på kvällen idag"},
      {"too few words", "Nyhetsbrev vecka", at(0), ""},
      {"undated", "Erasmus öppnar ny utlysning", std::nullopt, ""},
  };
  for (const TitleDayCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(title_day_key(c.title, c.published), c.key);
  }
}

struct RotationCase {
  const char* name;
  int polled;
  int known;
  std::int64_t stored;
  int recognised;
  bool rotation;
};

TEST(IsIdRotation, NeedsEnoughUnknownKeysMostOfThemKnownStories) {
  const RotationCase cases[] = {
      {"all recognised", 4, 0, 4, 4, true},
      {"80% recognised", 5, 0, 10, 4, true},
      {"below 80%", 5, 0, 10, 3, false},
      {"a key is known", 5, 1, 10, 4, false},
      {"too small a poll", 2, 0, 2, 2, false},
      {"a new source", 4, 0, 0, 0, false},
  };
  for (const RotationCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_id_rotation(c.polled, c.known, c.stored, c.recognised), c.rotation);
  }
}

}  // namespace
}  // namespace omvarld::storage
