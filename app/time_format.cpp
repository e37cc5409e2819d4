#include "app/time_format.h"

#include <sstream>

#include <date/date.h>
#include <date/tz.h>

#include "core/time_zone.h"

namespace omvarld::app {

std::string rfc3339(core::TimePoint time) { return date::format("%Y-%m-%dT%H:%M:%SZ", time); }

std::string rfc3339_or_empty(const std::optional<core::TimePoint>& time) {
  return time ? rfc3339(*time) : std::string();
}

std::string iso_day(core::Date day) { return date::format("%F", day); }

std::string local_minute(core::TimePoint time, std::string_view timezone) {
  const auto local = core::time_zone_or_utc(timezone).to_local(time);
  return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(local));
}

std::string local_minute_or_empty(const std::optional<core::TimePoint>& time,
                                  std::string_view timezone) {
  return time ? local_minute(*time, timezone) : std::string();
}

std::string local_day(core::TimePoint time, std::string_view timezone) {
  const auto local = core::time_zone_or_utc(timezone).to_local(time);
  return date::format("%F", date::floor<date::days>(local));
}

std::optional<core::Date> parse_iso_day(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  std::istringstream in{std::string(text)};
  date::sys_days day;
  in >> date::parse("%Y-%m-%d", day);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return day;
}

std::optional<core::TimePoint> parse_rfc3339(std::string_view text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%Ez"}) {
    std::istringstream in{std::string(text)};
    date::sys_seconds time;
    in >> date::parse(format, time);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return time;
  }
  return std::nullopt;
}

}  // namespace omvarld::app
