#include "daemon/digest_run.h"

#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/digest_schedule.h"

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
  entry.terms = pending.match.terms;
  for (const core::TopicId& id : pending.match.topics) {
    const config::TopicConfig* topic = config.find_topic(id);
    entry.topics.push_back(topic ? topic->name : id);
  }
  return entry;
}

}  // namespace

DigestRun::DigestRun(const config::Config& config, storage::ItemStore& store,
                     const core::Clock& clock)
    : config_(config), store_(store), clock_(clock) {}

Result<std::optional<PreparedDigest>> DigestRun::prepare(const config::NamndConfig& namnd) const {
  auto pending = store_.undelivered(namnd.id);
  if (!pending) return unexpected<Error>(pending.error());
  if (pending->empty() && !namnd.send_empty) return std::nullopt;

  PreparedDigest prepared;
  std::vector<digest::Entry> entries;
  for (const storage::PendingItem& item : *pending) {
    entries.push_back(entry_of(config_, item));
    prepared.item_ids.push_back(item.stored.id);
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
    }
    auto sent = send_one(*namnd, transport);
    if (!sent) {
      spdlog::error("{}: {}", namnd->id, sent.error().message);
      ++summary.failed;
    } else if (*sent) {
      ++summary.sent;
    } else {
      ++summary.empty;
    }
  }
  spdlog::info("digests: {} sent, {} with nothing new, {} not due, {} failed", summary.sent,
               summary.empty, summary.not_due, summary.failed);
  return summary;
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
  // The transport accepted the message: only now are its items delivered. A
  // crash between the two sends this digest again on the next run.
  const storage::DeliveryRecord record{namnd.id, message.message_id, message.subject, message.date};
  if (auto marked = store_.record_delivery(record, (*prepared)->item_ids); !marked) {
    return unexpected<Error>(marked.error());
  }
  spdlog::info("{}: sent \"{}\" ({} items)", namnd.id, message.subject,
               (*prepared)->item_ids.size());
  return true;
}

}  // namespace omvarld::daemon
