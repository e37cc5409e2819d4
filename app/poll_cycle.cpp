#include "app/poll_cycle.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/classify_items.h"
#include "app/document_hash.h"
#include "app/poll_batch.h"
#include "app/poll_policy.h"
#include "app/time_format.h"
#include "core/failure_kind.h"
#include "core/safe_text.h"
#include "core/translate.h"
#include "sources/source_items.h"

namespace omvarld::app {

namespace {

net::EngineOptions engine_options_of(const config::DaemonSection& daemon) {
  net::EngineOptions options;
  options.fetch.user_agent = daemon.user_agent;
  options.fetch.allow_file_urls = daemon.allow_file_urls;
  options.fetch.ca_file = daemon.ca_file;
  return options;
}

// The failure kinds as stored and shown by `status --json`.
core::FailureKind kind_of(net::FetchFailure failure) {
  using core::FailureKind;
  switch (failure) {
    case net::FetchFailure::kSchemeNotAllowed: return FailureKind::kSchemeNotAllowed;
    case net::FetchFailure::kDns: return FailureKind::kDns;
    case net::FetchFailure::kConnect: return FailureKind::kConnect;
    case net::FetchFailure::kTls: return FailureKind::kTls;
    case net::FetchFailure::kTimeout: return FailureKind::kTimeout;
    case net::FetchFailure::kTooLarge: return FailureKind::kTooLarge;
    case net::FetchFailure::kTooManyRedirects: return FailureKind::kTooManyRedirects;
    case net::FetchFailure::kHttpStatus: return FailureKind::kHttpStatus;
    case net::FetchFailure::kFile: return FailureKind::kFile;
    case net::FetchFailure::kNone:
    case net::FetchFailure::kOther: break;
  }
  return FailureKind::kOther;
}

// A source set aside after a crash whose wait is not over: even `poll
// --once` leaves it, or the same input would crash this process too.
bool is_set_aside(const storage::SourceFetchState& state, core::TimePoint now) {
  return core::parse_failure_kind(state.failure_kind) == core::FailureKind::kCrash && state.next_attempt &&
         *state.next_attempt > now;
}

using Stopwatch = std::chrono::steady_clock;

// The documents a batch may keep for storing again (PollBatch): past this
// the batch is committed.
constexpr std::size_t kLargestBatchBytes = 32 * 1024 * 1024;

std::string seconds_text(std::chrono::nanoseconds elapsed) {
  return fmt::format("{:.2f}", std::chrono::duration<double>(elapsed).count());
}

// "poll: took 1.86 s: …", the line before the summary: where the time
// went, for whoever wonders why a poll is slow (and bench/run-poll.sh,
// which reads the figures in this order).
std::string times_line(const PollTimes& times) {
  const auto work = times.reading + times.compiling + times.classifying + times.storing;
  return core::trf(
      "poll: took {0} s: fetching {1} s, reading documents {2} s, compiling the filters {3} s, "
      "classifying {4} s, storing {5} s",
      {seconds_text(times.total), seconds_text(std::max(times.total - work, std::chrono::nanoseconds{})),
       seconds_text(times.reading), seconds_text(times.compiling), seconds_text(times.classifying),
       seconds_text(times.storing)});
}

}  // namespace

PollCycle::PollCycle(const config::Config& config, MatcherSource matcher,
                     storage::SourcePolls& store, const core::Clock& clock)
    : config_(config),
      matcher_(std::move(matcher)),
      store_(store),
      clock_(clock),
      engine_options_(engine_options_of(config.daemon)),
      random_(std::random_device{}()),
      quarantine_(config.daemon.database) {}

std::string PollCycle::internal_error(const std::exception* caught) {
  return std::string("internal error: ") +
         (caught ? caught->what() : "an exception that is not a std::exception");
}

PollSummary PollCycle::poll_all() { return poll(false); }

PollSummary PollCycle::poll_due() { return poll(true); }

void PollCycle::stop_when(std::function<bool()> stop_requested) {
  stop_requested_ = std::move(stop_requested);
}

std::optional<std::map<core::SourceId, storage::SourceFetchState>> PollCycle::load_states() {
  auto states = store_.fetch_states();
  if (!states) {
    spdlog::error("{}", states.error().message);
    return std::nullopt;
  }
  std::map<core::SourceId, storage::SourceFetchState> state_of;
  for (storage::SourceFetchState& state : *states) state_of[state.id] = std::move(state);
  return state_of;
}

PollSummary PollCycle::poll(bool due_only) {
  const Stopwatch::time_point started = Stopwatch::now();
  times_ = {};
  PollSummary summary;
  auto loaded = load_states();
  if (loaded && record_crashes(*loaded)) loaded = load_states();
  if (!loaded) {
    summary.sources = summary.failed = static_cast<int>(config_.sources.size());
    return summary;
  }
  std::map<core::SourceId, storage::SourceFetchState>& state_of = *loaded;

  const core::TimePoint now = clock_.now();
  std::vector<net::FetchRequest> requests;
  std::vector<const config::SourceConfig*> mailboxes;
  for (const config::SourceConfig& source : config_.sources) {
    storage::SourceFetchState& state = state_of[source.id];
    if (state.id.empty()) {  // sync_sources adds every source; a fresh state is harmless
      state.id = source.id;
      state.url = source.url;
    }
    if (state.is_disabled()) {
      ++summary.disabled;
      spdlog::warn("{}: disabled since {}: {}; not polled until its url changes in the config",
                   source.id, rfc3339(*state.disabled_at), state.disabled_reason);
      continue;
    }
    if (due_only && state.next_attempt && *state.next_attempt > now) continue;
    if (is_set_aside(state, now)) {
      ++summary.set_aside;
      spdlog::warn("{}: not polled: {}", source.id, state.last_error);
      continue;
    }
    if (sources::fetching_of(source) == sources::Fetching::kMailbox) {  // poll_mailboxes()
      mailboxes.push_back(&source);
      continue;
    }
    requests.push_back(sources::request_for(
        source, {state.fetch_url(), state.etag, state.last_modified, state.last_success}));
  }

  const auto should_stop = [this] { return stop_requested_ && stop_requested_(); };
  if (should_stop()) {
    summary.stopped = true;
    return summary;
  }
  const auto count = [&summary](const Polled& polled, int sign) {
    summary.new_items += sign * polled.new_items;
    summary.failed += sign * (is_failure(polled.verdict) ? 1 : 0);
    summary.unchanged += sign * (polled.verdict == Verdict::kUnchanged ? 1 : 0);
    summary.not_modified += sign * (polled.verdict == Verdict::kNotModified ? 1 : 0);
  };
  // What each source in the open batch was fetched as and counted: kept
  // until the batch is committed, to store it again should SQLite roll the
  // batch back.
  struct InBatch {
    net::FetchOutcome fetched;
    Polled polled;
  };
  std::map<core::SourceId, InBatch> in_batch;
  std::size_t bytes_in_batch = 0;
  const auto forget = [&](const core::SourceId& id) {
    if (const auto kept = in_batch.find(id); kept != in_batch.end()) {
      bytes_in_batch -= kept->second.fetched.body.size();
      in_batch.erase(kept);
    }
  };
  const auto work = [&](const config::SourceConfig& source, const net::FetchOutcome& fetched) {
    const storage::SourceFetchState& state = state_of[source.id];
    return guarded(source, state, fetched, [&] { return on_fetched(source, state, fetched); });
  };
  PollBatch batch(store_, batch_hold_, [&](const std::vector<core::SourceId>& sources, const Error* lost) {
    if (lost != nullptr) {
      std::string names;
      for (const core::SourceId& id : sources) names += (names.empty() ? "" : ", ") + id;
      spdlog::error("poll: {}; storing again, each alone: {}", lost->message, names);
    }
    for (const core::SourceId& id : sources) {
      const auto kept = in_batch.find(id);
      if (kept == in_batch.end()) continue;
      if (lost != nullptr) {  // the batch is off now: each write is its own transaction
        count(kept->second.polled, -1);
        count(work(*config_.find_source(id), kept->second.fetched), +1);
      }
      forget(id);
    }
  });
  // A commit of stored items is storing too; one of unchanged or failed
  // sources only is recording their state, counted as fetching.
  const auto storing = [&](const auto& commit, bool stores_items = false) {
    const bool items = batch.holds_items() || stores_items;
    const Stopwatch::time_point committing = Stopwatch::now();
    commit();
    if (items) times_.storing += Stopwatch::now() - committing;
  };
  batch_ = &batch;
  struct Unset {
    PollBatch*& batch;
    ~Unset() { batch = nullptr; }
  } unset{batch_};
  const net::FetchEnd fetch_end = net::fetch_all(
      requests, engine_options_,
      [&](net::FetchOutcome&& fetched) {
        const config::SourceConfig* source = config_.find_source(fetched.key);
        if (source == nullptr) return;  // not requested: fetch_all echoes our keys
        ++summary.sources;
        storing([&] { batch.end_if_held_long(); });
        const Polled polled = work(*source, fetched);
        count(polled, +1);
        const bool stored_items = polled.verdict == Verdict::kStored || polled.verdict == Verdict::kPartial;
        if (batch.open()) {
          bytes_in_batch += fetched.body.size();
          in_batch.insert_or_assign(source->id, InBatch{std::move(fetched), polled});
        }
        storing([&] {
          batch.settle(source->id, stored_items);
          if (bytes_in_batch > kLargestBatchBytes) batch.end();
        }, stored_items);
        // Rolled back during its own work, this source was never settled
        // into the batch: its last writes were its own.
        if (!batch.open()) forget(source->id);
      },
      should_stop, [&] { storing([&] { batch.end_if_held_long(); }); });
  storing([&] { batch.end(); });
  if (fetch_end == net::FetchEnd::kStopped) {
    summary.stopped = true;
    spdlog::info("poll: stopped after {} of {} sources; the others are polled next time",
                 summary.sources, requests.size());
  }

  if (!summary.stopped) poll_mailboxes(mailboxes, state_of, summary);

  times_.total = Stopwatch::now() - started;
  summary.times = times_;
  spdlog::info("{}", times_line(summary.times));

  // The summary `poll --once` ends with: a coordinator reads it, in their language.
  const auto text = [](auto n) { return std::to_string(n); };
  std::string line = core::trf(
      "poll: {0} sources, {1} ok ({2} unchanged, {3} not modified), {4} failed, {5} disabled, "
      "{6} new items",
      {text(summary.sources), text(summary.sources - summary.failed), text(summary.unchanged),
       text(summary.not_modified), text(summary.failed), text(summary.disabled),
       text(summary.new_items)});
  if (summary.set_aside) line += core::trf("; {0} set aside after a crash", {text(summary.set_aside)});
  spdlog::info("{}", line);
  return summary;
}

bool PollCycle::record_crashes(const std::map<core::SourceId, storage::SourceFetchState>& state_of) {
  const std::vector<LeftBehind> left_behind = quarantine_.collect_left_behind();
  for (const LeftBehind& left : left_behind) {
    const config::SourceConfig* source = config_.find_source(left.source);
    const auto state = state_of.find(left.source);
    if (source == nullptr || state == state_of.end()) {
      spdlog::error("omvarld (process {}) stopped while reading source \"{}\", which is no "
                    "longer configured",
                    left.pid, core::safe_text(left.source));
      continue;
    }
    record_crash(*source, state->second, left);
  }
  return !left_behind.empty();
}

void PollCycle::record_crash(const config::SourceConfig& source,
                             const storage::SourceFetchState& state, const LeftBehind& left) {
  const core::TimePoint now = clock_.now();
  const core::TimePoint next = next_poll_after_failure(now, interval_of(source),
                                                       state.error_streak + 1, std::nullopt, jitter());
  std::string reason = fmt::format("omvarld (process {}) stopped while reading ", left.pid);
  if (left.message_uid.empty()) {
    reason += fmt::format("this source (at {}); it is skipped until {}", rfc3339(left.noted_at),
                          rfc3339(next));
  } else {
    const std::string uid = core::safe_text(left.message_uid);
    reason += fmt::format("message {} (at {}); that message is skipped and left unread (listed in "
                          "{}), and the source waits until {}",
                          uid, rfc3339(left.noted_at), quarantine_.skipped_messages_path().string(),
                          rfc3339(next));
    if (auto skipped = quarantine_.skip_message({source.id, left.message_uid, now}); !skipped) {
      spdlog::error("{}: message {}: {}", source.id, uid, skipped.error().message);
    }
  }
  spdlog::error("{}: {}", source.id, reason);
  const storage::FailedFetch failure{now, 0, reason, core::to_string(core::FailureKind::kCrash), next};
  if (auto recorded = store_.record_failed_fetch(source.id, failure); !recorded) {
    spdlog::error("{}: {}", source.id, recorded.error().message);
  }
}

PollCycle::Polled PollCycle::guarded(const config::SourceConfig& source,
                                     const storage::SourceFetchState& state,
                                     const net::FetchOutcome& fetched,
                                     const std::function<Polled()>& work) {
  const CrashQuarantine::Reading reading = quarantine_.reading(source.id);
  try {
    return work();
  } catch (const std::exception& caught) {
    return record_failure(source, state, fetched, internal_error(&caught), core::FailureKind::kInternal);
  } catch (...) {
    return record_failure(source, state, fetched, internal_error(nullptr), core::FailureKind::kInternal);
  }
}

Result<storage::PollOutcome> PollCycle::store_poll(const config::SourceConfig& source,
                                                   std::vector<core::Item> items,
                                                   const storage::PollRecord& poll) {
  for (core::Item& item : items) item = core::safe_item(std::move(item));
  about_to_write();
  // Counted also when classifying throws (guarded() fails the source).
  struct Timed {
    PollTimes& times;
    const PollTimes before = times;
    const Stopwatch::time_point started = Stopwatch::now();
    ~Timed() {
      const auto classified = (times.compiling - before.compiling) + (times.classifying - before.classifying);
      times.storing += Stopwatch::now() - started - classified;
    }
  } timed{times_};
  const storage::SourcePolls::ClassifyItems classify = [this](std::span<const core::Item* const> asked) {
    const Stopwatch::time_point started = Stopwatch::now();
    const filters::Matcher& matcher = matcher_();  // compiled on first use
    const Stopwatch::time_point compiled = Stopwatch::now();
    times_.compiling += compiled - started;
    auto matches = classify_items(matcher, asked);
    times_.classifying += Stopwatch::now() - compiled;
    return matches;
  };
  return store_.store_poll(source.id, items, poll, classify);
}

PollCycle::Polled PollCycle::on_fetched(const config::SourceConfig& source,
                                        const storage::SourceFetchState& state,
                                        const net::FetchOutcome& fetched) {
  if (fetched.status == net::FetchStatus::kFailed) {
    return record_failure(source, state, fetched, fetched.error, kind_of(fetched.failure));
  }
  if (fetched.moved_permanently_to) record_moved(source, *fetched.moved_permanently_to);
  if (fetched.status == net::FetchStatus::kNotModified) {
    return record_unchanged(source, state, fetched);
  }
  std::string body_hash = document_hash(fetched.body);
  if (body_hash == state.body_hash) return record_unchanged(source, state, fetched);
  return store_items(source, state, fetched, body_hash);
}

PollCycle::Polled PollCycle::store_items(const config::SourceConfig& source,
                                         const storage::SourceFetchState& state,
                                         const net::FetchOutcome& fetched,
                                         const std::string& body_hash) {
  const Stopwatch::time_point reading = Stopwatch::now();
  auto extracted = sources::items_from_document(source, fetched);
  times_.reading += Stopwatch::now() - reading;
  if (!extracted) {
    return record_failure(source, state, fetched, extracted.error().message, extracted.error().kind);
  }
  const std::size_t item_count = extracted->items.size();
  const core::TimePoint now = clock_.now();
  storage::PollRecord poll{now, fetched.http_status, 0, {}, config_.daemon.first_digest_reach};
  poll.etag = fetched.etag;
  poll.last_modified = fetched.last_modified;
  poll.next_attempt = next_poll_after_success(now, interval_of(source), jitter());
  const bool partial = !extracted->unread.empty();
  if (partial) {
    // The items read are stored and the source shows failing. The body hash
    // is not kept, so the same document is read (and reported) again
    // rather than passing as "unchanged".
    poll.error = core::safe_text("only part of the document could be read: " + extracted->unread);
  } else {
    poll.body_hash = body_hash;
  }
  auto stored = store_poll(source, std::move(extracted->items), poll);
  if (!stored) return record_failure(source, state, fetched, stored.error().message, core::FailureKind::kStorage);

  spdlog::info("{}: {} items, {} new{}", source.id, item_count, stored->new_items,
               fetched.http_status ? fmt::format(" (HTTP {})", fetched.http_status) : "");
  if (partial) {
    spdlog::warn("{}: {}; the items before that point are stored (failure {} in a row)",
                 source.id, poll.error, state.error_streak + 1);
  }
  if (stored->held_matches > 0) {
    spdlog::info("{}: {} matches held as old news (dated before the nämnd's last digest)",
                 source.id, stored->held_matches);
  }
  if (stored->flood) {
    spdlog::warn("{}: unusually many new items in one poll ({}); recorded for the report",
                 source.id, stored->new_items);
  }
  if (stored->updated_items > 0) {
    spdlog::info("{}: {} items changed in the feed, updated (not new)", source.id,
                 stored->updated_items);
  }
  if (stored->id_rotation) {
    spdlog::warn(
        "{}: every item id changed at once; {} items recognised by link or title and kept, "
        "not stored again (consider identity = \"link\" for this source); recorded for the report",
        source.id, stored->rekeyed_items);
  }
  return {partial ? Verdict::kPartial : Verdict::kStored, stored->new_items};
}

PollCycle::Polled PollCycle::record_unchanged(const config::SourceConfig& source,
                                              const storage::SourceFetchState& state,
                                              const net::FetchOutcome& fetched) {
  const bool not_modified = fetched.status == net::FetchStatus::kNotModified;
  const core::TimePoint now = clock_.now();
  // A 304 may leave its validators out (RFC 9110, 15.4.5): keep ours then.
  const bool has_validators = !fetched.etag.empty() || !fetched.last_modified.empty();
  const storage::UnchangedPoll poll{
      .at = now,
      .http_status = fetched.http_status,
      .etag = not_modified && !has_validators ? state.etag : fetched.etag,
      .last_modified = not_modified && !has_validators ? state.last_modified : fetched.last_modified,
      .next_attempt = next_poll_after_success(now, interval_of(source), jitter())};
  about_to_write();
  if (auto recorded = store_.record_unchanged(source.id, poll); !recorded) {
    return record_failure(source, state, fetched, recorded.error().message, core::FailureKind::kStorage);
  }
  spdlog::info("{}: {}", source.id,
               not_modified ? "not modified (HTTP 304)" : "unchanged (the same document as before)");
  return {not_modified ? Verdict::kNotModified : Verdict::kUnchanged, 0};
}

PollCycle::Polled PollCycle::record_failure(const config::SourceConfig& source,
                                            const storage::SourceFetchState& state,
                                            const net::FetchOutcome& fetched,
                                            const std::string& reason, core::FailureKind kind) {
  // A reason may quote what a server sent (a page's title, an IMAP reply).
  const std::string error = core::safe_text(reason);
  const core::TimePoint now = clock_.now();
  storage::FailedFetch failure{now, fetched.http_status, error, core::to_string(kind), std::nullopt,
                               fetched.retry_after, disables_source(fetched.http_status)};
  if (failure.disable) {
    spdlog::error("{}: {}; disabled: not polled again until its url changes in the config",
                  source.id, error);
  } else {
    failure.next_attempt = next_poll_after_failure(now, interval_of(source),
                                                   state.error_streak + 1, fetched.retry_after,
                                                   jitter());
    spdlog::warn("{}: {} (failure {} in a row; next attempt {})", source.id, error,
                 state.error_streak + 1, rfc3339(*failure.next_attempt));
  }
  about_to_write();
  if (auto recorded = store_.record_failed_fetch(source.id, failure); !recorded) {
    spdlog::error("{}: {}", source.id, recorded.error().message);
  }
  return {Verdict::kFailed, 0};
}

void PollCycle::record_moved(const config::SourceConfig& source, const std::string& to) {
  spdlog::warn("{} moved permanently to {}; update the config", source.id, to);
  about_to_write();
  if (auto recorded = store_.record_moved(source.id, source.url, to); !recorded) {
    spdlog::error("{}: {}", source.id, recorded.error().message);
  }
}

std::chrono::seconds PollCycle::interval_of(const config::SourceConfig& source) const {
  return source.interval.count() > 0 ? source.interval : config_.daemon.default_interval;
}

void PollCycle::about_to_write() {
  if (batch_ != nullptr) batch_->join();
}

void PollCycle::hold_batches_for(std::chrono::milliseconds hold) { batch_hold_ = hold; }

double PollCycle::jitter() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

}  // namespace omvarld::app
