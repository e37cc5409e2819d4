// core/dates.h
//
// Dates as feeds write them: RFC 822/1123 (RSS) with the usual variations,
// ISO 8601 / W3C-DTF (Atom, dc:date), and Swedish month and weekday names.
// Used by feeds/, by net/ for HTTP headers, and by sources/ for dates on
// web pages and in newsletters. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::core {

// The instant `text` names, in UTC, or nullopt when it cannot be read with
// certainty (an unknown zone, an impossible day): never a wrong date. A date
// without a time is midnight; a time without a zone is UTC.
std::optional<core::TimePoint> parse_date(std::string_view text);

// 1–12 for a month name in any case, Swedish or English, full or abbreviated
// ("mars", "March", "Mar", "sept."), else nullopt.
std::optional<int> month_number(std::string_view name);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_rfc3339(core::TimePoint time);

}  // namespace omvarld::core
