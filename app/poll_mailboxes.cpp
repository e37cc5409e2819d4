// The poll cycle's newsletters (kind = "imap"): each due mailbox's unseen
// messages read, their stories stored, and only then the messages marked
// read; see app/poll_cycle.h.

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/poll_cycle.h"
#include "app/poll_policy.h"
#include "app/time_format.h"
#include "core/failure_kind.h"
#include "core/safe_text.h"
#include "sources/mailbox_source.h"
#include "sources/newsletter.h"

namespace omvarld::app {

void PollCycle::poll_mailboxes(std::span<const config::SourceConfig* const> due,
                               std::map<core::SourceId, storage::SourceFetchState>& state_of,
                               PollSummary& summary) {
  const net::FetchOutcome no_http;  // no status, no Retry-After: the backoff is the usual one
  for (const config::SourceConfig* source : due) {
    if (stop_requested_ && stop_requested_()) {
      summary.stopped = true;
      return;
    }
    ++summary.sources;
    const storage::SourceFetchState& state = state_of[source->id];
    const Polled polled =
        guarded(*source, state, no_http, [&] { return poll_mailbox(*source, state); });
    summary.new_items += polled.new_items;
    summary.failed += is_failure(polled.verdict) ? 1 : 0;
  }
}

namespace {

// How many unread messages the source's error names; the log names all.
constexpr std::size_t kUnreadNamed = 3;

// "" when every message was read; else one line for `status`.
std::string unread_messages(const std::vector<std::string>& reasons) {
  if (reasons.empty()) return {};
  std::string line = std::to_string(reasons.size()) +
                     (reasons.size() == 1 ? " message" : " messages") + " left unread: ";
  for (std::size_t at = 0; at < reasons.size() && at < kUnreadNamed; ++at) {
    if (at > 0) line += "; ";
    line += reasons[at];
  }
  if (reasons.size() > kUnreadNamed) line += "; …";
  return line;
}

}  // namespace

PollCycle::Polled PollCycle::poll_mailbox(const config::SourceConfig& source,
                                          const storage::SourceFetchState& state) {
  const net::FetchOutcome no_http;
  auto mailbox = sources::open_mailbox(source, config_.daemon);
  if (!mailbox) return record_failure(source, state, no_http, mailbox.error().message, mailbox.error().kind);
  auto unseen = sources::read_unseen(*mailbox);
  if (!unseen) return record_failure(source, state, no_http, unseen.error().message, unseen.error().kind);
  Stories stories = read_stories(source, unseen->messages);
  for (const std::string& skipped : unseen->skipped) {
    stories.unread.push_back("message " + core::safe_text(skipped));
  }
  const core::TimePoint now = clock_.now();
  storage::PollRecord poll{now, 0, 0, {}, config_.daemon.first_digest_reach};
  poll.next_attempt = next_poll_after_success(now, interval_of(source), jitter());
  // A message left unread is news nobody gets: the source shows failing,
  // with the reasons, until every message can be read.
  poll.error = unread_messages(stories.unread);
  const std::size_t item_count = stories.items.size();
  auto stored = store_poll(source, std::move(stories.items), poll);
  if (!stored) return record_failure(source, state, no_http, stored.error().message, core::FailureKind::kStorage);
  // Only now: a message whose stories did not reach the database stays
  // unread and is read again. Should marking fail, the next poll reads the
  // messages again and the stored keys keep their stories from being new.
  if (auto marked = mailbox->mark_seen(stories.read); !marked) {
    spdlog::warn("{}: {}; the messages are read again next time", source.id,
                 core::safe_text(marked.error().message));
  }
  spdlog::info("{}: {} messages, {} items, {} new", source.id, stories.read.size(), item_count,
               stored->new_items);
  for (const std::string& reason : stories.unread) {
    spdlog::warn("{}: {}; left unread", source.id, reason);
  }
  return {poll.error.empty() ? Verdict::kStored : Verdict::kPartial, stored->new_items};
}

PollCycle::Stories PollCycle::read_stories(const config::SourceConfig& source,
                                           const std::vector<net::MailMessage>& messages) {
  auto skipped = quarantine_.skipped_messages();
  if (!skipped) spdlog::error("{}: {}", source.id, skipped.error().message);
  const auto is_skipped = [&](const std::string& uid) -> const SkippedMessage* {
    if (!skipped) return nullptr;
    for (const SkippedMessage& message : *skipped) {
      if (message.source == source.id && message.uid == uid) return &message;
    }
    return nullptr;
  };

  Stories stories;
  std::set<std::string> keys;  // the same newsletter delivered twice: its stories once
  for (const net::MailMessage& message : messages) {
    const std::string uid = core::safe_text(message.uid);
    if (const SkippedMessage* set_aside = is_skipped(message.uid)) {
      stories.unread.push_back("message " + uid + ": omvarld stopped while reading it on " +
                               rfc3339(set_aside->since) + "; skipped until its line is removed from " +
                               quarantine_.skipped_messages_path().string());
      continue;
    }
    // The same barrier as for a source, per message: one bad message is
    // left unread and the others are stored.
    Result<std::vector<core::Item>, std::string> items = tl::unexpected(std::string());
    try {
      const CrashQuarantine::Reading reading = quarantine_.reading(source.id, message.uid);
      const auto started = std::chrono::steady_clock::now();
      auto extracted = sources::items_from_message(source, message.raw);
      times_.reading += std::chrono::steady_clock::now() - started;
      if (extracted) {
        items = std::move(*extracted);
      } else {
        items = tl::unexpected(extracted.error().message);
      }
    } catch (const std::exception& caught) {
      items = tl::unexpected(internal_error(&caught));
    } catch (...) {
      items = tl::unexpected(internal_error(nullptr));
    }
    if (!items) {
      stories.unread.push_back("message " + uid + ": " + core::safe_text(items.error()));
      continue;
    }
    for (core::Item& item : *items) {
      if (keys.insert(item.key).second) stories.items.push_back(std::move(item));
    }
    stories.read.push_back(message.uid);
  }
  return stories;
}

}  // namespace omvarld::app
