// service/run_status.h
//
// The daemon's one-line status for `systemctl status` (sd_notify STATUS=),
// in Swedish for the coordinators who read it: "42 källor, 3 fel, nästa
// utskick mån 07:00". Pure apart from reading the time zone database.

#pragma once

#include <optional>
#include <string>

#include "core/item.h"

namespace omvarld::service {

struct RunStatus {
  int sources = 0;
  int failing = 0;  // sources whose last poll failed, or disabled
  std::optional<core::TimePoint> next_digest;  // the next digest slot or retry
};

// "42 källor, 3 fel, nästa utskick mån 07:00", the time local to `timezone`
// (UTC when the zone is unknown); "…, inga utskick planerade" without a
// next digest.
std::string to_status_line(const RunStatus& status, const std::string& timezone);

}  // namespace omvarld::service
