// sources/date_format.h
//
// Dates as a web page writes them, read by a format a coordinator gives in
// [source.html] date_format: "%d %B %Y" reads "15 mars 2027" and
// "12 November 2026" alike. Pure.

#pragma once

#include <optional>
#include <string_view>

#include "core/item.h"

namespace omvarld::sources {

// The first date in `text` that `format` describes, as UTC (a date without
// a time is midnight), or nullopt when there is none or it is impossible
// (31 April). Conversions, a little more lenient than strptime's: %d day
// and %m month (one or two digits), %B and %b a month name in Swedish or
// English, any case, full or abbreviated (core::month_number; a word of
// at most 12 letters), %Y a four-digit year, %y a two-digit one
// (2000-2069, 1970-1999), %H and %M the hour and minute, %% a percent
// sign. A space in the format matches any run of whitespace, also none;
// other characters match themselves in any case.
// The date may stand anywhere in `text` ("Publicerad 15 mars 2027, 14:00"),
// but not inside a longer number or word.
std::optional<core::TimePoint> read_formatted_date(std::string_view text, std::string_view format);

}  // namespace omvarld::sources
