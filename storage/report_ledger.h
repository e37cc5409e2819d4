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

 protected:
  ~ReportLedger() = default;
};

}  // namespace omvarld::storage
