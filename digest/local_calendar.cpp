#include "digest/local_calendar.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>

#include <cstdio>
#include <exception>

namespace omvarld::digest {

namespace {

// The local calendar day of `when`; UTC when `zone` is not a known zone.
date::local_days local_day(core::TimePoint when, std::string_view zone) {
  try {
    const date::time_zone* tz = date::locate_zone(zone);
    return date::floor<date::days>(tz->to_local(when));
  } catch (const std::exception&) {
    return date::local_days{date::floor<date::days>(when).time_since_epoch()};
  }
}

}  // namespace

unsigned iso_week_number(core::TimePoint when, std::string_view zone) {
  const iso_week::year_weeknum_weekday week{local_day(when, zone)};
  return static_cast<unsigned>(week.weeknum());
}

std::string format_local_date(core::TimePoint when, std::string_view zone) {
  const date::year_month_day day{local_day(when, zone)};
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace omvarld::digest
