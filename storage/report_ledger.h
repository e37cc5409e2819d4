// storage/report_ledger.h
//
// ReportLedger: the delivery ledger (storage/delivery_ledger.h) with what
// the coordinators' report (app/coordinator_report.h) reads besides: each
// source's health, floods, id rotations, what each nämnd received in a
// period and the officials' answers about it (storage/feedback_votes.h).
// Implemented by ItemStore (storage/item_queries.cpp,
// storage/delivery_records.cpp, storage/twins.cpp) on its one connection,
// so the thread rule of storage/item_store.h applies.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/delivery_ledger.h"
#include "storage/feedback_votes.h"
#include "storage/records.h"

namespace omvarld::storage {

struct SourceStatus {
  SourceRecord source;
  std::optional<core::TimePoint> last_attempt;
  std::optional<core::TimePoint> last_success;
  long http_status = 0;
  std::string last_error;
  int error_streak = 0;
  std::optional<core::TimePoint> failing_since;  // first failed poll of the streak
  std::int64_t item_count = 0;
  std::optional<core::TimePoint> last_new_item;  // when an item was last first seen
};

// A poll that brought an unusual number of new items.
struct FloodRecord {
  core::SourceId source;
  core::TimePoint at;
  int new_items = 0;
  int held_matches = 0;
};

// A poll whose every id changed at once (storage/source_polls.h).
struct IdRotationRecord {
  core::SourceId source;
  core::TimePoint at;
  int rekeyed_items = 0;
};

// What a nämnd received in a period.
struct NamndActivity {
  core::NamndId namnd;
  // Items that concern the nämnd in the period: matched among the items
  // first seen in it (held ones left out) or delivered to it in it, which
  // takes in older items that `reclassify` matched.
  std::int64_t matches = 0;
  std::int64_t digests = 0;  // delivered in the period
};

// The matches of one nämnd in one week of a weekly_matches() period.
struct WeekMatches {
  core::NamndId namnd;
  int week = 0;  // 0 for the period's first week
  std::int64_t matches = 0;
};

// How many weeks weekly_matches() counts at most: the coordinators' chart
// shows 26; ten years is more than anyone scrolls.
inline constexpr int kMaxCountedWeeks = 520;

class ReportLedger : public DeliveryLedger, public FeedbackTally {
 public:
  // Every known source with its last poll, error streak and item count.
  virtual Result<std::vector<SourceStatus>> source_status() const = 0;

  // Floods recorded at or after `since`, oldest first.
  virtual Result<std::vector<FloodRecord>> floods_since(core::TimePoint since) const = 0;

  // Id rotations recorded at or after `since`, oldest first (twins.cpp).
  virtual Result<std::vector<IdRotationRecord>> id_rotations_since(
      core::TimePoint since) const = 0;

  // Per nämnd with any match or digest at or after `since`, by nämnd id.
  virtual Result<std::vector<NamndActivity>> namnd_activity(core::TimePoint since) const = 0;

  // Per nämnd and week, the items that concern it (held ones left out) by
  // when they were first seen: week k is [first_week + 7k days, + 7 days),
  // for `weeks` weeks (1..kMaxCountedWeeks; more are cut). Weeks are exact
  // 7-day spans of UTC from `first_week` (the caller picks a Monday 00:00
  // UTC); weeks without a match are left out. By nämnd id, then week.
  virtual Result<std::vector<WeekMatches>> weekly_matches(core::TimePoint first_week,
                                                          int weeks) const = 0;

 protected:
  ~ReportLedger() = default;
};

}  // namespace omvarld::storage
