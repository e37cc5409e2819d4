// storage/item_store.h
//
// ItemStore is omvarld's memory: the SQLite file that holds sources, items,
// which nämnder each item concerns, and which digests delivered what.
//
// One ItemStore owns one connection and must be used from one thread at a
// time; other processes (the CLI beside the daemon) may open the same file.
// Every write is one transaction: a failed call leaves nothing half-written.

#pragma once

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
  std::int64_t item_count = 0;
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
  // stored are left as they are. Returns how many were new.
  Result<int> store_poll(const core::SourceId& source, std::span<const ClassifiedItem> items,
                         PollRecord poll);

  // Records a failed poll: raises the source's error streak, keeps its items.
  Result<void> record_failure(const core::SourceId& source, const PollRecord& poll);

  // Every item that concerns `namnd` and no delivered digest of that nämnd
  // holds yet, newest first.
  Result<std::vector<PendingItem>> undelivered(const core::NamndId& namnd) const;

  // Marks `item_ids` delivered to the nämnd by the digest `delivery`. Call
  // only after the transport accepted the message.
  Result<void> record_delivery(const DeliveryRecord& delivery,
                               std::span<const std::int64_t> item_ids);

  // When the nämnd's last digest was delivered, if ever.
  Result<std::optional<core::TimePoint>> last_delivery(const core::NamndId& namnd) const;

  // Stored items, newest first.
  Result<std::vector<StoredItem>> items(const ItemQuery& query) const;

  // The nämnder an item concerns, as stored with it.
  Result<std::vector<core::Match>> matches_of(std::int64_t item_id) const;

  Result<std::vector<SourceStatus>> source_status() const;

 private:
  struct Connection;
  explicit ItemStore(std::unique_ptr<Connection> connection);

  std::unique_ptr<Connection> connection_;
};

}  // namespace omvarld::storage
