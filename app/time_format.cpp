#include "app/time_format.h"

#include <date/date.h>

namespace omvarld::app {

std::string rfc3339(core::TimePoint time) { return date::format("%Y-%m-%dT%H:%M:%SZ", time); }

std::string rfc3339_or_empty(const std::optional<core::TimePoint>& time) {
  return time ? rfc3339(*time) : std::string();
}

std::string iso_day(core::Date day) { return date::format("%F", day); }

}  // namespace omvarld::app
