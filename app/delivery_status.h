// app/delivery_status.h
//
// Where a nämnd's digests stand, for `omvarld status`: the last one
// delivered, the next one due by the schedule, and the failure of the last
// attempt, if it failed. Reads the store; runs on the caller's thread.

#pragma once

#include <optional>
#include <string>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "storage/delivery_ledger.h"

namespace omvarld::app {

struct DeliveryStatus {
  std::optional<core::TimePoint> last_digest;
  core::TimePoint next_due;  // a slot already passed when overdue
  bool overdue = false;      // goes out at the next `digest send`
  std::optional<storage::DeliveryFailure> failure;
};

// Fails with kStorage, or kInvalidConfig for an unknown time zone.
Result<DeliveryStatus> delivery_status(const config::NamndConfig& namnd,
                                       const storage::DeliveryLedger& store, core::TimePoint now,
                                       const std::string& timezone);

// RFC 3339 in `timezone`, with its offset: "2026-11-30T07:00:00+01:00".
// Falls back to UTC ("…Z") for a zone the database does not know.
std::string rfc3339_local(core::TimePoint time, const std::string& timezone);

}  // namespace omvarld::app
