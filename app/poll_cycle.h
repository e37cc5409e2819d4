// app/poll_cycle.h
//
// One poll of the sources: fetch them all at once (net/fetch_engine.h),
// then per source parse, normalize, classify, store — or record that the
// document is unchanged (304, or the same body hash: nothing parsed), or
// record the failure with its backoff (app/poll_policy.h). It reads like
// the data flow; decisions belong to the stages and the policy it calls.
// Runs on the caller's thread; the store must not be used elsewhere
// meanwhile. Everything passed in must outlive the PollCycle.

#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <span>

#include "app/crash_quarantine.h"
#include "app/poll_batch.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/failure_kind.h"
#include "core/result.h"
#include "filters/matcher.h"
#include "net/fetch_engine.h"
#include "net/mailbox.h"
#include "storage/source_polls.h"

namespace omvarld::app {

// Where a poll's time went, on the steady clock: reading the documents
// (parse, normalize, extract), compiling the filters (the first time they
// are asked for), classifying, and storing the items (the store's share of
// a source's work, classification excluded). The rest of `total` is
// fetching: waiting for the network and handing over the bodies, with the
// little that is done for a source whose document is unchanged or failed
// (hashing the body, recording the state).
struct PollTimes {
  std::chrono::nanoseconds total{};
  std::chrono::nanoseconds reading{};
  std::chrono::nanoseconds compiling{};
  std::chrono::nanoseconds classifying{};
  std::chrono::nanoseconds storing{};
};

struct PollSummary {
  int sources = 0;       // fetched in this poll
  int failed = 0;        // of those: fetch failed, not a feed, read in part, not stored, or an internal error
  int new_items = 0;
  int unchanged = 0;     // a 2xx with the stored body hash: not parsed
  int not_modified = 0;  // a 304: not parsed
  int disabled = 0;      // skipped: 410 Gone at the configured URL
  int set_aside = 0;     // skipped: omvarld crashed reading it, and its wait is not over
  bool stopped = false;  // ended early by stop_when(): the rest were not fetched
  PollTimes times;
};

class PollCycle {
 public:
  // The filters come through `matcher`, asked only when some item is new
  // or changed (app::Runtime compiles them on first use).
  using MatcherSource = std::function<const filters::Matcher&()>;

  PollCycle(const config::Config& config, MatcherSource matcher, storage::SourcePolls& store,
            const core::Clock& clock);

  // Polls every configured source that is not disabled, whatever its next
  // attempt (`omvarld poll --once`), except one set aside after a crash
  // until its wait is over. A source that fails is logged and recorded in
  // the store, and the others go on.
  //
  // Each source's work (parse or extract, classify, store; for a mailbox,
  // each message) is a barrier: an exception from it fails that source with
  // kind "internal", and the others go on. Against what no barrier catches
  // (a crash) the work is noted in the crash quarantine
  // (app/crash_quarantine.h); a note left by a process that died is
  // recorded at the start of the next poll: the source fails with kind
  // "crash" and waits as after any failure, and a newsletter message is
  // skipped for good and left unread.
  PollSummary poll_all();

  // The same for the sources whose next attempt has come (or was never
  // set): what the daemon does on each tick.
  PollSummary poll_due();

  // Makes each later poll ask `stop_requested` (from the polling thread)
  // before it starts and before each fetched source is parsed and stored;
  // once it answers true, the transfers in flight are abandoned and the
  // poll returns with `stopped` set. What was stored stays stored: each
  // source's store is all or nothing, and the batch it is in is committed
  // (app/poll_batch.h). The daemon's SIGTERM uses it.
  void stop_when(std::function<bool()> stop_requested);

  // How long a batch of writes may stay open (app/poll_batch.h;
  // PollBatch::kLongestHold unless a test says otherwise).
  void hold_batches_for(std::chrono::milliseconds hold);

