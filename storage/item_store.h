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
#include <functional>
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
  // Identity and updates (storage/poll_intake.cpp; see "Identity, updates
  // and the same story" below).
  int updated_items = 0;     // stored items whose title, link or text changed
  int rekeyed_items = 0;     // stored items that got the key of an id rotation
  bool id_rotation = false;  // every id changed at once; recorded for the report
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
  // The same story from other feeds (or again from this one), pending for
  // the nämnd too and shown as this one: first seen first.
  std::vector<StoredItem> also_in = {};
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

// Whether the last failed attempt may succeed if repeated unchanged.
enum class DeliveryFailureKind {
  kTemporary,  // a server down, a 4xx: retried with backoff
  kPermanent,  // refused for good (an SMTP 5xx): waits for a change
};

// A nämnd whose digest could not be delivered since its last success.
struct DeliveryFailure {
  core::NamndId namnd;
  int streak = 0;  // failed attempts in a row
  core::TimePoint first_failure;
  core::TimePoint last_failure;
  std::string last_error;
  core::TimePoint next_attempt;  // no retry before this
  DeliveryFailureKind kind = DeliveryFailureKind::kTemporary;  // of the last attempt
  // What the caller's configuration looked like at the last attempt
  // (app/digest_run.h), so that a permanent refusal is tried again
  // once it changes; "" when unknown.
  std::string config_fingerprint = {};
};

// Who is sending one mail now (see "Send leases" below).
struct SendLease {
  std::string name;   // "digest:linkoping/utbildning", "report"
  std::string owner;  // the holder's token, "pid 4711 3f9a…"
  core::TimePoint expires_at;
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

// ---- Identity, updates and the same story (storage/poll_intake.cpp,
// storage/twins.cpp, storage/identity_rules.h) ----
//
// An item is stored once per (source, Item::key). When a poll brings a
// stored key again with another title, link, summary or content, the row
// is updated in place (updated_at set, first_seen kept): it is never new
// again, and its matches are re-evaluated as `reclassify` does — a nämnd
// it now concerns gets it pending, an undelivered match it lost goes,
// delivered ones stay. An id rotation (every key of a poll unknown, most
// of its items the same story as stored ones by canonical link or title
// and day) re-keys the stored rows instead of storing them again, and is
// recorded for the coordinators' report.
//
// Twins: items sharing a canonical link or a title-day key. A nämnd's
// pending twins are one PendingItem (the first seen, the rest in also_in);
// record_delivery marks every stored twin of a delivered item delivered
// to the nämnd, and an item whose twin the nämnd already received is not
// pending.

// A poll whose every id changed at once (see above).
struct IdRotationRecord {
  core::SourceId source;
  core::TimePoint at;
  int rekeyed_items = 0;
};

// ---- Fetch state per source (storage/source_state.cpp) ----

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
  // The URL to fetch: moved_to while the configuration still names the URL
  // it replaced, else the configured one.
  const std::string& fetch_url() const {
    return !moved_to.empty() && moved_from == url ? moved_to : url;
  }
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

// ---- Full-text search, retention and backup (storage/search.cpp,
// storage/retention.cpp, storage/backup.cpp) ----

// A full-text search over the items' title, summary and content.
//
// `text` is what a person types, never FTS5 syntax: words, each of which
// must occur (AND); "a phrase" in double quotes, its words in this order;
// a trailing * for every word that starts so (skol*); OR (ELLER) between
// two words or phrases for either; NOT (INTE) between two for the first
// without the second. Explicit AND (OCH) is the default. Case is ignored
// (Å = å), but å, ä and ö differ from a and o. Every other character only
// separates words: parentheses, colons and quotes never reach SQLite as
// syntax. OR binds weaker than AND: `a b OR c` is `(a b) OR c`.
struct SearchQuery {
  std::string text;
  std::optional<core::NamndId> namnd;    // only items that concern this nämnd
  std::optional<core::TimePoint> since;  // first seen at or after
  int limit = 100;
};

struct SearchHit {
  StoredItem stored;
  // A few words around the best match, the matched words in [brackets],
  // "…" where text was left out.
  std::string snippet;
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

  // What store_poll calls to classify an item it takes in.
  using Classify = std::function<std::vector<core::Match>(const core::Item&)>;

  // The same, with the items as polled: `classify` is called only for the
  // items stored as new or updated because they changed, so a feed that
  // brings nothing new costs no classification (and the daemon need not
  // even load its dictionaries).
  Result<PollOutcome> store_poll(const core::SourceId& source, std::span<const core::Item> items,
                                 PollRecord poll, const Classify& classify);

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

