#include "core/spelling.h"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

TEST(ClosestSpelling, SuggestsOnlyCloseCandidates) {
  constexpr std::array<std::string_view, 4> kKeys = {"recipients", "schedule", "id", "query"};
  EXPECT_EQ(closest_spelling("recipents", kKeys), "recipients");
  EXPECT_EQ(closest_spelling("shcedule", kKeys), "schedule");
  EXPECT_EQ(closest_spelling("Query", kKeys), "query");
  EXPECT_EQ(closest_spelling("colour", kKeys), std::nullopt);
  EXPECT_EQ(closest_spelling("xy", kKeys), std::nullopt);
}

TEST(ClosestSpelling, PrefersTheNearestAndThenTheEarliest) {
  constexpr std::array<std::string_view, 3> kCommands = {"check-config", "digest", "items"};
  EXPECT_EQ(closest_spelling("chek-config", kCommands), "check-config");
  EXPECT_EQ(closest_spelling("digets", kCommands), "digest");
  constexpr std::array<std::string_view, 2> kTied = {"skr", "ska"};
  EXPECT_EQ(closest_spelling("skx", kTied), "skr");
}

}  // namespace
}  // namespace omvarld::core
