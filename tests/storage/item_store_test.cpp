// ItemStore on a private in-memory database: what is new, what is pending
// for which nämnd, what was delivered, and how sources fare.

#include "storage/item_store.h"

#include <gtest/gtest.h>

#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::item;
using testing::keys_of;
using testing::match;
using testing::ok_poll;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";

class ItemStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {
        {"ec-press", "Europeiska kommissionen – press", "https://ec.example.eu/rss"},
        {"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  // Stores one poll of `source` and returns how many items were new.
  int poll(const std::string& source, const std::vector<ClassifiedItem>& items,
           core::TimePoint when) {
    auto stored = storage::testing::store_classified_poll(*store_, source, items, ok_poll(when));
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? stored->new_items : -1;
  }

  std::vector<StoredItem> all_items() {
    auto stored = store_->items(ItemQuery{});
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? *stored : std::vector<StoredItem>{};
  }

  std::vector<PendingItem> pending(const core::NamndId& namnd) {
    auto found = store_->undelivered(namnd);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<PendingItem>{};
  }

  SourceStatus status_of(const std::string& source) {
    auto statuses = store_->source_status();
    EXPECT_TRUE(statuses) << statuses.error().message;
    for (const SourceStatus& status : statuses.value_or(std::vector<SourceStatus>{})) {
      if (status.source.id == source) return status;
    }
    ADD_FAILURE() << "no status for " << source;
    return {};
  }

  std::unique_ptr<ItemStore> store_;
};

TEST_F(ItemStoreTest, CountsOnlyItemsNotStoredBefore) {
  const std::vector<ClassifiedItem> first = {{item("ec-press", "a", at(1000)), {}},
                                             {item("ec-press", "b", at(2000)), {}}};
  EXPECT_EQ(poll("ec-press", first, at(5000)), 2);

  std::vector<ClassifiedItem> again = first;
  again[0].item.title = "A changed title";
  again.push_back({item("ec-press", "c", at(3000)), {}});
  EXPECT_EQ(poll("ec-press", again, at(6000)), 1);

  const std::vector<StoredItem> stored = all_items();
  ASSERT_EQ(keys_of(stored), (std::vector<std::string>{"c", "b", "a"}));
  // A changed title updates the stored item; it is not new again.
  EXPECT_EQ(stored[2].item.title, "A changed title");
  EXPECT_EQ(stored[2].first_seen, at(5000));
  EXPECT_EQ(stored[0].first_seen, at(6000));
}

TEST_F(ItemStoreTest, StoringTheSamePollTwiceChangesNothing) {
  const std::vector<ClassifiedItem> items = {
      {item("ec-press", "a", at(1000)), {match(kUtbildning, {"förskola"})}}};
  ASSERT_EQ(poll("ec-press", items, at(5000)), 1);
  const std::vector<StoredItem> before = all_items();

  EXPECT_EQ(poll("ec-press", items, at(6000)), 0);

  const std::vector<StoredItem> after = all_items();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, before[0].id);
  EXPECT_EQ(after[0].first_seen, at(5000));
  EXPECT_EQ(pending(kUtbildning).size(), 1u);
}

TEST_F(ItemStoreTest, KeepsEveryFieldOfAnItem) {
  ASSERT_EQ(poll("skr", {{item("skr", "urn:x:42", at(1234)), {}}}, at(5000)), 1);
  ASSERT_EQ(poll("skr", {{item("skr", "no-date"), {}}}, at(6000)), 1);

  const std::vector<StoredItem> stored = all_items();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].item.key, "no-date");
  EXPECT_EQ(stored[0].item.published, std::nullopt);
  const core::Item& full = stored[1].item;
  EXPECT_EQ(full.source, "skr");
  EXPECT_EQ(full.key, "urn:x:42");
  EXPECT_EQ(full.title, "Title of urn:x:42");
  EXPECT_EQ(full.link, "https://example.eu/urn:x:42");
  EXPECT_EQ(full.summary, "Summary of urn:x:42");
  EXPECT_EQ(full.content, "Content of urn:x:42");
  EXPECT_EQ(full.published, at(1234));
}

