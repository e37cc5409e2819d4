// storage/source_polls.h
//
// SourcePolls: the store's role on the way in, what app/poll_cycle.h needs.
// The sources as configured, each one's fetch state (validators, backoff,
// 410 Gone, moved URLs), and a poll's items stored with their matches in
// one transaction with the poll's record. Implemented by ItemStore
// (storage/item_store.cpp, storage/poll_intake.cpp,
// storage/source_state.cpp) on its one connection, so the thread rule of
// storage/item_store.h applies.
//
// Identity, updates and the same story (storage/identity_rules.h): an item
// is stored once per (source, Item::key). When a poll brings a stored key
// again with another title, link, summary or content, the row is updated in
// place (updated_at set, first_seen kept): it is never new again, and its
// matches are re-evaluated as `reclassify` does — a nämnd it now concerns
// gets it pending, an undelivered match it lost goes, delivered ones stay.
// An id rotation (every key of a poll unknown, most of its items the same
// story as stored ones by canonical link or title and day) re-keys the
// stored rows instead of storing them again, and is recorded for the
// coordinators' report. Items sharing a canonical link or a title-day key
// are twins: storage/delivery_ledger.h says how digests treat them.

#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/records.h"

namespace omvarld::storage {

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
  // Empty when the poll succeeded. For store_poll: why part of the
  // document could not be read; the items read are stored, and the source
  // shows failing with this reason (failure kind "partial") until a poll
  // reads a document whole.
  std::string error;
  // How far back the matches of a nämnd that never had a digest reach
  // ([daemon] first_digest_reach; see storage/intake_rules.h).
  std::chrono::seconds first_digest_reach = std::chrono::days(14);
  // Fetch state (storage/source_state.cpp), stored in the same transaction
  // as the items so that validators never outlive a lost poll: the
  // document's validators and body hash, replaced when set, and when to
  // poll again.
  std::optional<std::string> etag = std::nullopt;
  std::optional<std::string> last_modified = std::nullopt;
  std::optional<std::string> body_hash = std::nullopt;
  std::optional<core::TimePoint> next_attempt = std::nullopt;
};

// What store_poll did with a poll (see storage/intake_rules.h).
struct PollOutcome {
  int new_items = 0;
  int held_matches = 0;  // matches of new items held as old news, never sent
  bool flood = false;    // an unusual number of new items; recorded for the report
  // Identity and updates (storage/poll_intake.cpp; see the top of this file).
  int updated_items = 0;     // stored items whose title, link or text changed
  int rekeyed_items = 0;     // stored items that got the key of an id rotation
  bool id_rotation = false;  // every id changed at once; recorded for the report
};

// What the poll cycle needs to know about a source before fetching it.
struct SourceFetchState {
  core::SourceId id;
  std::string url;  // as configured (sync_sources)
  std::string etag;
  std::string last_modified;
  std::string body_hash;  // of the last document stored, "" when none
  std::optional<core::TimePoint> last_attempt;
  std::optional<core::TimePoint> last_success;
  std::optional<core::TimePoint> last_unchanged;  // 304 or the same body hash
  long http_status = 0;
  std::string last_error;
  std::string failure_kind;  // "" after a success
  int error_streak = 0;
  std::optional<core::TimePoint> next_attempt;
  std::optional<std::chrono::seconds> retry_after;  // of the last 429 or 503
  std::optional<core::TimePoint> disabled_at;       // 410 Gone
  std::string disabled_reason;
  std::string disabled_url;
  std::string moved_to;    // after a permanent redirect chain, else ""
  std::string moved_from;  // the configured URL moved_to replaced

  // Disabled (410) for the URL still configured; a new URL enables it again.
  bool is_disabled() const { return disabled_at.has_value() && disabled_url == url; }
  // Moved permanently (a 301/308 chain) away from the URL still configured:
  // polled at moved_to until someone updates the configuration.
  bool is_moved() const { return !moved_to.empty() && moved_from == url; }
  // The URL to fetch: moved_to while moved, else the configured one.
  const std::string& fetch_url() const { return is_moved() ? moved_to : url; }
};

// A poll that found the document as it was: a 304, or a 2xx whose body has
// the stored hash. Counts as a success.
struct UnchangedPoll {
  core::TimePoint at;
  long http_status = 0;
  std::string etag = {};  // validators to keep (a 304 repeats the old ones)
  std::string last_modified = {};
  std::optional<core::TimePoint> next_attempt = std::nullopt;
};

