#include "app/digest_schedule.h"

#include <chrono>

#include <date/tz.h>

#include "core/time_zone.h"

namespace omvarld::app {

Result<core::TimePoint> latest_slot(const core::Schedule& schedule, core::TimePoint now,
                                    const std::string& timezone) {
  const auto found = core::find_time_zone(timezone);
  if (!found) {
    return fail(Errc::kInvalidConfig, "unknown time zone \"" + timezone + "\": " + found.error().message);
  }
  const date::time_zone* zone = *found;
  using namespace std::chrono;
  const auto local_now = zone->to_local(now);
  const auto today = floor<days>(local_now);
  // Look back over the last eight local days: at least one weekday is set.
  for (int back = 0; back <= 7; ++back) {
    const auto day = today - days(back);
    const unsigned weekday = date::weekday(date::local_days(day)).iso_encoding();  // 1 = Monday
    if (!schedule.weekdays[weekday - 1]) continue;
    const auto local_slot = day + hours(schedule.hour) + minutes(schedule.minute);
    // A slot inside the spring-forward gap moves to the first moment after
    // it; in the autumn overlap the first of the two moments counts.
    const auto slot = floor<seconds>(zone->to_sys(local_slot, date::choose::earliest));
    if (slot <= now) return slot;
  }
  return fail(Errc::kInvalidConfig, "schedule has no weekday");
}

Result<core::TimePoint> next_slot(const core::Schedule& schedule, core::TimePoint now,
                                  const std::string& timezone) {
  // The latest slot at or before a moment a week ahead, stepping back while
  // it still lies after now. Slots are at least a day apart, so this ends.
  using namespace std::chrono;
  auto slot = latest_slot(schedule, now + days(8), timezone);
  if (!slot) return slot;
  for (;;) {
    auto earlier = latest_slot(schedule, *slot - seconds(1), timezone);
    if (!earlier) return earlier;
    if (*earlier <= now) return slot;
    slot = earlier;
  }
}

Result<bool> is_due(const core::Schedule& schedule, std::optional<core::TimePoint> last_delivery,
                    core::TimePoint now, const std::string& timezone) {
  auto slot = latest_slot(schedule, now, timezone);
  if (!slot) return unexpected<Error>(slot.error());
  return !last_delivery || *last_delivery < *slot;
}

}  // namespace omvarld::app
