// app/time_format.h
//
// Times as the command line prints them: RFC 3339 in UTC for JSON and
// logs, and for people the local time of `[daemon] timezone` to the minute
// ("2026-12-06 16:05").

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::app {

std::string rfc3339(core::TimePoint time);
std::string rfc3339_or_empty(const std::optional<core::TimePoint>& time);

// A calendar day, as a deadline: "2027-03-15".
std::string iso_day(core::Date day);

// `time` on the clocks of `timezone` (an IANA name; UTC when it is unknown),
// to the minute: "2026-12-06 16:05".
std::string local_minute(core::TimePoint time, std::string_view timezone);
std::string local_minute_or_empty(const std::optional<core::TimePoint>& time,
                                  std::string_view timezone);

// The calendar day of `time` on the clocks of `timezone`: "2026-12-06".
std::string local_day(core::TimePoint time, std::string_view timezone);

// A calendar day as written on the command line, "2026-12-06"; nullopt for
// anything else.
std::optional<core::Date> parse_iso_day(std::string_view text);

// Reads back what rfc3339() wrote ("2026-12-06T15:05:00Z"), or the same
// with an offset ("2026-12-06T16:05:00+01:00"); nullopt for anything else.
std::optional<core::TimePoint> parse_rfc3339(std::string_view text);

}  // namespace omvarld::app