// A failed fetch or a document that is not a feed.
struct FailedFetch {
  core::TimePoint at;
  long http_status = 0;
  std::string error = {};  // one line, as logged
  std::string kind = {};   // "dns", "http-status", "not-a-feed", …
  std::optional<core::TimePoint> next_attempt = std::nullopt;
  std::optional<std::chrono::seconds> retry_after = std::nullopt;
  bool disable = false;  // 410 Gone: stop polling until the URL changes
};

class SourcePolls {
 public:
  // Adds sources that are new and updates name and URL of known ones.
  virtual Result<void> sync_sources(std::span<const SourceRecord> sources) = 0;

  // Every known source's fetch state, by id.
  virtual Result<std::vector<SourceFetchState>> fetch_states() const = 0;

  // What store_poll calls to classify the items it takes in: once, with
  // every item it stores as new or updates because it changed, in the
  // order of the poll; it answers each one's matches, in the same order.
  // All at once, so that the caller may classify them side by side
  // (app/classify_items.h).
  using ClassifyItems =
      std::function<std::vector<std::vector<core::Match>>(std::span<const core::Item* const>)>;
  // The same, one item at a time.
  using Classify = std::function<std::vector<core::Match>(const core::Item&)>;

  // Stores the items that are new for their source (by Item::key) with
  // their matches, and records the poll, all in one transaction; items
  // already stored are updated or left as the top of this file says. A
  // match of a new item that is old news for its nämnd is stored held; a
  // poll that is a flood is recorded (both as storage/intake_rules.h
  // defines them). `classify` is asked only about the items stored as new
  // or updated because they changed, so a feed that brings nothing new
  // costs no classification (and the daemon need not even load its
  // dictionaries). Throws std::logic_error when it answers for another
  // number of items than it was asked about, as for any bug.
  virtual Result<PollOutcome> store_poll(const core::SourceId& source,
                                         std::span<const core::Item> items, PollRecord poll,
                                         const ClassifyItems& classify) = 0;

  Result<PollOutcome> store_poll(const core::SourceId& source, std::span<const core::Item> items,
                                 PollRecord poll, const Classify& classify) {
    return store_poll(source, items, poll, ClassifyItems([&classify](std::span<const core::Item* const> asked) {
      std::vector<std::vector<core::Match>> matches;
      matches.reserve(asked.size());
      for (const core::Item* item : asked) matches.push_back(classify(*item));
      return matches;
    }));
  }

  // Records an unchanged poll: a success (streak reset, error cleared)
  // that stores no item. One UPDATE.
  virtual Result<void> record_unchanged(const core::SourceId& source,
                                        const UnchangedPoll& poll) = 0;

  // Records a failed fetch: raises the source's error streak and keeps its
  // items, with the failure's kind, next attempt and Retry-After; `disable`
  // also disables the source for its configured URL.
  virtual Result<void> record_failed_fetch(const core::SourceId& source,
                                           const FailedFetch& failure) = 0;

  // Remembers that `from` (the configured URL) moved permanently to `to`.
  virtual Result<void> record_moved(const core::SourceId& source, const std::string& from,
                                    const std::string& to) = 0;

  // A batch: the calls above, until end_batch(), write into one
  // transaction, each call still all or nothing by itself (a savepoint), so
  // a poll cycle commits a few times instead of once per source. The batch
  // holds the write lock: end it before waiting long (on the network), or
  // other writers (the web archive's answers) wait meanwhile.
  // begin_batch() fails with kStorage or kStorageBusy (then each call is
  // its own transaction, as without a batch); one batch at a time.
  virtual Result<void> begin_batch() = 0;

  // Commits the batch; nothing to do without one. Fails when the commit
  // fails, or when SQLite rolled the batch back by itself after an error
  // (a full disk, an I/O error): then nothing written in it is kept,
  // whatever the calls answered.
  virtual Result<void> end_batch() = 0;

  // Whether a batch was begun and SQLite has rolled it back since: the
  // calls after that were each their own transaction; end_batch() says why.
  virtual bool batch_rolled_back() const = 0;

 protected:
  ~SourcePolls() = default;
};

}  // namespace omvarld::storage
