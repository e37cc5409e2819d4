// app/digest_run.h
//
// Sends nämnder their digests: asks the store for what each has not been
// sent yet, has digest::compose_bounded write it, gives it to the
// transport, and marks the items delivered only after the transport
// accepted the message. A failed delivery is recorded in the store (error,
// kind, streak, next attempt); a success clears it.
//
// One sender per nämnd, across processes: each nämnd's digest is sent
// under its send lease (app/send_lease.h), taken before the store is
// asked what is due and undelivered and released after the outcome is
// recorded, so a second process — `digest send` by hand beside the daemon —
// skips that nämnd (counted as busy, not failed) and never sends what the
// first one did.
//
// Retries: a temporary failure (kDeliveryFailed) waits as
// app/retry_backoff.h says. A permanent refusal (kDeliveryRefused, an
// SMTP 5xx) would be refused again as it is, so it waits for the nämnd's
// next schedule slot, when new items may have changed the digest, or for
// a change of the configuration that makes or carries it (recipients,
// sender, transport, max_items), whichever comes first; retrying it every
// few minutes would only hammer the relay. One recipient refused for good
// (kRecipientRefused, a 5xx to RCPT: an address that is gone) holds back
// no one else: it is logged and passed over, the others get the digest one
// message each, and only a refusal of every recipient fails the digest.
//
// Feedback links: given a FeedbackLinkMaker (service/ and cli/ make one
// from web/feedback_token.h when [web] has a base_url), every item carries
// its recipient's own "Relevant? Ja / Nej" links, so a nämnd's digest goes
// out one message per recipient, each To: that recipient alone, all with
// the digest's one Message-ID. What went to whom is recorded per recipient
// (storage::DeliveryLedger::record_recipient_delivery) right after the
// transport accepted it, so that when recipient k fails, a retry sends the
// recipients before k none of those items again; the nämnd's digest is
// recorded delivered once every recipient is served, with the bodies
// composed without links (the archive shows no one's tokens).
//
// Runs on the caller's thread; everything passed in must outlive it.

#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/send_lease.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"
#include "digest/compose.h"
#include "digest/message.h"
#include "digest/transport.h"
#include "storage/delivery_ledger.h"

namespace omvarld::app {

// The "Relevant? Ja / Nej" links for item `item_id` of `namnd`'s digest as
// `recipient` (a bare address in lower case) gets it; nullopt for none.
using FeedbackLinkMaker = std::function<std::optional<digest::FeedbackLinks>(
    const core::NamndId& namnd, std::int64_t item_id, const std::string& recipient)>;

// One entry of a digest and the stored items it stands for: its own item
// first (the one the feedback links name), then its twins.
struct DigestStory {
  digest::Entry entry;
  std::vector<std::int64_t> item_ids;
};

// A composed digest and the stored items it delivers (all of them, shown
// or summed up).
struct PreparedDigest {
  digest::Digest composed;
  digest::Message message;
  std::vector<std::int64_t> item_ids;
  std::size_t entries = 0;  // one per story (twins are one entry)
  std::size_t shown = 0;    // entries shown in it; the others are summed up
  // What it was composed from, for the copies per recipient.
  digest::Recipient recipient = {};
  std::vector<DigestStory> stories = {};
  core::TimePoint composed_at = {};
};

struct DigestSummary {
  int sent = 0;
  int not_due = 0;
  int empty = 0;
  int deferred = 0;  // due, but waiting for their next retry
  int busy = 0;      // another process is sending them right now
  int failed = 0;
  std::vector<const config::NamndConfig*> busy_namnder = {};
};

// A fingerprint of what makes and carries `namnd`'s digest under `config`:
// a permanent refusal is tried again as soon as it changes.
std::string delivery_fingerprint(const config::Config& config, const config::NamndConfig& namnd);

// Whether a nämnd whose last attempt ended in `failure` must still wait at
// `now`: until failure.next_attempt, except that a permanent refusal made
// under another configuration than `fingerprint` need not.
bool waits_for_retry(const storage::DeliveryFailure& failure, const std::string& fingerprint,
                     core::TimePoint now);

class DigestRun {
 public:
  // Without `feedback_links` (empty), one message goes to all recipients
  // and carries no feedback links.
  DigestRun(const config::Config& config, storage::DeliveryLedger& store, const core::Clock& clock,
            FeedbackLinkMaker feedback_links = {});

  // The nämnd's next digest without sending or marking anything; nullopt when
  // it has nothing new and send_empty is false.
  Result<std::optional<PreparedDigest>> prepare(const config::NamndConfig& namnd) const;

  // Sends the digests of `namnder` through `transport`: those that are due by
  // their schedule and not waiting for a retry, or all of them when
  // `ignore_schedule`. A nämnd that fails is logged, recorded and counted,
  // and the others go on; one whose lease another process holds is skipped
  // with an info line.
  DigestSummary send(const std::vector<const config::NamndConfig*>& namnder,
                     digest::Transport& transport, bool ignore_schedule);

 private:
  enum class Outcome { kSent, kEmpty, kNotDue, kDeferred, kBusy, kFailed };

  Outcome send_under_lease(const config::NamndConfig& namnd, digest::Transport& transport,
                           bool ignore_schedule);
  Result<bool> send_one(const config::NamndConfig& namnd, digest::Transport& transport,
                        HeldLease& lease);
  Result<bool> any_recipient_served(const config::NamndConfig& namnd) const;
  Result<void> deliver_to_each_recipient(const config::NamndConfig& namnd,
                                         digest::Transport& transport, HeldLease& lease,
                                         const PreparedDigest& prepared);
  Result<bool> is_due_now(const config::NamndConfig& namnd) const;
  Result<bool> is_waiting_for_retry(const config::NamndConfig& namnd) const;
  void record_failure(const config::NamndConfig& namnd, const Error& error);

  const config::Config& config_;
  storage::DeliveryLedger& store_;
  const core::Clock& clock_;
  FeedbackLinkMaker feedback_links_;
  std::string lease_owner_;  // app/send_lease.h
  std::minstd_rand random_;  // retry jitter
};

}  // namespace omvarld::app
