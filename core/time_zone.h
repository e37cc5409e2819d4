// core/time_zone.h
//
// The one lookup of a time zone by its IANA name ("Europe/Stockholm") in the
// operating system's tz database, and the one fallback. The date library
// throws for an unknown name; this is where that exception becomes a value.
// config/ checks names with it, app/ and digest/ find slots and local dates,
// service/ writes the status line. Safe to call from any thread.

#pragma once

#include <string_view>

#include <date/tz.h>

#include "core/result.h"

namespace omvarld::core {

// The zone named `name`; kInvalidConfig with the library's reason when
// there is none.
Result<const date::time_zone*> find_time_zone(std::string_view name);

// The zone named `name`, or UTC when there is none: for what is shown to
// people (a digest's dates, the status line), where a bad name must not
// fail the whole.
const date::time_zone& time_zone_or_utc(std::string_view name);

}  // namespace omvarld::core
