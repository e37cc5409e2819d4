#include "digest/local_calendar.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

#include "core/time_zone.h"

namespace omvarld::digest {

namespace {

// The local calendar day of `when`; UTC when `zone` is not a known zone.
date::local_days local_day(core::TimePoint when, std::string_view zone) {
  return date::floor<date::days>(core::time_zone_or_utc(zone).to_local(when));
}

}  // namespace

unsigned iso_week_number(core::TimePoint when, std::string_view zone) {
  const iso_week::year_weeknum_weekday week{local_day(when, zone)};
  return static_cast<unsigned>(week.weeknum());
}

core::Date local_date(core::TimePoint when, std::string_view zone) {
  return core::Date{local_day(when, zone).time_since_epoch()};
}

std::string format_swedish_day(core::Date day) {
  // Written, not read: core::month_number reads names, but digest/ does
  // not depend on feeds/.
  static constexpr std::array<const char*, 12> kMonthNames = {
      "januari", "februari", "mars",      "april",   "maj",      "juni",
      "juli",    "augusti",  "september", "oktober", "november", "december"};
  const std::chrono::year_month_day date{day};
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         kMonthNames[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year()));
}

std::string format_local_date(core::TimePoint when, std::string_view zone) {
  const date::year_month_day day{local_day(when, zone)};
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace omvarld::digest
