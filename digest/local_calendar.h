// digest/local_calendar.h
//
// Dates as a recipient sees them: the ISO week and the calendar day of a
// moment in the recipient's time zone (IANA name, "Europe/Stockholm"). Uses
// the operating system's time zone database; an unknown zone name falls back
// to UTC rather than failing a digest. Safe to call from any thread.

#pragma once

#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::digest {

// The ISO 8601 week number (1–53) of `when` in `zone`: 2026-12-31 is in week
// 53 of 2026, 2027-01-04 in week 1 of 2027.
unsigned iso_week_number(core::TimePoint when, std::string_view zone);

// The calendar day of `when` in `zone`, written the Swedish way: "2026-11-27".
std::string format_local_date(core::TimePoint when, std::string_view zone);

// The calendar day of `when` in `zone`.
core::Date local_date(core::TimePoint when, std::string_view zone);

// `day` in words, the Swedish way: "15 mars 2027", "1 januari 2028".
std::string format_swedish_day(core::Date day);

}  // namespace omvarld::digest
