// core/schedule.h
//
// A nämnd's digest schedule as the config writes it, in Swedish or English:
// "mån 07:00" (weekly), "tis,tor 07.00", "vardagar 07:30", "dagligen 7:00",
// "mån" (at 07:00), "7:00" (every day). Times are wall-clock times in the
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

// The time of a schedule that names only its days ("mån"), as the default
// schedule "mon 07:00": early enough to read before the working day.
inline constexpr int kDefaultScheduleHour = 7;

// Parses "DAYS TIME", "DAYS" (at 07:00) or "TIME" (every day), in any case
// ("MÅN", "Måndag"), with spaces around commas and the whole ignored.
// DAYS is a comma-separated list of any of: a weekday in full or in three
// letters, Swedish (måndag/mån, tisdag/tis, onsdag/ons, torsdag/tor,
// fredag/fre, lördag/lör, söndag/sön) or English (monday/mon … sunday/sun);
// "vardagar" or "weekdays" (Monday to Friday); "dagligen" or "daily".
// TIME is H:MM or HH:MM on the 24-hour clock, with "." instead of ":" too
// ("7.00"). Fails with kInvalidConfig and a message that says what is wrong
// and what to write (with a close spelling for an unknown day); the caller
// adds the key and position.
Result<Schedule> parse_schedule(std::string_view text);

// The canonical spelling: "daily 07:00", "mon,thu 07:00".
std::string to_string(const Schedule& schedule);

}  // namespace omvarld::core
