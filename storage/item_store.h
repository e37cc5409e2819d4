// storage/item_store.h
//
// ItemStore is omvarld's memory: the SQLite file that holds sources, items,
// which nämnder each item concerns, and which digests delivered what.
//
// One ItemStore owns one connection and must be used from one thread at a
// time; other processes (the CLI beside the daemon) may open the same file.
// Every write is one transaction: a failed call leaves nothing half-written.

#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::storage {

struct SourceRecord {
  core::SourceId id;
  std::string name;
  std::string url;
};

// An item as fetched, with the nämnder it concerns (possibly none).
struct ClassifiedItem {
  core::Item item;
  std::vector<core::Match> matches;
};

// The outcome of one poll of one source.
struct PollRecord {
  core::TimePoint at;
  long http_status = 0;
  int new_items = 0;
  std::string error;  // empty when the poll succeeded
  // How far back the matches of a nämnd that never had a digest reach
  // ([daemon] first_digest_reach; see storage/intake_rules.h).
  std::chrono::seconds first_digest_reach = std::chrono::days(14);
};

// What store_poll did with a poll (see storage/intake_rules.h).
struct PollOutcome {
  int new_items = 0;
  int held_matches = 0;  // matches of new items held as old news, never sent
  bool flood = false;    // an unusual number of new items; recorded for the report
};

struct StoredItem {
  std::int64_t id = 0;
  core::Item item;
  core::TimePoint first_seen;
};

// An item waiting for a nämnd's next digest, with why it is there.
struct PendingItem {
  StoredItem stored;
  core::Match match;
};

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

// A nämnd whose digest could not be delivered since its last success.
struct DeliveryFailure {
  core::NamndId namnd;
  int streak = 0;  // failed attempts in a row
  core::TimePoint first_failure;
  core::TimePoint last_failure;
  std::string last_error;
  core::TimePoint next_attempt;  // no retry before this
};

// A poll that brought an unusual number of new items.
struct FloodRecord {
  core::SourceId source;
  core::TimePoint at;
  int new_items = 0;
  int held_matches = 0;
};

// What a nämnd received in a period.
struct NamndActivity {
  core::NamndId namnd;
  std::int64_t matches = 0;  // of items first seen in the period, held ones left out
  std::int64_t digests = 0;  // delivered in the period
};

// A coordinators' report the transport accepted.
struct ReportRecord {
  std::string message_id;
  std::string subject;
  core::TimePoint delivered_at;
};

// The matches of one stored item under the current filters.
struct Reclassification {
  std::int64_t item_id = 0;
  std::vector<core::Match> matches;
};

// What replace_matches changed.
struct MatchChanges {
  int added = 0;           // new matches: they join the nämnd's next digest
  int updated = 0;         // same nämnd, other terms, topics or title terms
  int removed = 0;         // no longer matching and never delivered: gone
  int kept_delivered = 0;  // no longer matching but delivered: kept as history
};

struct DeliveryRecord {
  core::NamndId namnd;
  std::string message_id;
  std::string subject;
  core::TimePoint delivered_at;
};

struct ItemQuery {
  std::optional<core::TimePoint> since;  // first seen at or after
  std::optional<core::NamndId> namnd;    // only items that concern this nämnd
  int limit = 1000;
};

class ItemStore {
 public:
  // Opens or creates the database at `path` (":memory:" for a private one)
  // and brings its schema up to date. Fails with kStorage naming the path.
  static Result<ItemStore> open(const std::string& path);

  ItemStore(ItemStore&&) noexcept;
  ItemStore& operator=(ItemStore&&) noexcept;
  ~ItemStore();

  // Adds sources that are new and updates name and URL of known ones.
  Result<void> sync_sources(std::span<const SourceRecord> sources);

  // Stores the items that are new for their source (by Item::key) with their
  // matches, and records the poll, all in one transaction. Items already
  // stored are left as they are. A match of a new item that is old news for
  // its nämnd is stored held; a poll that is a flood is recorded (both as
  // storage/intake_rules.h defines them).
  Result<PollOutcome> store_poll(const core::SourceId& source,
                                 std::span<const ClassifiedItem> items, PollRecord poll);

  // Records a failed poll: raises the source's error streak, keeps its items.
  Result<void> record_failure(const core::SourceId& source, const PollRecord& poll);

  // Every item that concerns `namnd`, is not held, and no delivered digest
  // of that nämnd holds yet, newest first.
  Result<std::vector<PendingItem>> undelivered(const core::NamndId& namnd) const;

  // Marks `item_ids` delivered to the nämnd by the digest `delivery`, and
  // clears its delivery failure. Call only after the transport accepted the
  // message.
  Result<void> record_delivery(const DeliveryRecord& delivery,
                               std::span<const std::int64_t> item_ids);

  // When the nämnd's last digest was delivered, if ever.
  Result<std::optional<core::TimePoint>> last_delivery(const core::NamndId& namnd) const;

  // Stored items, newest first.
  Result<std::vector<StoredItem>> items(const ItemQuery& query) const;

  // The nämnder an item concerns, as stored with it.
  Result<std::vector<core::Match>> matches_of(std::int64_t item_id) const;

  Result<std::vector<SourceStatus>> source_status() const;

  // Replaces each item's matches with those given, in one transaction
  // (reclassify.cpp): new ones are not held, so they join the next digest;
  // one that no longer matches is removed unless a digest delivered it, and
  // an item a nämnd has received is never pending for it again.
  Result<MatchChanges> replace_matches(std::span<const Reclassification> items);

  // Delivery bookkeeping (delivery_records.cpp). The nämnd's current
  // failure, if its last attempt failed.
  Result<std::optional<DeliveryFailure>> delivery_failure(const core::NamndId& namnd) const;

  // Replaces the nämnd's failure record; record_delivery clears it.
  Result<void> record_delivery_failure(const DeliveryFailure& failure);

  // Floods recorded at or after `since`, oldest first.
  Result<std::vector<FloodRecord>> floods_since(core::TimePoint since) const;

  // Per nämnd with any match or digest at or after `since`, by nämnd id.
  Result<std::vector<NamndActivity>> namnd_activity(core::TimePoint since) const;

  // When the last coordinators' report was delivered, if ever.
  Result<std::optional<core::TimePoint>> last_report() const;

  // Records a coordinators' report the transport accepted.
  Result<void> record_report(const ReportRecord& report);

 private:
  struct Connection;
  explicit ItemStore(std::unique_ptr<Connection> connection);

  std::unique_ptr<Connection> connection_;
};

}  // namespace omvarld::storage