TEST_F(ItemStoreTest, StoresTheSameKeyOnceWhenAFeedRepeatsIt) {
  const std::vector<ClassifiedItem> items = {{item("skr", "dup", at(1000)), {}},
                                             {item("skr", "dup", at(2000)), {}}};
  EXPECT_EQ(poll("skr", items, at(5000)), 1);
  EXPECT_EQ(all_items().size(), 1u);
}

TEST_F(ItemStoreTest, TellsSourcesApartBySourceAndKey) {
  EXPECT_EQ(poll("skr", {{item("skr", "same", at(1000)), {}}}, at(5000)), 1);
  EXPECT_EQ(poll("ec-press", {{item("ec-press", "same", at(1000)), {}}}, at(5000)), 1);
  EXPECT_EQ(all_items().size(), 2u);
}

TEST_F(ItemStoreTest, StoresMatchesOnlyForNewItems) {
  ASSERT_EQ(poll("skr",
                 {{item("skr", "a", at(1000)),
                   {match(kUtbildning, {"förskola", "skol*"}, {"eu-finansiering"})}}},
                 at(5000)),
            1);
  // Filters changed; the poll sees the item again and must not touch it.
  ASSERT_EQ(poll("skr", {{item("skr", "a", at(1000)), {match(kMiljo, {"klimat"})}}}, at(6000)), 0);

  const std::vector<StoredItem> stored = all_items();
  ASSERT_EQ(stored.size(), 1u);
  auto matches = store_->matches_of(stored[0].id);
  ASSERT_TRUE(matches) << matches.error().message;
  EXPECT_EQ(
      *matches,
      (std::vector<core::Match>{match(kUtbildning, {"förskola", "skol*"}, {"eu-finansiering"})}));
  EXPECT_TRUE(pending(kMiljo).empty());
}

TEST_F(ItemStoreTest, KeepsMatchesInTheOrderClassifyGaveThem) {
  const std::vector<core::Match> matches = {
      match(kUtbildning, {"skola"}), match(kMiljo, {"klimat"}), match("linkoping/kultur", {})};
  ASSERT_EQ(poll("skr", {{item("skr", "a", at(1000)), matches}}, at(5000)), 1);
  auto stored = store_->matches_of(all_items().at(0).id);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(*stored, matches);
}

TEST_F(ItemStoreTest, ListsNothingForAnItemItDoesNotHave) {
  auto matches = store_->matches_of(4711);
  ASSERT_TRUE(matches) << matches.error().message;
  EXPECT_TRUE(matches->empty());
}

TEST_F(ItemStoreTest, ListsUndeliveredItemsNewestFirst) {
  // Without a publication date an item counts from when it was first seen;
  // equal times fall back to the order of storing, newest first.
  const std::vector<ClassifiedItem> items = {
      {item("skr", "old", at(1000)), {match(kUtbildning, {"skola"})}},
      {item("skr", "undated"), {match(kUtbildning, {"skola"})}},
      {item("skr", "newest", at(9000)), {match(kUtbildning, {"skola"})}},
      {item("skr", "same-time-first", at(3000)), {match(kUtbildning, {"skola"})}},
      {item("skr", "same-time-second", at(3000)), {match(kUtbildning, {"skola"})}},
      {item("skr", "other-namnd", at(8000)), {match(kMiljo, {"klimat"})}},
      {item("skr", "nobody", at(8500)), {}}};
  ASSERT_EQ(poll("skr", items, at(5000)), 7);

  EXPECT_EQ(keys_of(pending(kUtbildning)),
            (std::vector<std::string>{"newest", "undated", "same-time-second", "same-time-first",
                                      "old"}));
  EXPECT_EQ(keys_of(pending(kMiljo)), std::vector<std::string>{"other-namnd"});
  EXPECT_TRUE(pending("linkoping/kultur").empty());
}

