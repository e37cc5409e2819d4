#include "app/digest_run.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <unordered_set>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/digest_schedule.h"
#include "app/retry_backoff.h"
#include "app/time_format.h"
#include "core/fnv1a.h"
#include "core/percent_encode.h"
#include "digest/bounded_message.h"

namespace omvarld::app {

namespace {

// The web archive's address of `path` ("/utskick/…"), "" when [web] has no
// base_url: then a digest links nothing there.
std::string archive_link(const config::Config& config, const std::string& path) {
  if (!config.web || config.web->base_url.empty()) return {};
  return config.web->base_url + path;
}

// Signed by the nämnd's kommun ([kommun.ID]), else by [mail].
digest::Recipient recipient_of(const config::Config& config, const config::NamndConfig& namnd) {
  config::Sender sender = config.sender_of(namnd.id);
  digest::Recipient recipient{namnd.id,
                              namnd.name,
                              namnd.recipients,
                              std::move(sender.from),
                              std::move(sender.contacts),
                              config.daemon.timezone,
                              std::move(sender.reply_to),
                              std::move(sender.list_unsubscribe),
                              std::move(sender.kommun_name)};
  recipient.deadline_calendar =
      archive_link(config, "/namnd/" + core::percent_encode(namnd.id) + "/deadlines.ics");
  return recipient;
}

digest::Entry entry_of(const config::Config& config, const storage::PendingItem& pending) {
  const core::Item& item = pending.stored.item;
  const config::SourceConfig* source = config.find_source(item.source);
  digest::Entry entry;
  entry.title = item.title;
  entry.link = item.link;
  entry.source_name = source ? source->name : item.source;
  entry.published = item.published;
  entry.text = item.summary.empty() ? item.content : item.summary;
  entry.deadline = item.deadline;
  entry.terms = pending.match.terms;
  entry.found_words = pending.match.found_words;
  entry.title_match = !pending.match.title_terms.empty();
  entry.first_seen = pending.stored.first_seen;
  for (const storage::StoredItem& twin : pending.also_in) {
    const config::SourceConfig* twin_source = config.find_source(twin.item.source);
    entry.also_in.push_back(twin_source ? twin_source->name : twin.item.source);
  }
  for (const core::TopicId& id : pending.match.topics) {
    const config::TopicConfig* topic = config.find_topic(id);
    entry.topics.push_back(topic ? topic->name : id);
  }
  return entry;
}

// A recipient as the per-recipient ledger and the feedback tokens know
// them: the bare address in lower case; "" when `mailbox` holds none.
std::string recipient_key(const std::string& mailbox) {
  std::string address = digest::bare_address(mailbox);
  for (char& c : address) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return address;
}

std::minstd_rand::result_type random_seed() {
  try {
    return std::random_device{}();
  } catch (const std::exception&) {
    return static_cast<std::minstd_rand::result_type>(
        std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

// FNV-1a 64 over NUL-separated fields, as hex.
std::string fingerprint_of(const std::vector<std::string>& fields) {
  std::uint64_t hash = core::kFnv1aOffsetBasis;
  for (const std::string& field : fields) {
    hash = core::fnv1a_64(std::string_view("\0", 1), core::fnv1a_64(field, hash));
  }
  return "fnv1a64:" + core::hex16(hash);
}

}  // namespace

std::string delivery_fingerprint(const config::Config& config, const config::NamndConfig& namnd) {
  const config::MailSection& mail = config.mail;
  const config::Sender sender = config.sender_of(namnd.id);
  std::vector<std::string> fields = {namnd.id,
                                     namnd.name,
                                     std::to_string(static_cast<int>(mail.transport)),
                                     sender.from,
                                     sender.reply_to,
                                     sender.list_unsubscribe,
                                     sender.kommun_name,
                                     mail.smtp_url,
                                     std::to_string(static_cast<int>(mail.starttls)),
                                     mail.username,
                                     mail.password_file,
                                     mail.ca_file,
                                     mail.sendmail_path,
                                     mail.directory,
                                     std::to_string(mail.max_items)};
  fields.insert(fields.end(), namnd.recipients.begin(), namnd.recipients.end());
  fields.push_back("coordinators");
  fields.insert(fields.end(), sender.contacts.begin(), sender.contacts.end());
  return fingerprint_of(fields);
}

bool waits_for_retry(const storage::DeliveryFailure& failure, const std::string& fingerprint,
                     core::TimePoint now) {
  if (failure.next_attempt <= now) return false;
  return failure.kind != storage::DeliveryFailureKind::kPermanent ||
         failure.config_fingerprint == fingerprint;
}

DigestRun::DigestRun(const config::Config& config, storage::DeliveryLedger& store,
                     const core::Clock& clock, FeedbackLinkMaker feedback_links)
    : config_(config),
      store_(store),
      clock_(clock),
      feedback_links_(std::move(feedback_links)),
      lease_owner_(new_lease_owner()),
      random_(random_seed()) {}

Result<std::optional<PreparedDigest>> DigestRun::prepare(const config::NamndConfig& namnd) const {
  auto pending = store_.undelivered(namnd.id);
  if (!pending) return unexpected<Error>(pending.error());
  if (pending->empty() && !namnd.send_empty) return std::nullopt;
  auto previous = store_.last_digest_id(namnd.id);
  if (!previous) return unexpected<Error>(previous.error());
  auto last_delivery = store_.last_delivery(namnd.id);
  if (!last_delivery) return unexpected<Error>(last_delivery.error());

  PreparedDigest prepared;
  std::vector<digest::Entry> entries;
  entries.reserve(pending->size());
  prepared.stories.reserve(pending->size());
  for (const storage::PendingItem& item : *pending) {
    DigestStory story{entry_of(config_, item), {item.stored.id}};
    // The same story from other feeds goes out with it, so it is delivered too.
    for (const storage::StoredItem& twin : item.also_in) story.item_ids.push_back(twin.id);
    entries.push_back(story.entry);
    prepared.item_ids.insert(prepared.item_ids.end(), story.item_ids.begin(),
                             story.item_ids.end());
    prepared.stories.push_back(std::move(story));
  }
  const core::TimePoint now = clock_.now();
  digest::Recipient recipient = recipient_of(config_, namnd);
  recipient.first_digest = !last_delivery->has_value();
  const std::string message_id = digest::derived_message_id(
      recipient.from, namnd.id, *previous, prepared.item_ids);
  recipient.web_copy = archive_link(config_, "/utskick/" + core::percent_encode(message_id));
  auto bounded = digest::compose_bounded(recipient, entries, now, message_id,
                                         {config_.mail.max_items, digest::kMaxMessageBytes});
  if (!bounded) return unexpected<Error>(bounded.error());
  prepared.composed = std::move(bounded->digest);
  prepared.message = std::move(bounded->message);
  prepared.entries = entries.size();
  prepared.shown = bounded->shown;
  prepared.recipient = std::move(recipient);
  prepared.composed_at = now;
  return prepared;
}

DigestSummary DigestRun::send(const std::vector<const config::NamndConfig*>& namnder,
                              digest::Transport& transport, bool ignore_schedule) {
  DigestSummary summary;
  for (const config::NamndConfig* namnd : namnder) {
    switch (send_under_lease(*namnd, transport, ignore_schedule)) {
      case Outcome::kSent: ++summary.sent; break;
      case Outcome::kEmpty: ++summary.empty; break;
      case Outcome::kNotDue: ++summary.not_due; break;
      case Outcome::kDeferred: ++summary.deferred; break;
      case Outcome::kBusy:
        ++summary.busy;
        summary.busy_namnder.push_back(namnd);
        break;
      case Outcome::kFailed: ++summary.failed; break;
    }
  }
  spdlog::info(
      "digests: {} sent, {} with nothing new, {} not due, {} waiting to retry, {} being sent by "
      "another process, {} failed",
      summary.sent, summary.empty, summary.not_due, summary.deferred, summary.busy,
      summary.failed);
  return summary;
}

// Due and retry are asked once before taking the lease, so that a nämnd
// with nothing due costs no write, and again under it: the process that
// held it may have sent this very digest meanwhile.
DigestRun::Outcome DigestRun::send_under_lease(const config::NamndConfig& namnd,
                                               digest::Transport& transport,
                                               bool ignore_schedule) {
  auto ready = [&]() -> std::optional<Outcome> {
    if (ignore_schedule) return std::nullopt;
    auto due = is_due_now(namnd);
    if (!due) {
      spdlog::error("{}: {}", namnd.id, due.error().message);
      return Outcome::kFailed;
    }
    if (!*due) {
      spdlog::debug("{}: not due", namnd.id);
      return Outcome::kNotDue;
    }
    auto waiting = is_waiting_for_retry(namnd);
    if (!waiting) {
      spdlog::error("{}: {}", namnd.id, waiting.error().message);
      return Outcome::kFailed;
    }
    if (*waiting) return Outcome::kDeferred;
    return std::nullopt;
  };
  if (auto not_now = ready()) return *not_now;
  auto before = store_.last_digest_id(namnd.id);
  if (!before) {
    spdlog::error("{}: {}", namnd.id, before.error().message);
    return Outcome::kFailed;
  }

  auto lease = HeldLease::take(store_, clock_, digest_lease_name(namnd.id), lease_owner_);
  if (!lease) {
    spdlog::error("{}: {}", namnd.id, lease.error().message);
    return Outcome::kFailed;
  }
  if (!*lease) {
    spdlog::info("{}: skipped: {}", namnd.id,
                 lease_holder(store_, digest_lease_name(namnd.id)));
    return Outcome::kBusy;
  }
  if (auto not_now = ready()) return *not_now;
  // With the schedule ignored (`--now`), a digest another process recorded
  // between the two looks is this one's too: it went out just now.
  auto after = store_.last_digest_id(namnd.id);
  if (!after) {
    spdlog::error("{}: {}", namnd.id, after.error().message);
    return Outcome::kFailed;
  }
  if (*after != *before) {
    spdlog::info("{}: skipped: another process sent its digest just now", namnd.id);
    return Outcome::kBusy;
  }
  auto sent = send_one(namnd, transport, **lease);
  if (!sent) {
    record_failure(namnd, sent.error());
    return Outcome::kFailed;
  }
  return *sent ? Outcome::kSent : Outcome::kEmpty;
}

Result<bool> DigestRun::is_due_now(const config::NamndConfig& namnd) const {
  auto last = store_.last_delivery(namnd.id);
  if (!last) return unexpected<Error>(last.error());
  return is_due(namnd.schedule, *last, clock_.now(), config_.daemon.timezone);
}

// Whether the nämnd's last attempt failed and its next one lies ahead.
Result<bool> DigestRun::is_waiting_for_retry(const config::NamndConfig& namnd) const {
  auto failure = store_.delivery_failure(namnd.id);
  if (!failure) return unexpected<Error>(failure.error());
  if (!*failure) return false;
  const storage::DeliveryFailure& last = **failure;
  const core::TimePoint now = clock_.now();
  if (!waits_for_retry(last, delivery_fingerprint(config_, namnd), now)) {
    if (last.kind == storage::DeliveryFailureKind::kPermanent && last.next_attempt > now) {
      spdlog::info("{}: the configuration changed since the server refused the digest; trying "
                   "again",
                   namnd.id);
    }
    return false;
  }
  if (last.kind == storage::DeliveryFailureKind::kPermanent) {
    spdlog::info("{}: due, but the server refused the digest for good; waiting until {} (the next "
                 "slot) or a change of the configuration",
                 namnd.id, rfc3339(last.next_attempt));
  } else {
    spdlog::info("{}: due, but waiting until {} to retry after {} failed attempts", namnd.id,
                 rfc3339(last.next_attempt), last.streak);
  }
  return true;
}

// Logs the failure and records it with the time of the next attempt.
void DigestRun::record_failure(const config::NamndConfig& namnd, const Error& error) {
  const core::TimePoint now = clock_.now();
  auto previous = store_.delivery_failure(namnd.id);
  storage::DeliveryFailure failure{namnd.id, 1, now, now, error.message, now};
  if (previous && *previous) {
    failure.streak = (*previous)->streak + 1;
    failure.first_failure = (*previous)->first_failure;
  }
  failure.config_fingerprint = delivery_fingerprint(config_, namnd);
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  failure.next_attempt = now + retry_delay(failure.streak, jitter(random_));
  if (refused_for_good(error.code)) {
    failure.kind = storage::DeliveryFailureKind::kPermanent;
    // The next slot; should the zone be unknown, the longest backoff.
    auto next = next_slot(namnd.schedule, now, config_.daemon.timezone);
    failure.next_attempt = next ? *next : now + kLongestRetryDelay;
    spdlog::error("{}: permanent refusal: {} (failure {} in a row; not retried before {}, the next "
                  "slot, unless the configuration changes)",
                  namnd.id, error.message, failure.streak, rfc3339(failure.next_attempt));
  } else {
    spdlog::error("{}: {} (failure {} in a row; next attempt at {})", namnd.id, error.message,
                  failure.streak, rfc3339(failure.next_attempt));
  }
  if (auto recorded = store_.record_delivery_failure(failure); !recorded) {
    spdlog::error("{}: {}", namnd.id, recorded.error().message);
  }
}

// Returns whether a message went out. Runs under the nämnd's lease, so the
// undelivered items it reads are read after whatever the lease's previous
// holder recorded.
Result<bool> DigestRun::send_one(const config::NamndConfig& namnd, digest::Transport& transport,
                                 HeldLease& lease) {
  auto prepared = prepare(namnd);
  if (!prepared) return unexpected<Error>(prepared.error());
  if (!*prepared) {
    spdlog::info("{}: nothing new", namnd.id);
    return false;
  }
  const digest::Message& message = (*prepared)->message;
  // With feedback links, each recipient's own message; the one composed
  // without them is the archive's copy. A digest some recipients already
  // got part of goes on per recipient even when the links are gone (the
  // key became unreadable, base_url was removed): one message to all would
  // send those recipients their items again.
  auto partly_sent = feedback_links_ ? Result<bool>(true) : any_recipient_served(namnd);
  if (!partly_sent) return unexpected<Error>(partly_sent.error());
  auto delivered = *partly_sent ? deliver_to_each_recipient(namnd, transport, lease, **prepared)
                                : deliver_under_lease(lease, transport, message);
  // The server refused one address for good (an official who has left) and
  // so the message to all: the others get it one message each, without
  // that address, rather than nobody until the configuration changes.
  if (!delivered && delivered.error().code == Errc::kRecipientRefused && !*partly_sent &&
      message.envelope_to.size() > 1) {
    spdlog::info("{}: the server refused a recipient for good; sending the digest to each "
                 "recipient alone",
                 namnd.id);
    delivered = deliver_to_each_recipient(namnd, transport, lease, **prepared);
  }
  if (!delivered) return unexpected<Error>(delivered.error());
  // The transport accepted the message: only now are its items delivered,
  // and the nämnd's failure record cleared. A crash between the two sends
  // this digest again on the next run, with the same Message-ID (derived
  // from its items), so mail clients drop the copy: at-least-once.
  const storage::DeliveryRecord record{namnd.id,     message.message_id,
                                       message.subject, message.date,
                                       (*prepared)->composed.text, message.html};
  if (auto marked = store_.record_delivery(record, (*prepared)->item_ids); !marked) {
    return unexpected<Error>(marked.error());
  }
  const std::size_t shown = (*prepared)->shown;
  const std::size_t items = (*prepared)->item_ids.size();
  if (shown < (*prepared)->entries) {
    spdlog::info("{}: sent \"{}\" ({} items, {} shown, the rest summed up; {} bytes)", namnd.id,
                 message.subject, items, shown, message.eml.size());
  } else {
    spdlog::info("{}: sent \"{}\" ({} items)", namnd.id, message.subject, items);
  }
  return true;
}

// Whether some recipient of the nämnd's digest now going out already got
// part of it (a retry after a recipient further down the list failed).
Result<bool> DigestRun::any_recipient_served(const config::NamndConfig& namnd) const {
  for (const std::string& mailbox : namnd.recipients) {
    const std::string recipient = recipient_key(mailbox);
    if (recipient.empty()) continue;
    auto already = store_.delivered_to_recipient(namnd.id, recipient);
    if (!already) return unexpected<Error>(already.error());
    if (!already->empty()) return true;
  }
  return false;
}

// Sends each recipient the stories of `prepared` they did not get yet, with
// their own feedback links when there are any, and records them as theirs.
// A recipient the server refuses for good (kRecipientRefused: an address
// that is gone) is logged and passed over; any other failure stops the
// run, and the recipients served so far keep their records. Fails when
// every recipient was refused.
Result<void> DigestRun::deliver_to_each_recipient(const config::NamndConfig& namnd,
                                                  digest::Transport& transport, HeldLease& lease,
                                                  const PreparedDigest& prepared) {
  std::unordered_set<std::string> listed;  // an address listed twice gets one message
  std::vector<Error> refused;
  bool anyone_served = false;
  for (const std::string& mailbox : namnd.recipients) {
    const std::string recipient = recipient_key(mailbox);
    if (recipient.empty() || !listed.insert(recipient).second) continue;
    auto already = store_.delivered_to_recipient(namnd.id, recipient);
    if (!already) return unexpected<Error>(already.error());
    const std::unordered_set<std::int64_t> got(already->begin(), already->end());
    std::vector<digest::Entry> entries;
    std::vector<std::int64_t> item_ids;
    for (const DigestStory& story : prepared.stories) {
      // Any of the story's items: which of its twins leads it can change
      // between two attempts (an older twin becomes pending).
      const bool had = std::any_of(story.item_ids.begin(), story.item_ids.end(),
                                   [&](std::int64_t id) { return got.contains(id); });
      if (had) continue;
      digest::Entry entry = story.entry;
      if (feedback_links_) {
        if (auto links = feedback_links_(namnd.id, story.item_ids.front(), recipient)) {
          entry.feedback = std::move(*links);
        }
      }
      entries.push_back(std::move(entry));
      item_ids.insert(item_ids.end(), story.item_ids.begin(), story.item_ids.end());
    }
    // Everything went to them before a failure further down the list. (An
    // empty digest, send_empty, has no items to record: a retry sends it
    // to everyone again.)
    if (entries.empty() && !prepared.stories.empty()) {
      spdlog::info("{}: {} already has this digest", namnd.id, recipient);
      anyone_served = true;
      continue;
    }
    digest::Recipient one = prepared.recipient;
    one.addresses = {mailbox};
    auto bounded = digest::compose_bounded(one, entries, prepared.composed_at,
                                           prepared.message.message_id,
                                           {config_.mail.max_items, digest::kMaxMessageBytes});
    if (!bounded) return unexpected<Error>(bounded.error());
    if (auto sent = deliver_under_lease(lease, transport, bounded->message); !sent) {
      if (sent.error().code != Errc::kRecipientRefused) return unexpected<Error>(sent.error());
      // Said at every digest until the address is corrected or removed.
      spdlog::error("{}: {}; the other recipients get the digest; correct or remove the address "
                    "in the nämnd's recipients",
                    namnd.id, sent.error().message);
      refused.push_back(sent.error());
      continue;
    }
    // A crash between the transport's acceptance and this record sends this
    // recipient the same items again on the next run, with the same
    // Message-ID (derived from the digest's items), so their mail client
    // drops the copy: at-least-once, as for the whole digest.
    if (auto recorded = store_.record_recipient_delivery(namnd.id, recipient, item_ids);
        !recorded) {
      return unexpected<Error>(recorded.error());
    }
    anyone_served = true;
  }
  if (!anyone_served && !refused.empty()) {
    Error nobody = refused.front();
    if (refused.size() > 1) {
      nobody.message = fmt::format("all {} recipients refused for good; the first: {}",
                                   refused.size(), nobody.message);
    }
    return unexpected<Error>(std::move(nobody));
  }
  return {};
}

}  // namespace omvarld::app