 private:
  // kPartial: the items read are stored, but part of the document could
  // not be read; it counts as a failure.
  enum class Verdict { kStored, kPartial, kUnchanged, kNotModified, kFailed };
  static bool is_failure(Verdict verdict) {
    return verdict == Verdict::kFailed || verdict == Verdict::kPartial;
  }
  struct Polled {
    Verdict verdict = Verdict::kFailed;
    int new_items = 0;
  };

  PollSummary poll(bool due_only);
  // Every source's fetch state by id; nullopt (logged) when the store fails.
  std::optional<std::map<core::SourceId, storage::SourceFetchState>> load_states();
  // Records the notes that dead processes left in the crash quarantine;
  // true when there were any.
  bool record_crashes(const std::map<core::SourceId, storage::SourceFetchState>& state_of);
  void record_crash(const config::SourceConfig& source, const storage::SourceFetchState& state,
                    const LeftBehind& left);
  // Runs `work` for `source` behind the exception barrier, noted in the
  // crash quarantine while it runs.
  Polled guarded(const config::SourceConfig& source, const storage::SourceFetchState& state,
                 const net::FetchOutcome& fetched, const std::function<Polled()>& work);
  // "internal error: …", the failure of a source whose work threw `caught`
  // (nullptr: something that is not a std::exception).
  static std::string internal_error(const std::exception* caught);
  // Where every source kind's items go into the store: made safe to show
  // (core/safe_text.h), then stored and classified.
  Result<storage::PollOutcome> store_poll(const config::SourceConfig& source,
                                          std::vector<core::Item> items,
                                          const storage::PollRecord& poll);
  Polled on_fetched(const config::SourceConfig& source, const storage::SourceFetchState& state,
                    const net::FetchOutcome& fetched);
  Polled store_items(const config::SourceConfig& source, const storage::SourceFetchState& state,
                     const net::FetchOutcome& fetched, const std::string& body_hash);
  Polled record_unchanged(const config::SourceConfig& source,
                           const storage::SourceFetchState& state,
                           const net::FetchOutcome& fetched);
  Polled record_failure(const config::SourceConfig& source,
                         const storage::SourceFetchState& state,
                         const net::FetchOutcome& fetched, const std::string& error,
                         core::FailureKind kind);
  void record_moved(const config::SourceConfig& source, const std::string& to);
  // kind = "imap" (app/poll_mailboxes.cpp; sources/mailbox_source.h,
  // sources/newsletter.h): each due
  // source's new messages are read, their stories stored, and only then
  // the messages marked read; a failure (login, TLS, server down) is
  // recorded with kind "imap".
  void poll_mailboxes(std::span<const config::SourceConfig* const> due,
                      std::map<core::SourceId, storage::SourceFetchState>& state_of,
                      PollSummary& summary);
  Polled poll_mailbox(const config::SourceConfig& source, const storage::SourceFetchState& state);
  // The stories of the unseen messages not skipped for good, the UIDs of
  // those whose stories came out (to be marked read once stored), and why
  // each other message was left unread ("message 12: …").
  struct Stories {
    std::vector<core::Item> items;
    std::vector<std::string> read;
    std::vector<std::string> unread;
  };
  Stories read_stories(const config::SourceConfig& source,
                       const std::vector<net::MailMessage>& messages);
  // Before any write of a source fetched in this poll: into the open batch.
  void about_to_write();
  std::chrono::seconds interval_of(const config::SourceConfig& source) const;
  double jitter();

  const config::Config& config_;
  MatcherSource matcher_;
  std::function<bool()> stop_requested_;
  storage::SourcePolls& store_;
  const core::Clock& clock_;
  net::EngineOptions engine_options_;
  std::mt19937_64 random_;
  CrashQuarantine quarantine_;
  PollTimes times_;  // of the poll under way
  std::chrono::milliseconds batch_hold_ = PollBatch::kLongestHold;
  PollBatch* batch_ = nullptr;  // while fetch_all runs
};

}  // namespace omvarld::app
