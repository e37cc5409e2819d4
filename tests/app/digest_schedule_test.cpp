#include "app/digest_schedule.h"

#include <sstream>

#include <gtest/gtest.h>

#include <date/date.h>

namespace omvarld::app {
namespace {

core::TimePoint utc(const char* text) {
  std::istringstream in(text);
  core::TimePoint time;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", time);
  EXPECT_FALSE(in.fail()) << text;
  return time;
}

core::Schedule schedule(const char* text) { return *core::parse_schedule(text); }

constexpr const char* kStockholm = "Europe/Stockholm";

TEST(LatestSlot, IsTheLastScheduledMomentAtOrBeforeNow) {
  // Monday 2026-11-30, 07:00 in Stockholm is 06:00 UTC (CET, +01:00).
  EXPECT_EQ(latest_slot(schedule("mon 07:00"), utc("2026-11-30T05:59:59Z"), kStockholm),
            utc("2026-11-23T06:00:00Z"));
  EXPECT_EQ(latest_slot(schedule("mon 07:00"), utc("2026-11-30T06:00:00Z"), kStockholm),
            utc("2026-11-30T06:00:00Z"));
  EXPECT_EQ(latest_slot(schedule("mon,thu 07:00"), utc("2026-12-04T12:00:00Z"), kStockholm),
            utc("2026-12-03T06:00:00Z"));
}

TEST(LatestSlot, KeepsWallClockTimeInSummer) {
  // Monday 2026-06-01, 07:00 CEST is 05:00 UTC.
  EXPECT_EQ(latest_slot(schedule("mon 07:00"), utc("2026-06-01T05:30:00Z"), kStockholm),
            utc("2026-06-01T05:00:00Z"));
}

TEST(LatestSlot, MovesASlotInTheSpringGapToTheEndOfTheGap) {
  // 2026-03-29 02:30 does not exist in Stockholm: clocks go from 02:00 to 03:00.
  EXPECT_EQ(latest_slot(schedule("daily 02:30"), utc("2026-03-29T02:00:00Z"), kStockholm),
            utc("2026-03-29T01:00:00Z"));
}

TEST(LatestSlot, TakesTheFirstOfTwoMomentsInTheAutumnOverlap) {
  // 2026-10-25 02:30 happens twice in Stockholm: at 00:30 and 01:30 UTC.
  EXPECT_EQ(latest_slot(schedule("daily 02:30"), utc("2026-10-25T01:45:00Z"), kStockholm),
            utc("2026-10-25T00:30:00Z"));
}

TEST(LatestSlot, RejectsAnUnknownTimeZone) {
  auto slot = latest_slot(schedule("mon 07:00"), utc("2026-11-30T06:00:00Z"), "Europe/Linkoping");
  ASSERT_FALSE(slot);
  EXPECT_EQ(slot.error().code, Errc::kInvalidConfig);
  EXPECT_EQ(slot.error().message.rfind("unknown time zone \"Europe/Linkoping\"", 0), 0u)
      << slot.error().message;
}

TEST(IsDue, WhenASlotPassedSinceTheLastDeliveryOrNothingWasEverSent) {
  const auto weekly = schedule("mon 07:00");
  const auto now = utc("2026-11-30T09:00:00Z");
  EXPECT_EQ(is_due(weekly, std::nullopt, now, kStockholm), true);
  EXPECT_EQ(is_due(weekly, utc("2026-11-30T06:00:05Z"), now, kStockholm), false);
  // The daemon was down on Monday morning: the digest goes out when it runs.
  EXPECT_EQ(is_due(weekly, utc("2026-11-23T06:00:05Z"), now, kStockholm), true);
}

}  // namespace
}  // namespace omvarld::app