TEST_F(ItemStoreTest, SaysWhyAnUndeliveredItemIsThere) {
  const core::Match why =
      match(kUtbildning, {"förskola", "\"social ekonomi\""}, {"eu-finansiering"});
  ASSERT_EQ(poll("skr", {{item("skr", "a", at(1000)), {why, match(kMiljo, {"klimat"})}}}, at(5000)),
            1);
  const std::vector<PendingItem> found = pending(kUtbildning);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].match, why);
  EXPECT_EQ(found[0].stored.item.key, "a");
  EXPECT_EQ(found[0].stored.first_seen, at(5000));
}

TEST_F(ItemStoreTest, DeliveredItemsAreNoLongerUndelivered) {
  ASSERT_EQ(
      poll("skr",
           {{item("skr", "a", at(1000)), {match(kUtbildning, {"skola"}), match(kMiljo, {"x"})}},
            {item("skr", "b", at(2000)), {match(kUtbildning, {"skola"})}}},
           at(5000)),
      2);
  const std::vector<PendingItem> before = pending(kUtbildning);
  ASSERT_EQ(before.size(), 2u);

  const std::vector<std::int64_t> delivered = {before[1].stored.id};  // "a"
  auto recorded = store_->record_delivery(
      {kUtbildning, "<d1@omvarld>", "Omvärldsbevakning v. 12", at(7000)}, delivered);
  ASSERT_TRUE(recorded) << recorded.error().message;

  EXPECT_EQ(keys_of(pending(kUtbildning)), std::vector<std::string>{"b"});
  // Another nämnd's digest is its own: "a" still waits for it.
  EXPECT_EQ(keys_of(pending(kMiljo)), std::vector<std::string>{"a"});
}

TEST_F(ItemStoreTest, RefusesToDeliverAnItemTwiceToOneNamndAndKeepsNothingOfTheAttempt) {
  ASSERT_EQ(poll("skr",
                 {{item("skr", "a", at(1000)), {match(kUtbildning, {"skola"})}},
                  {item("skr", "b", at(2000)), {match(kUtbildning, {"skola"})}}},
                 at(5000)),
            2);
  const std::vector<PendingItem> both = pending(kUtbildning);
  const std::int64_t b = both[0].stored.id;
  const std::int64_t a = both[1].stored.id;
  const std::vector<std::int64_t> first = {a};
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<d1@omvarld>", "v. 12", at(7000)}, first));

  // "b" is new in this digest, "a" is not: the whole digest must be refused.
  const std::vector<std::int64_t> second = {b, a};
  auto refused = store_->record_delivery({kUtbildning, "<d2@omvarld>", "v. 13", at(8000)}, second);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::kStorage);
  EXPECT_EQ(refused.error().message,
            "storage: record delivery of item " + std::to_string(a) +
                " (nämnd linkoping/utbildning, message <d2@omvarld>): UNIQUE constraint failed: "
                "digest_items.namnd, digest_items.item_id");

  EXPECT_EQ(keys_of(pending(kUtbildning)), std::vector<std::string>{"b"});
  auto last = store_->last_delivery(kUtbildning);
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, at(7000));
  // The refused digest left no trace: its message id is still free.
  EXPECT_TRUE(store_->record_delivery({kUtbildning, "<d2@omvarld>", "v. 13", at(8000)},
                                      std::vector<std::int64_t>{b}));
}

TEST_F(ItemStoreTest, RefusesADigestWhoseMessageIdWasRecordedBefore) {
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<same@omvarld>", "v. 12", at(7000)}, {}));
  auto refused = store_->record_delivery({kMiljo, "<same@omvarld>", "v. 12", at(7000)}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "storage: record delivery of <same@omvarld> (nämnd norrkoping/miljo): UNIQUE "
            "constraint failed: digests.message_id");
  auto last = store_->last_delivery(kMiljo);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, std::nullopt);
}

