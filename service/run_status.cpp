#include "service/run_status.h"

#include <chrono>

#include <date/tz.h>
#include <spdlog/fmt/fmt.h>

#include "core/time_zone.h"

namespace omvarld::service {

namespace {

constexpr const char* kWeekdays[] = {"mån", "tis", "ons", "tor", "fre", "lör", "sön"};

// "mån 07:00" in `timezone`.
std::string local_weekday_and_time(core::TimePoint when, const std::string& timezone) {
  using namespace std::chrono;
  const auto local = core::time_zone_or_utc(timezone).to_local(floor<minutes>(when));
  const auto day = floor<days>(local);
  const unsigned weekday = date::weekday(date::local_days(day)).iso_encoding();  // 1 = Monday
  const auto minute_of_day = duration_cast<minutes>(local - day).count();
  return fmt::format("{} {:02}:{:02}", kWeekdays[weekday - 1], minute_of_day / 60,
                     minute_of_day % 60);
}

}  // namespace

std::string to_status_line(const RunStatus& status, const std::string& timezone) {
  std::string line = fmt::format("{} {}, {} fel, ", status.sources,
                                 status.sources == 1 ? "källa" : "källor", status.failing);
  if (!status.next_digest) return line + "inga utskick planerade";
  return line + "nästa utskick " + local_weekday_and_time(*status.next_digest, timezone);
}

}  // namespace omvarld::service
