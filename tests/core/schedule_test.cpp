#include "core/schedule.h"

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

TEST(ParseSchedule, ReadsWeeklyDailyAndListedDays) {
  auto weekly = parse_schedule("mon 07:00");
  ASSERT_TRUE(weekly);
  EXPECT_TRUE(weekly->weekdays[0]);
  EXPECT_FALSE(weekly->weekdays[1]);
  EXPECT_EQ(weekly->hour, 7);
  EXPECT_EQ(weekly->minute, 0);

  auto daily = parse_schedule("daily 16:45");
  ASSERT_TRUE(daily);
  for (bool day : daily->weekdays) EXPECT_TRUE(day);
  EXPECT_EQ(to_string(*daily), "daily 16:45");

  auto twice = parse_schedule("mon,thu 07:00");
  ASSERT_TRUE(twice);
  EXPECT_EQ(to_string(*twice), "mon,thu 07:00");
}

TEST(ParseSchedule, AcceptsSwedishDayNames) {
  auto schedule = parse_schedule("mån,tor 08:30");
  ASSERT_TRUE(schedule);
  EXPECT_EQ(to_string(*schedule), "mon,thu 08:30");
}

TEST(ParseSchedule, ExplainsWhatItExpected) {
  auto bad = parse_schedule("monday 7am");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "unknown weekday \"monday\"; expected a schedule such as \"mon 07:00\", "
            "\"daily 07:00\" or \"mon,thu 07:00\", got \"monday 7am\"");
  for (const char* text : {"", "mon", "mon 7:00", "mon 24:00", "mon 07:60", "mon,,thu 07:00",
                           "07:00 mon"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_schedule(text));
  }
}

}  // namespace
}  // namespace omvarld::core
