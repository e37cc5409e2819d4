// app/digest_schedule.h
//
// When a nämnd's digest is due. Schedules are wall-clock times in a named
// time zone, so "mon 07:00" stays 07:00 across summer time. Pure apart from
// reading the system's time zone database.

#pragma once

#include <optional>
#include <string>

#include "core/item.h"
#include "core/result.h"
#include "core/schedule.h"

namespace omvarld::app {

// The latest scheduled moment at or before `now`. Fails with kInvalidConfig
// when `timezone` is not in the time zone database.
Result<core::TimePoint> latest_slot(const core::Schedule& schedule, core::TimePoint now,
                                    const std::string& timezone);

// The first scheduled moment after `now`. Fails as latest_slot.
Result<core::TimePoint> next_slot(const core::Schedule& schedule, core::TimePoint now,
                                  const std::string& timezone);

// A digest is due when a scheduled moment has passed since the last
// delivery, or when nothing was ever delivered; so one missed while the
// daemon was down goes out as soon as it runs again.
Result<bool> is_due(const core::Schedule& schedule, std::optional<core::TimePoint> last_delivery,
                    core::TimePoint now, const std::string& timezone);

}  // namespace omvarld::app