  // The Message-ID of the nämnd's last delivered digest, "" when none.
  Result<std::string> last_digest_id(const core::NamndId& namnd) const;

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

  // The Message-ID of the last coordinators' report, "" when none.
  Result<std::string> last_report_id() const;

  // When the last coordinators' report was delivered, if ever.
  Result<std::optional<core::TimePoint>> last_report() const;

  // Records a coordinators' report the transport accepted.
  Result<void> record_report(const ReportRecord& report);

  // Every nämnd's current failure, by nämnd id (for the report).
  Result<std::vector<DeliveryFailure>> delivery_failures() const;

  // ---- Send leases (storage/send_leases.cpp) ----
  //
  // At most one process at a time sends a given mail (a nämnd's digest,
  // the coordinators' report), across every process that opens the file:
  // the daemon and `digest send` run by hand. A sender takes the lease
  // before it reads what to send and releases it after recording the
  // delivery (or the failure), so the next holder reads what it recorded.
  // A lease runs out at `expires_at`, so one left by a crashed process is
  // taken over then; a holder that needs longer renews it. Each call is one
  // statement in its own write transaction (BEGIN IMMEDIATE), which is what
  // makes taking atomic between processes.

  // Takes the lease `name` for `owner` until `expires_at` when it is free,
  // expired at `now`, or already `owner`'s; returns whether `owner` holds
  // it now. Fails with kStorage (a lock held beyond the busy timeout, too).
  Result<bool> take_send_lease(const std::string& name, const std::string& owner,
                               core::TimePoint now, core::TimePoint expires_at);

  // Moves the lease's expiry to `expires_at` if `owner` still holds it and
  // it has not expired at `now`; returns whether it did (false: lost).
  Result<bool> renew_send_lease(const std::string& name, const std::string& owner,
                                core::TimePoint now, core::TimePoint expires_at);

  // Gives the lease up if `owner` holds it; does nothing otherwise.
  Result<void> release_send_lease(const std::string& name, const std::string& owner);

  // The lease `name` as stored (possibly expired), if any.
  Result<std::optional<SendLease>> send_lease(const std::string& name) const;

  // ---- Identity, updates and the same story ----

  // Id rotations recorded at or after `since`, oldest first (twins.cpp).
  Result<std::vector<IdRotationRecord>> id_rotations_since(core::TimePoint since) const;

  // ---- Fetch state per source (storage/source_state.cpp) ----

  // Every known source's fetch state, by id.
  Result<std::vector<SourceFetchState>> fetch_states() const;

  // Records an unchanged poll: a success (streak reset, error cleared)
  // that stores no item. One UPDATE.
  Result<void> record_unchanged(const core::SourceId& source, const UnchangedPoll& poll);

  // Records a failed fetch like record_failure (streak raised, items kept),
  // with its kind, next attempt and Retry-After; `disable` also disables
  // the source for its configured URL.
  Result<void> record_failed_fetch(const core::SourceId& source, const FailedFetch& failure);

  // Remembers that `from` (the configured URL) moved permanently to `to`.
  Result<void> record_moved(const core::SourceId& source, const std::string& from,
                            const std::string& to);

  // ---- Full-text search, retention and backup ----

  // The items that match `query`, best first: bm25, a match in the title
  // weighing most, then summary, then content (search.cpp). Fails with
  // kInvalidQuery when the text has no word to search for or NOT has
  // nothing before it; kStorage otherwise.
  Result<std::vector<SearchHit>> search(const SearchQuery& query) const;

  // Deletes the items first seen before `cutoff` that no digest delivered,
  // with their matches and their full-text entries, and returns how many
  // (retention.cpp). Works in batches of `batch` items, each its own short
  // transaction, so a poll waiting for the lock waits milliseconds; digests
  // and what they delivered are kept. A failure leaves earlier batches done.
  Result<std::int64_t> prune(core::TimePoint cutoff, int batch = 500);

  // Copies the database to `target` with SQLite's online backup API while
  // other connections go on writing (backup.cpp): a consistent snapshot as
  // of the start, written to a temporary file beside `target`, synced, and
  // renamed over it, so `target` is either the complete copy or untouched.
  // Fails with kStorage when `target` is the database itself or the copy
  // fails.
  Result<void> backup_to(const std::string& target) const;

 private:
  struct Connection;
  explicit ItemStore(std::unique_ptr<Connection> connection);

  // Both store_poll overloads: with `classify`, the matches in `items` are
  // ignored and asked of it where needed.
  Result<PollOutcome> store_classified_poll(const core::SourceId& source,
                                            std::span<const ClassifiedItem> items,
                                            const PollRecord& poll, const Classify* classify);

  std::unique_ptr<Connection> connection_;
};

}  // namespace omvarld::storage
