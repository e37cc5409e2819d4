// storage/item_store.h
//
// ItemStore is omvarld's memory: the SQLite file that holds sources, items,
// which nämnder each item concerns, and which digests delivered what.
//
// One ItemStore owns one connection and must be used from one thread at a
// time; other processes (the CLI beside the daemon) may open the same file.
// Every write is one transaction: a failed call leaves nothing half-written.
//
// Whoever opens the store owns it (app/runtime.h, `omvarld backup`) and
// hands each consumer only the role it needs; every role is implemented
// here, on the one connection, and documented in its own header:
//   storage/source_polls.h    the way in: sources, fetch state, store_poll
//   storage/delivery_ledger.h the way out: pending items, digests, reports
//   storage/send_leases.h     who sends a mail now (part of the ledger)
//   storage/report_ledger.h   the ledger plus what the report reads
//   storage/item_queries.h    items, their matches, full-text search
//   storage/maintenance.h     reclassify, retention, backups
//   storage/feedback_votes.h  officials' answers to "Relevant? Ja / Nej"

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
#include "storage/delivery_ledger.h"
#include "storage/feedback_votes.h"
#include "storage/item_queries.h"
#include "storage/maintenance.h"
#include "storage/records.h"
#include "storage/report_ledger.h"
#include "storage/send_leases.h"
#include "storage/source_polls.h"

