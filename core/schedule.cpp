#include "core/schedule.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace omvarld::core {

namespace {

constexpr std::array<std::string_view, 7> kEnglishDays = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kSwedishDays = {"mån", "tis", "ons", "tor",
                                                          "fre", "lör", "sön"};

int weekday_index(std::string_view name) {
  for (int day = 0; day < 7; ++day) {
    if (name == kEnglishDays[day] || name == kSwedishDays[day]) return day;
  }
  return -1;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = 0; at <= text.size(); ++at) {
    if (at == text.size() || text[at] == separator) {
      parts.push_back(text.substr(start, at - start));
      start = at + 1;
    }
  }
  return parts;
}

// "HH:MM", 24-hour clock, exactly two digits each.
bool parse_time(std::string_view text, int& hour, int& minute) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (size_t at : {0u, 1u, 3u, 4u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[at]))) return false;
  }
  hour = (text[0] - '0') * 10 + (text[1] - '0');
  minute = (text[3] - '0') * 10 + (text[4] - '0');
  return hour < 24 && minute < 60;
}

}  // namespace

Result<Schedule> parse_schedule(std::string_view text) {
  const std::string expected =
      "expected a schedule such as \"mon 07:00\", \"daily 07:00\" or \"mon,thu 07:00\", got \"" +
      std::string(text) + "\"";
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return fail(Errc::kInvalidConfig, expected);

  Schedule schedule;
  const std::string_view days = text.substr(0, space);
  if (days == "daily" || days == "dagligen") {
    schedule.weekdays.fill(true);
  } else {
    for (std::string_view name : split(days, ',')) {
      const int day = weekday_index(name);
      if (day < 0) {
        return fail(Errc::kInvalidConfig, "unknown weekday \"" + std::string(name) + "\"; " + expected);
      }
      schedule.weekdays[static_cast<size_t>(day)] = true;
    }
  }
  if (!parse_time(text.substr(space + 1), schedule.hour, schedule.minute)) {
    return fail(Errc::kInvalidConfig, expected);
  }
  return schedule;
}

std::string to_string(const Schedule& schedule) {
  std::string days;
  bool every_day = true;
  for (int day = 0; day < 7; ++day) {
    if (!schedule.weekdays[static_cast<size_t>(day)]) {
      every_day = false;
      continue;
    }
    if (!days.empty()) days += ',';
    days += kEnglishDays[static_cast<size_t>(day)];
  }
  char time[6];
  std::snprintf(time, sizeof time, "%02d:%02d", schedule.hour, schedule.minute);
  return (every_day ? std::string("daily") : days) + " " + time;
}

}  // namespace omvarld::core
