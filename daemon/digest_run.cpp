#include "daemon/digest_run.h"

#include <exception>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/digest_schedule.h"
#include "daemon/retry_backoff.h"
#include "daemon/time_format.h"

namespace omvarld::daemon {

namespace {

digest::Recipient recipient_of(const config::Config& config, const config::NamndConfig& namnd) {
  return {namnd.id,        namnd.name, namnd.recipients, config.mail.from, config.mail.coordinators,
          config.daemon.timezone};
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

std::minstd_rand::result_type random_seed() {
  try {
    return std::random_device{}();
  } catch (const std::exception&) {
    return static_cast<std::minstd_rand::result_type>(
        std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

}  // namespace

DigestRun::DigestRun(const config::Config& config, storage::ItemStore& store,
                     const core::Clock& clock)
    : config_(config), store_(store), clock_(clock), random_(random_seed()) {}

Result<std::optional<PreparedDigest>> DigestRun::prepare(const config::NamndConfig& namnd) const {
  auto pending = store_.undelivered(namnd.id);
  if (!pending) return unexpected<Error>(pending.error());
  if (pending->empty() && !namnd.send_empty) return std::nullopt;

  PreparedDigest prepared;
  std::vector<digest::Entry> entries;
  for (const storage::PendingItem& item : *pending) {
    entries.push_back(entry_of(config_, item));
    prepared.item_ids.push_back(item.stored.id);
    // The same story from other feeds goes out with it, so it is delivered too.
    for (const storage::StoredItem& twin : item.also_in) prepared.item_ids.push_back(twin.id);
  }
  const core::TimePoint now = clock_.now();
  const digest::Recipient recipient = recipient_of(config_, namnd);
  prepared.composed = digest::compose(recipient, entries, now);
  prepared.message = digest::to_message(recipient, prepared.composed, now,
                                        digest::new_message_id(config_.mail.from));
  return prepared;
}

DigestSummary DigestRun::send(const std::vector<const config::NamndConfig*>& namnder,
                              digest::Transport& transport, bool ignore_schedule) {
  DigestSummary summary;
  for (const config::NamndConfig* namnd : namnder) {
    if (!ignore_schedule) {
      auto last = store_.last_delivery(namnd->id);
      auto due = last ? is_due(namnd->schedule, *last, clock_.now(), config_.daemon.timezone)
                      : Result<bool>(unexpected<Error>(last.error()));
      if (!due) {
        spdlog::error("{}: {}", namnd->id, due.error().message);
        ++summary.failed;
        continue;
      }
      if (!*due) {
        spdlog::debug("{}: not due", namnd->id);
        ++summary.not_due;
        continue;
      }
      auto waiting = is_waiting_for_retry(*namnd);
      if (!waiting) {
        spdlog::error("{}: {}", namnd->id, waiting.error().message);
        ++summary.failed;
        continue;
      }
      if (*waiting) {
        ++summary.deferred;
        continue;
      }
    }
    auto sent = send_one(*namnd, transport);
    if (!sent) {
      record_failure(*namnd, sent.error());
      ++summary.failed;
    } else if (*sent) {
      ++summary.sent;
    } else {
      ++summary.empty;
    }
  }
  spdlog::info("digests: {} sent, {} with nothing new, {} not due, {} waiting to retry, {} failed",
               summary.sent, summary.empty, summary.not_due, summary.deferred, summary.failed);
  return summary;
}

// Whether the nämnd's last attempt failed and its next one lies ahead.
Result<bool> DigestRun::is_waiting_for_retry(const config::NamndConfig& namnd) const {
  auto failure = store_.delivery_failure(namnd.id);
  if (!failure) return unexpected<Error>(failure.error());
  if (!*failure || (*failure)->next_attempt <= clock_.now()) return false;
  spdlog::info("{}: due, but waiting until {} to retry after {} failed attempts", namnd.id,
               rfc3339((*failure)->next_attempt), (*failure)->streak);
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
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  failure.next_attempt = now + retry_delay(failure.streak, jitter(random_));
  spdlog::error("{}: {} (failure {} in a row; next attempt at {})", namnd.id, error.message,
                failure.streak, rfc3339(failure.next_attempt));
  if (auto recorded = store_.record_delivery_failure(failure); !recorded) {
    spdlog::error("{}: {}", namnd.id, recorded.error().message);
  }
}

// Returns whether a message went out.
Result<bool> DigestRun::send_one(const config::NamndConfig& namnd, digest::Transport& transport) {
  auto prepared = prepare(namnd);
  if (!prepared) return unexpected<Error>(prepared.error());
  if (!*prepared) {
    spdlog::info("{}: nothing new", namnd.id);
    return false;
  }
  const digest::Message& message = (*prepared)->message;
  if (auto delivered = transport.deliver(message); !delivered) {
    return unexpected<Error>(delivered.error());
  }
  // The transport accepted the message: only now are its items delivered,
  // and the nämnd's failure record cleared. A crash between the two sends
  // this digest again on the next run: delivery is at-least-once.
  const storage::DeliveryRecord record{namnd.id, message.message_id, message.subject, message.date};
  if (auto marked = store_.record_delivery(record, (*prepared)->item_ids); !marked) {
    return unexpected<Error>(marked.error());
  }
  spdlog::info("{}: sent \"{}\" ({} items)", namnd.id, message.subject,
               (*prepared)->item_ids.size());
  return true;
}

}  // namespace omvarld::daemon
