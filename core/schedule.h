// core/schedule.h
//
// A nämnd's digest schedule as the config writes it: "mon 07:00" (weekly),
// "daily 07:00", "mon,thu 07:00". Times are wall-clock times in the
// configured time zone. Pure functions.

#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld::core {

struct Schedule {
  std::array<bool, 7> weekdays{};  // index 0 = Monday … 6 = Sunday
  int hour = 0;
  int minute = 0;

  friend bool operator==(const Schedule&, const Schedule&) = default;
};

// Parses "DAYS HH:MM" where DAYS is "daily" or a comma-separated list of
// mon tue wed thu fri sat sun (Swedish mån tis ons tor fre lör sön too).
// Fails with kInvalidConfig and a message that says what was expected; the
// caller adds the position.
Result<Schedule> parse_schedule(std::string_view text);

// The canonical spelling: "daily 07:00", "mon,thu 07:00".
std::string to_string(const Schedule& schedule);

}  // namespace omvarld::core
