// storage/delivery_ledger.h
//
// DeliveryLedger: the store's role on the way out. What each nämnd has not
// received yet, which digests and coordinators' reports went out, and why
// the last attempt failed; with the send leases (storage/send_leases.h)
// that keep two processes from sending the same mail. app/digest_run.h,
// app/delivery_status.h and the schedulers of service/ use it.
// Implemented by ItemStore (storage/item_queries.cpp,
// storage/item_store.cpp, storage/delivery_records.cpp) on its one
// connection, so the thread rule of storage/item_store.h applies.

#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/records.h"
#include "storage/send_leases.h"

namespace omvarld::storage {

// An item waiting for a nämnd's next digest, with why it is there.
struct PendingItem {
  StoredItem stored;
  core::Match match;
  // The same story from other feeds (or again from this one), pending for
  // the nämnd too and shown as this one: first seen first
  // (storage/source_polls.h says when items are the same story).
  std::vector<StoredItem> also_in = {};
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

// How much of each body of a delivered digest is kept: a digest's whole
// message is bounded by digest::kMaxMessageBytes (2 MiB), so this cuts only
// what no digest should hold; a longer body is cut at a character.
inline constexpr std::size_t kMaxStoredBodyBytes = 2 * 1024 * 1024;

struct DeliveryRecord {
  core::NamndId namnd;
  std::string message_id;
  std::string subject;
  core::TimePoint delivered_at;
  // The message's text and HTML bodies as delivered, kept for `digest show`.
  std::string text_body = {};
  std::string html_body = {};
};

// A digest a nämnd was delivered, as `omvarld digest show` finds it.
struct SentDigest {
  std::int64_t id = 0;
  core::NamndId namnd;
  std::string message_id;
  std::string subject;
  core::TimePoint delivered_at;
  std::int64_t items = 0;  // stored items it delivered, twins included
  // The bodies as delivered (sent_digest only); nullopt for a digest
  // delivered before the store kept them (schema version 9).
  std::optional<std::string> text_body = {};
  std::optional<std::string> html_body = {};
};

// A coordinators' report the transport accepted.
struct ReportRecord {
  std::string message_id;
  std::string subject;
  core::TimePoint delivered_at;
};

class DeliveryLedger : public SendLeases {
 public:
  // Every item that concerns `namnd`, is not held, and no delivered digest
  // of that nämnd holds yet, newest first. A nämnd's pending twins are one
  // PendingItem (the first seen, the rest in also_in), and an item whose
  // twin the nämnd already received is not pending.
  virtual Result<std::vector<PendingItem>> undelivered(const core::NamndId& namnd) const = 0;

  // Marks `item_ids` delivered to the nämnd by the digest `delivery`, and
  // clears its delivery failure and their per-recipient records. Every stored twin of a delivered item
  // counts as delivered to the nämnd too. Call only after the transport
  // accepted the message.
  virtual Result<void> record_delivery(const DeliveryRecord& delivery,
                                       std::span<const std::int64_t> item_ids) = 0;

  // The items of the nämnd's digest now going out one message per
  // recipient that already went to `recipient` (a bare address in lower
  // case): recorded by record_recipient_delivery, forgotten by
  // record_delivery.
  virtual Result<std::vector<std::int64_t>> delivered_to_recipient(
      const core::NamndId& namnd, const std::string& recipient) const = 0;

  // Records, in one transaction, that the transport accepted a message
  // holding `item_ids` for `recipient` alone. An item already recorded for
  // them is left as it is.
  virtual Result<void> record_recipient_delivery(const core::NamndId& namnd,
                                                 const std::string& recipient,
                                                 std::span<const std::int64_t> item_ids) = 0;

  // Every digest delivered to the nämnd, oldest first, without bodies.
  virtual Result<std::vector<SentDigest>> sent_digests(const core::NamndId& namnd) const = 0;

  // The nämnd's `limit` latest digests, newest first, without bodies.
  virtual Result<std::vector<SentDigest>> latest_digests(const core::NamndId& namnd,
                                                         int limit) const = 0;

  // One delivered digest by its id (SentDigest::id) with its bodies, if kept.
  virtual Result<std::optional<SentDigest>> sent_digest(std::int64_t id) const = 0;
  // The same, found by its Message-ID: the address a digest links to its
  // copy in the web archive by is known before the digest has a row.
  virtual Result<std::optional<SentDigest>> sent_digest_with_message_id(
      const std::string& message_id) const = 0;

  // The Message-ID of the nämnd's last delivered digest, "" when none.
  virtual Result<std::string> last_digest_id(const core::NamndId& namnd) const = 0;

  // When the nämnd's last digest was delivered, if ever.
  virtual Result<std::optional<core::TimePoint>> last_delivery(
      const core::NamndId& namnd) const = 0;

  // The nämnd's current failure, if its last attempt failed.
  virtual Result<std::optional<DeliveryFailure>> delivery_failure(
      const core::NamndId& namnd) const = 0;

  // Replaces the nämnd's failure record; record_delivery clears it.
  virtual Result<void> record_delivery_failure(const DeliveryFailure& failure) = 0;

  // Every nämnd's current failure, by nämnd id (for the report).
  virtual Result<std::vector<DeliveryFailure>> delivery_failures() const = 0;

  // The Message-ID of the last coordinators' report, "" when none.
  virtual Result<std::string> last_report_id() const = 0;

  // When the last coordinators' report was delivered, if ever.
  virtual Result<std::optional<core::TimePoint>> last_report() const = 0;

  // Records a coordinators' report the transport accepted.
  virtual Result<void> record_report(const ReportRecord& report) = 0;

 protected:
  ~DeliveryLedger() = default;
};

}  // namespace omvarld::storage
