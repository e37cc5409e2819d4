#include "app/poll_policy.h"

#include <gtest/gtest.h>

#include "app/document_hash.h"
#include "app/retry_backoff.h"

namespace omvarld::app {
namespace {

using namespace std::chrono_literals;

const core::TimePoint kNow{std::chrono::seconds{1'800'000'000}};

TEST(PollPolicy, PollsAgainAfterTheIntervalGiveOrTakeATenth) {
  struct Case {
    const char* name;
    std::chrono::seconds interval;
    double jitter;
    std::chrono::seconds delay;
  };
  const Case cases[] = {
      {"lowest jitter", 30min, 0.0, 27min},
      {"middle", 30min, 0.5, 30min},
      {"highest jitter", 30min, 0.999, 1979s},
      {"unset interval counts as a minute", 0s, 0.5, 1min},
      {"jitter out of range is clamped", 1h, 7.0, 66min},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(next_poll_after_success(kNow, c.interval, c.jitter), kNow + c.delay);
  }
}

TEST(PollPolicy, BacksOffExponentiallyFromTheIntervalUpToADayAndHonoursRetryAfter) {
  struct Case {
    const char* name;
    std::chrono::seconds interval;
    int streak;
    std::optional<std::chrono::seconds> retry_after;
    double jitter;
    std::chrono::seconds delay;
  };
  const Case cases[] = {
      {"first failure waits one interval", 30min, 1, {}, 0.5, 30min},
      {"second doubles", 30min, 2, {}, 0.5, 1h},
      {"fifth", 30min, 5, {}, 0.5, 8h},
      {"jitter applies to the backoff", 30min, 2, {}, 0.0, 54min},
      {"capped at a day", 30min, 7, {}, 0.5, 24h},
      {"never above a day with jitter", 30min, 40, {}, 0.999, 24h},
      {"a day's interval, less the jitter", 24h, 3, {}, 0.0, 77760s},
      {"Retry-After later than the backoff wins", 30min, 1, 2h, 0.5, 2h},
      {"backoff later than Retry-After wins", 30min, 4, 60s, 0.5, 4h},
      {"Retry-After is capped at a day", 30min, 1, 30 * 24h, 0.5, 24h},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(next_poll_after_failure(kNow, c.interval, c.streak, c.retry_after, c.jitter),
              kNow + c.delay);
  }
}

TEST(PollPolicy, OnlyGoneDisablesASource) {
  for (const long status : {0L, 200L, 301L, 403L, 404L, 429L, 500L, 503L}) {
    SCOPED_TRACE(status);
    EXPECT_FALSE(disables_source(status));
  }
  EXPECT_TRUE(disables_source(410));
}

TEST(DoublingDelay, DoublesFromTheFirstDelayUpToTheCap) {
  EXPECT_EQ(doubling_delay(10s, 0, 1h), 10s);
  EXPECT_EQ(doubling_delay(10s, 1, 1h), 10s);
  EXPECT_EQ(doubling_delay(10s, 4, 1h), 80s);
  EXPECT_EQ(doubling_delay(10s, 1000, 1h), 1h);
  EXPECT_EQ(doubling_delay(2h, 1, 1h), 1h);
}

TEST(DocumentHash, NamesTheAlgorithmTheDigestAndTheLength) {
  EXPECT_EQ(document_hash(""), "fnv1a64:cbf29ce484222325:0");
  EXPECT_EQ(document_hash("a"), "fnv1a64:af63dc4c8601ec8c:1");
  EXPECT_NE(document_hash("<rss>1</rss>"), document_hash("<rss>2</rss>"));
}

}  // namespace
}  // namespace omvarld::app