namespace omvarld::storage {

class ItemStore final : public SourcePolls,
                        public ReportLedger,
                        public ItemQueries,
                        public Maintenance,
                        public FeedbackVotes {
 public:
  // Opens or creates the database at `path` (":memory:" for a private one)
  // and brings its schema up to date. Fails with kStorage naming the path.
  static Result<ItemStore> open(const std::string& path);

  // How long this connection waits for another one's write lock before a
  // call fails with kStorageBusy (5 s from open). The web archive, on the
  // daemon's event loop, waits briefly and answers 503 instead.
  void set_busy_timeout(std::chrono::milliseconds wait);

  // Until the next call, a statement of this connection that is still
  // running once `deadline` has passed is stopped, and the call fails with
  // kStorageTimeout; nullopt lifts the limit. Checked every 1,000 steps of
  // SQLite's machine, so a statement shorter than that always finishes.
  // The web archive sets one per request, so that no page's reads (a
  // search for a word in every item) hold the daemon's event loop for long.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline);

  // From now on the write-ahead log is copied into the database file by a
  // thread of this store's own instead of inside the commit that fills it
  // (storage/background_checkpoints.h), so that a poll's commits do not
  // wait for it. Nothing to do for ":memory:". Fails when the thread's
  // connection cannot be opened; the commits then copy it, as before.
  Result<void> checkpoint_in_background();

  ItemStore(ItemStore&&) noexcept;
  ItemStore& operator=(ItemStore&&) noexcept;
  ~ItemStore();

  // SourcePolls
  Result<void> sync_sources(std::span<const SourceRecord> sources) override;
  Result<std::vector<SourceFetchState>> fetch_states() const override;
  Result<PollOutcome> store_poll(const core::SourceId& source, std::span<const core::Item> items,
                                 PollRecord poll, const ClassifyItems& classify) override;
  using SourcePolls::store_poll;
  Result<void> record_unchanged(const core::SourceId& source, const UnchangedPoll& poll) override;
  Result<void> record_failed_fetch(const core::SourceId& source,
                                   const FailedFetch& failure) override;
  Result<void> record_moved(const core::SourceId& source, const std::string& from,
                            const std::string& to) override;
  Result<void> begin_batch() override;
  Result<void> end_batch() override;
  bool batch_rolled_back() const override;

  // SendLeases
  Result<bool> take_send_lease(const std::string& name, const std::string& owner,
                               core::TimePoint now, core::TimePoint expires_at) override;
  Result<bool> renew_send_lease(const std::string& name, const std::string& owner,
                                core::TimePoint now, core::TimePoint expires_at) override;
  Result<void> release_send_lease(const std::string& name, const std::string& owner) override;
  Result<std::optional<SendLease>> send_lease(const std::string& name) const override;

  // DeliveryLedger
  Result<std::vector<PendingItem>> undelivered(const core::NamndId& namnd) const override;
  Result<void> record_delivery(const DeliveryRecord& delivery,
                               std::span<const std::int64_t> item_ids) override;
  Result<std::vector<std::int64_t>> delivered_to_recipient(
      const core::NamndId& namnd, const std::string& recipient) const override;
  Result<void> record_recipient_delivery(const core::NamndId& namnd, const std::string& recipient,
                                         std::span<const std::int64_t> item_ids) override;
  Result<std::vector<SentDigest>> sent_digests(const core::NamndId& namnd) const override;
  Result<std::optional<SentDigest>> sent_digest(std::int64_t id) const override;
  Result<std::optional<SentDigest>> sent_digest_with_message_id(
      const std::string& message_id) const override;
  Result<std::string> last_digest_id(const core::NamndId& namnd) const override;
  Result<std::optional<core::TimePoint>> last_delivery(const core::NamndId& namnd) const override;
  Result<std::optional<DeliveryFailure>> delivery_failure(
      const core::NamndId& namnd) const override;
  Result<void> record_delivery_failure(const DeliveryFailure& failure) override;
  Result<std::vector<DeliveryFailure>> delivery_failures() const override;
  Result<std::string> last_report_id() const override;
  Result<std::optional<core::TimePoint>> last_report() const override;
  Result<void> record_report(const ReportRecord& report) override;

  // ReportLedger
  Result<std::vector<SourceStatus>> source_status() const override;
  Result<std::vector<FloodRecord>> floods_since(core::TimePoint since) const override;
  Result<std::vector<IdRotationRecord>> id_rotations_since(core::TimePoint since) const override;
  Result<std::vector<NamndActivity>> namnd_activity(core::TimePoint since) const override;
  Result<std::vector<WeekMatches>> weekly_matches(core::TimePoint first_week,
                                                  int weeks) const override;

  // FeedbackTally (part of ReportLedger) and FeedbackVotes
  Result<NamndFeedback> namnd_feedback(const core::NamndId& namnd, core::TimePoint from,
                                       core::TimePoint to) const override;
  Result<std::optional<VotedItem>> voted_item(std::int64_t item_id) const override;
  Result<bool> record_vote(const VoteRecord& vote) override;

  // ItemQueries
  Result<std::vector<StoredItem>> items(const ItemQuery& query) const override;
  Result<std::vector<core::Match>> matches_of(std::int64_t item_id) const override;
  Result<std::vector<ItemDelivery>> deliveries_of(std::int64_t item_id) const override;
  Result<std::vector<SearchHit>> search(const SearchQuery& query) const override;
  // ItemQueries and DeliveryLedger: the web archive's reads
  Result<std::vector<MatchedItem>> matched_items(const MatchedItemsQuery& query) const override;
  Result<std::vector<DeadlineItem>> upcoming_deadlines(core::Date from, int limit) const override;
  Result<std::vector<SentDigest>> latest_digests(const core::NamndId& namnd,
                                                 int limit) const override;

  Result<std::vector<NamndItem>> namnd_deadlines(const core::NamndId& namnd, core::Date from,
                                                 int limit) const override;
  Result<std::vector<NamndItem>> namnd_past_deadlines(const core::NamndId& namnd,
                                                      core::Date from, core::Date before,
                                                      int limit) const override;
  Result<std::vector<NamndItem>> namnd_matches(const core::NamndId& namnd,
                                               int limit) const override;

  // Maintenance
  Result<MatchChanges> replace_matches(std::span<const Reclassification> items) override;
  Result<std::int64_t> prune(core::TimePoint cutoff, int batch) override;
  using Maintenance::prune;
  Result<void> backup_to(const std::string& target) const override;

 private:
  struct Connection;
  // Storage's own way to this store's connection (storage/connection.h).
  friend struct ItemStoreInternals;

  explicit ItemStore(std::unique_ptr<Connection> connection);

  // store_poll and the test entry point (storage/test_entry_points.h): with
  // `classify`, the matches in `items` are ignored and asked of it where
  // needed.
  Result<PollOutcome> store_classified_poll(const core::SourceId& source,
                                            std::span<const ClassifiedItem> items,
                                            const PollRecord& poll,
                                            const ClassifyItems* classify);

  std::unique_ptr<Connection> connection_;
};

}  // namespace omvarld::storage
