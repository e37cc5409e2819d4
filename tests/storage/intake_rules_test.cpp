// The rules store_poll applies to new items: old news is held, floods are
// recognised.

#include "storage/intake_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using namespace std::chrono_literals;
using testing::at;

const core::TimePoint kNow = at(1'800'000'000);

TEST(IntakeRules, HoldsOnlyDatedItemsOlderThanTheLastDigestOrTheFirstDigestReach) {
  struct Case {
    const char* name;
    std::optional<core::TimePoint> published;
    std::optional<core::TimePoint> last_digest;
    bool held;
  };
  const std::vector<Case> cases = {
      {"undated, never held", std::nullopt, kNow - 1h, false},
      {"undated without digest", std::nullopt, std::nullopt, false},
      {"after the last digest", kNow - 2h, kNow - 3h, false},
      {"dated the morning of the digest, arriving late", kNow - 30h, kNow - 20h, false},
      {"a week before the last digest", kNow - 8 * 24h, kNow - 24h, true},
      {"no digest yet, 13 days old", kNow - 13 * 24h, std::nullopt, false},
      {"no digest yet, 15 days old", kNow - 15 * 24h, std::nullopt, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_old_news(c.published, c.last_digest, kNow), c.held);
  }
}

TEST(IntakeRules, CallsAPollAFloodAboveAHundredOrTenTimesTheUsualCount) {
  struct Case {
    const char* name;
    int new_items;
    std::vector<int> earlier;
    bool flood;
  };
  const std::vector<Case> cases = {
      {"a new source's first 100", 100, {}, false},
      {"a new source's first 101", 101, {}, true},
      {"ids changed: 40 where 2 is usual", 40, {2, 1, 3, 2, 2}, true},
      {"40 with too little history", 40, {2, 1, 3, 2}, false},
      {"below the minimum of 20", 20, {1, 1, 1, 1, 1}, false},
      {"a busy source's normal day", 60, {50, 70, 40, 65, 55}, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_flood(c.new_items, c.earlier), c.flood);
  }
}

}  // namespace
}  // namespace omvarld::storage
