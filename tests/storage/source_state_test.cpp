// Each source's fetch state on a private in-memory database: validators and
// body hash stored with the poll's items, unchanged polls, failures with
// their backoff, 410 Gone and permanent redirects.

#include <gtest/gtest.h>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::item;
using testing::ok_poll;

constexpr const char* kConfiguredUrl = "https://ec.example.eu/rss";

class SourceStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    configure(kConfiguredUrl);
  }

  void configure(const std::string& url) {
    const std::vector<SourceRecord> sources = {{"ec-press", "Kommissionen", url},
                                               {"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  SourceFetchState state_of(const std::string& source) {
    auto states = store_->fetch_states();
    EXPECT_TRUE(states) << states.error().message;
    for (const SourceFetchState& state : states.value_or(std::vector<SourceFetchState>{})) {
      if (state.id == source) return state;
    }
    ADD_FAILURE() << "no fetch state for " << source;
    return {};
  }

  void fail(const std::string& source, FailedFetch failure) {
    auto recorded = store_->record_failed_fetch(source, failure);
    ASSERT_TRUE(recorded) << recorded.error().message;
  }

  std::unique_ptr<ItemStore> store_;
};

TEST_F(SourceStateTest, StoresValidatorsBodyHashAndNextAttemptWithThePollsItems) {
  PollRecord poll = ok_poll(at(1000));
  poll.etag = "\"v1\"";
  poll.last_modified = "Wed, 25 Nov 2026 10:00:00 GMT";
  poll.body_hash = "fnv1a64:0123456789abcdef:42";
  poll.next_attempt = at(2800);
  const std::vector<ClassifiedItem> items = {{item("ec-press", "a"), {}}};
  ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "ec-press", items, poll));

  const SourceFetchState state = state_of("ec-press");
  EXPECT_EQ(state.etag, "\"v1\"");
  EXPECT_EQ(state.last_modified, "Wed, 25 Nov 2026 10:00:00 GMT");
  EXPECT_EQ(state.body_hash, "fnv1a64:0123456789abcdef:42");
  EXPECT_EQ(state.next_attempt, at(2800));
  EXPECT_EQ(state.last_success, at(1000));
  EXPECT_EQ(state_of("skr").etag, "") << "the other source keeps its own state";
}

TEST_F(SourceStateTest, APollWithoutFetchStateKeepsTheStoredValidatorsAndAnEmptyOneClearsThem) {
  PollRecord first = ok_poll(at(1000));
  first.etag = "\"v1\"";
  first.body_hash = "fnv1a64:1:1";
  ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "ec-press", {}, first));
  ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "ec-press", {}, ok_poll(at(2000))));
  EXPECT_EQ(state_of("ec-press").etag, "\"v1\"");

  PollRecord without_etag = ok_poll(at(3000));
  without_etag.etag = "";
  ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "ec-press", {}, without_etag));
  EXPECT_EQ(state_of("ec-press").etag, "") << "a server that stops sending an ETag gets none back";
  EXPECT_EQ(state_of("ec-press").body_hash, "fnv1a64:1:1");
}

TEST_F(SourceStateTest, FailuresRaiseTheStreakWithKindNextAttemptAndRetryAfter) {
  fail("ec-press", {at(1000), 500, "HTTP 500", "http-status", at(2800)});
  fail("ec-press", {at(3000), 429, "HTTP 429", "http-status", at(6600), 3600s});

  const SourceFetchState state = state_of("ec-press");
  EXPECT_EQ(state.error_streak, 2);
  EXPECT_EQ(state.http_status, 429);
  EXPECT_EQ(state.last_error, "HTTP 429");
  EXPECT_EQ(state.failure_kind, "http-status");
  EXPECT_EQ(state.next_attempt, at(6600));
  EXPECT_EQ(state.retry_after, 3600s);
  EXPECT_EQ(state.last_attempt, at(3000));
  EXPECT_FALSE(state.is_disabled());
}

TEST_F(SourceStateTest, AnUnchangedPollIsASuccessThatClearsTheFailure) {
  fail("ec-press", {at(1000), 503, "HTTP 503", "http-status", at(2800), 60s});
  const UnchangedPoll poll{at(3000), 304, "\"v2\"", "", at(4800)};
  ASSERT_TRUE(store_->record_unchanged("ec-press", poll));

  const SourceFetchState state = state_of("ec-press");
  EXPECT_EQ(state.error_streak, 0);
  EXPECT_EQ(state.last_error, "");
  EXPECT_EQ(state.failure_kind, "");
  EXPECT_EQ(state.retry_after, std::nullopt);
  EXPECT_EQ(state.http_status, 304);
  EXPECT_EQ(state.last_success, at(3000));
  EXPECT_EQ(state.last_unchanged, at(3000));
  EXPECT_EQ(state.etag, "\"v2\"");
  EXPECT_EQ(state.next_attempt, at(4800));
}

TEST_F(SourceStateTest, GoneDisablesTheSourceUntilItsConfiguredUrlChanges) {
  fail("ec-press", {.at = at(1000), .http_status = 410, .error = "HTTP 410", .kind = "http-status",
                    .disable = true});
  SourceFetchState state = state_of("ec-press");
  EXPECT_TRUE(state.is_disabled());
  EXPECT_EQ(state.disabled_at, at(1000));
  EXPECT_EQ(state.disabled_reason, "HTTP 410");
  EXPECT_EQ(state.disabled_url, kConfiguredUrl);

  fail("ec-press", {at(2000), 0, "timed out", "timeout", at(3000)});
  EXPECT_TRUE(state_of("ec-press").is_disabled()) << "a later failure does not enable it";

  configure("https://ec.example.eu/new-rss");
  EXPECT_FALSE(state_of("ec-press").is_disabled());
}

TEST_F(SourceStateTest, AMovedSourceIsFetchedFromItsNewUrlUntilTheConfigChanges) {
  EXPECT_EQ(state_of("ec-press").fetch_url(), kConfiguredUrl);
  ASSERT_TRUE(store_->record_moved("ec-press", kConfiguredUrl, "https://ec.example.eu/moved"));
  EXPECT_EQ(state_of("ec-press").fetch_url(), "https://ec.example.eu/moved");

  configure("https://ec.example.eu/edited");
  EXPECT_EQ(state_of("ec-press").fetch_url(), "https://ec.example.eu/edited")
      << "a URL edited in the config wins over a remembered redirect";
}

TEST_F(SourceStateTest, UnknownSourcesAreNamedInTheError) {
  struct Case {
    const char* name;
    Result<void> result;
    const char* message;
  };
  const Case cases[] = {
      {"unchanged", store_->record_unchanged("nope", {at(1), 304}),
       "storage: record unchanged poll (source nope): no such source"},
      {"failed", store_->record_failed_fetch("nope", {at(1), 500, "HTTP 500"}),
       "storage: record failed fetch (source nope): no such source"},
      {"moved", store_->record_moved("nope", "https://a.example/", "https://b.example/"),
       "storage: record moved URL https://b.example/ (source nope): no such source"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(c.result);
    EXPECT_EQ(c.result.error().message, c.message);
  }
}

}  // namespace
}  // namespace omvarld::storage
