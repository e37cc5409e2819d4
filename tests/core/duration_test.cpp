#include "core/duration.h"

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

using namespace std::chrono_literals;

TEST(ParseDuration, ReadsEveryUnit) {
  EXPECT_EQ(parse_duration("90s"), 90s);
  EXPECT_EQ(parse_duration("30m"), 30min);
  EXPECT_EQ(parse_duration("2h"), 2h);
  EXPECT_EQ(parse_duration("7d"), 7 * 24h);
  EXPECT_EQ(parse_duration("2w"), 14 * 24h);
  EXPECT_EQ(parse_duration("730d"), 730 * 24h);
}

TEST(ParseDuration, RejectsWhatIsNotOneNumberAndOneUnit) {
  for (const char* text : {"", "m", "30", "1.5h", "-2d", "30 m", "0m", "30x", "h30",
                           "half an hour", "99999999999999999999d"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_duration(text), std::nullopt);
  }
}

TEST(FormatDuration, UsesTheLargestExactUnit) {
  EXPECT_EQ(format_duration(1800s), "30m");
  EXPECT_EQ(format_duration(86400s), "1d");
  EXPECT_EQ(format_duration(90s), "90s");
  EXPECT_EQ(format_duration(14 * 24h), "2w");
}

}  // namespace
}  // namespace omvarld::core
