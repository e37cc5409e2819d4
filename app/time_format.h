// app/time_format.h
//
// Times as the command line prints them: RFC 3339 in UTC.

#pragma once

#include <optional>
#include <string>

#include "core/item.h"

namespace omvarld::app {

std::string rfc3339(core::TimePoint time);
std::string rfc3339_or_empty(const std::optional<core::TimePoint>& time);

// A calendar day, as a deadline: "2027-03-15".
std::string iso_day(core::Date day);

}  // namespace omvarld::app