TEST_F(ItemStoreTest, RefusesToDeliverAnItemItDoesNotHave) {
  auto refused = store_->record_delivery({kUtbildning, "<d1@omvarld>", "v. 12", at(7000)},
                                         std::vector<std::int64_t>{4711});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "storage: record delivery of item 4711 (nämnd linkoping/utbildning, message "
            "<d1@omvarld>): FOREIGN KEY constraint failed");
  auto last = store_->last_delivery(kUtbildning);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, std::nullopt);
}

TEST_F(ItemStoreTest, RemembersTheLastDeliveryOfEachNamnd) {
  auto never = store_->last_delivery(kUtbildning);
  ASSERT_TRUE(never) << never.error().message;
  EXPECT_EQ(*never, std::nullopt);

  // An empty digest (send_empty) is a delivery too.
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<d2@omvarld>", "v. 13", at(8000)}, {}));
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<d1@omvarld>", "v. 12", at(7000)}, {}));
  ASSERT_TRUE(store_->record_delivery({kMiljo, "<d3@omvarld>", "v. 14", at(9000)}, {}));

  auto last = store_->last_delivery(kUtbildning);
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, at(8000));
}

TEST_F(ItemStoreTest, FiltersItemsBySinceNamndAndLimit) {
  ASSERT_EQ(poll("skr",
                 {{item("skr", "early-school", at(100)), {match(kUtbildning, {"skola"})}},
                  {item("skr", "early-other", at(200)), {}}},
                 at(1000)),
            2);
  ASSERT_EQ(poll("ec-press",
                 {{item("ec-press", "late-school", at(300)), {match(kUtbildning, {"skola"})}},
                  {item("ec-press", "late-climate", at(400)), {match(kMiljo, {"klimat"})}},
                  {item("ec-press", "late-other", at(500)), {}}},
                 at(2000)),
            3);

  struct Case {
    const char* name;
    std::optional<std::int64_t> since;
    const char* namnd;  // null: any
    int limit;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases = {
      {"everything, newest first",
       std::nullopt,
       nullptr,
       1000,
       {"late-other", "late-climate", "late-school", "early-other", "early-school"}},
      {"first seen at or after since",
       2000,
       nullptr,
       1000,
       {"late-other", "late-climate", "late-school"}},
      {"since after everything", 2001, nullptr, 1000, {}},
      {"concerning a nämnd",
       std::nullopt,
       "linkoping/utbildning",
       1000,
       {"late-school", "early-school"}},
      {"since and nämnd", 1500, "linkoping/utbildning", 1000, {"late-school"}},
      {"limited", std::nullopt, nullptr, 2, {"late-other", "late-climate"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ItemQuery query;
    if (c.since) query.since = at(*c.since);
    if (c.namnd != nullptr) query.namnd = c.namnd;
    query.limit = c.limit;
    auto found = store_->items(query);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(keys_of(*found), c.keys);
  }
}

TEST_F(ItemStoreTest, FailsAPollOfAnUnknownSourceAndStoresNothing) {
  auto stored = storage::testing::store_classified_poll(
      *store_, "nope",
      std::vector<ClassifiedItem>{{item("nope", "a", at(1000)), {match(kMiljo, {"x"})}}},
      ok_poll(at(5000)));
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, Errc::kStorage);
  EXPECT_EQ(stored.error().message, "storage: store poll (source nope): no such source");
  EXPECT_TRUE(all_items().empty());
  EXPECT_TRUE(pending(kMiljo).empty());
}

TEST_F(ItemStoreTest, FailsAFailureOfAnUnknownSource) {
  auto recorded = storage::testing::record_failure(*store_, "nope", {at(5000), 404, 0, "HTTP 404"});
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().message, "storage: record failed poll (source nope): no such source");
}

TEST_F(ItemStoreTest, CountsFailuresInARowAndResetsThemOnSuccess) {
  ASSERT_EQ(poll("skr", {{item("skr", "a", at(1000)), {}}}, at(5000)), 1);
  ASSERT_TRUE(
      storage::testing::record_failure(*store_, "skr", {at(6000), 0, 0, "timed out after 30 s"}));
  ASSERT_TRUE(storage::testing::record_failure(*store_, "skr", {at(7000), 503, 0, "HTTP 503"}));

  SourceStatus failing = status_of("skr");
  EXPECT_EQ(failing.error_streak, 2);
  EXPECT_EQ(failing.last_error, "HTTP 503");
  EXPECT_EQ(failing.http_status, 503);
  EXPECT_EQ(failing.last_attempt, at(7000));
  EXPECT_EQ(failing.last_success, at(5000));
  EXPECT_EQ(failing.item_count, 1);  // a failure keeps the items

  ASSERT_EQ(poll("skr", {}, at(8000)), 0);
  SourceStatus recovered = status_of("skr");
  EXPECT_EQ(recovered.error_streak, 0);
  EXPECT_EQ(recovered.last_error, "");
  EXPECT_EQ(recovered.http_status, 200);
  EXPECT_EQ(recovered.last_attempt, at(8000));
  EXPECT_EQ(recovered.last_success, at(8000));
}

TEST_F(ItemStoreTest, ReportsEverySourceWithItsItemCount) {
  ASSERT_EQ(poll("skr", {{item("skr", "a"), {}}, {item("skr", "b"), {}}}, at(5000)), 2);

  auto statuses = store_->source_status();
  ASSERT_TRUE(statuses) << statuses.error().message;
  ASSERT_EQ(statuses->size(), 2u);
  const SourceStatus& never_polled = (*statuses)[0];
  EXPECT_EQ(never_polled.source.id, "ec-press");
  EXPECT_EQ(never_polled.source.name, "Europeiska kommissionen – press");
  EXPECT_EQ(never_polled.source.url, "https://ec.example.eu/rss");
  EXPECT_EQ(never_polled.last_attempt, std::nullopt);
  EXPECT_EQ(never_polled.last_success, std::nullopt);
  EXPECT_EQ(never_polled.http_status, 0);
  EXPECT_EQ(never_polled.error_streak, 0);
  EXPECT_EQ(never_polled.item_count, 0);
  EXPECT_EQ((*statuses)[1].source.id, "skr");
  EXPECT_EQ((*statuses)[1].item_count, 2);
}

TEST_F(ItemStoreTest, SyncUpdatesKnownSourcesAndKeepsTheirHistory) {
  ASSERT_EQ(poll("skr", {{item("skr", "a"), {}}}, at(5000)), 1);
  const std::vector<SourceRecord> renamed = {
      {"skr", "Sveriges Kommuner och Regioner", "https://skr.example.se/nyheter.rss"},
      {"eu-brussels", "Brysselkontoret", "https://brussels.example.eu/feed"}};
  ASSERT_TRUE(store_->sync_sources(renamed));

  const SourceStatus skr = status_of("skr");
  EXPECT_EQ(skr.source.name, "Sveriges Kommuner och Regioner");
  EXPECT_EQ(skr.source.url, "https://skr.example.se/nyheter.rss");
  EXPECT_EQ(skr.last_success, at(5000));
  EXPECT_EQ(skr.item_count, 1);
  EXPECT_EQ(status_of("eu-brussels").source.name, "Brysselkontoret");
}

TEST_F(ItemStoreTest, StoresTermsThatAreNotValidUtf8WithoutFailing) {
  ASSERT_EQ(poll("skr", {{item("skr", "a"), {match(kUtbildning, {"f\xF6rskola"})}}}, at(5000)), 1);
  const std::vector<PendingItem> found = pending(kUtbildning);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].match.terms, std::vector<std::string>{"f\xEF\xBF\xBDrskola"});
}

}  // namespace
}  // namespace omvarld::storage
