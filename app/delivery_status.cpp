#include "app/delivery_status.h"

#include <chrono>
#include <cstdio>

#include <date/tz.h>

#include "app/digest_schedule.h"
#include "app/time_format.h"
#include "core/time_zone.h"

namespace omvarld::app {

Result<DeliveryStatus> delivery_status(const config::NamndConfig& namnd,
                                       const storage::DeliveryLedger& store, core::TimePoint now,
                                       const std::string& timezone) {
  DeliveryStatus status;
  auto last = store.last_delivery(namnd.id);
  if (!last) return unexpected<Error>(last.error());
  status.last_digest = *last;
  auto due = is_due(namnd.schedule, status.last_digest, now, timezone);
  if (!due) return unexpected<Error>(due.error());
  status.overdue = *due;
  auto slot = *due ? latest_slot(namnd.schedule, now, timezone)
                   : next_slot(namnd.schedule, now, timezone);
  if (!slot) return unexpected<Error>(slot.error());
  status.next_due = *slot;
  auto failure = store.delivery_failure(namnd.id);
  if (!failure) return unexpected<Error>(failure.error());
  status.failure = *failure;
  return status;
}

std::string rfc3339_local(core::TimePoint time, const std::string& timezone) {
  const auto found = core::find_time_zone(timezone);
  if (!found) return rfc3339(time);
  const date::time_zone* zone = *found;
  const date::sys_info info = zone->get_info(time);
  const auto local = time + info.offset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss clock{local - day};
  const auto offset_minutes = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  const long long offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d%c%02lld:%02lld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()), offset_minutes < 0 ? '-' : '+',
                offset / 60, offset % 60);
  return text;
}

}  // namespace omvarld::app
