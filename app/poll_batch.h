// app/poll_batch.h
//
// A poll's writes in batches: the sources stored one after the other share
// a transaction (storage/source_polls.h, begin_batch), each source still
// all or nothing by itself (a savepoint), so a cycle of 200 sources
// commits a few times instead of 200 (each commit appends to the log and
// may checkpoint it).
//
// A batch holds the database's write lock, so it never lives long: it
// begins at a source's first write and ends once it has been open for its
// hold (kLongestHold), checked before and after each source and every
// 25 ms while the fetch engine waits for the network (net/fetch_engine.h,
// on_idle). The web archive's writers wait up to 200 ms for that lock
// (web/http.h, kArchiveBusyTimeout).
//
// Should SQLite roll a batch back by itself (a full disk, an I/O error in
// one source's writes), the sources stored in it before are not kept:
// `on_ended` hears which, and the poll stores them again, each alone, so
// a failing source never takes another's items with it. After that, and
// after a batch could not begin, the rest of the poll writes without
// batches.

#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/source_polls.h"

namespace omvarld::app {

class PollBatch {
 public:
  static constexpr std::chrono::milliseconds kLongestHold{100};

  // Called when a batch with sources in it ends: `lost` is null when it
  // was committed, else why nothing of `sources` was kept.
  using Ended = std::function<void(const std::vector<core::SourceId>& sources, const Error* lost)>;
  using Clock = std::chrono::steady_clock;

  PollBatch(storage::SourcePolls& store, std::chrono::milliseconds hold, Ended on_ended);
  // Ends the open batch: what was stored stays stored, also when an
  // exception leaves the poll.
  ~PollBatch();
  PollBatch(const PollBatch&) = delete;
  PollBatch& operator=(const PollBatch&) = delete;

  // Before a write: opens a batch when none is open. When the store cannot
  // (its lock is held elsewhere), this and every later write of the poll
  // is its own transaction, as without batches.
  void join();

  // After `source`'s work: its writes are in the open batch (if any), and
  // the batch ends when it has been open for its hold. `stored_items`: the
  // source stored items, not only its state. When SQLite rolled the batch
  // back during this source, the sources before it were lost (on_ended);
  // this one's writes after the rollback were each their own transaction.
  void settle(const core::SourceId& source, bool stored_items);

  // Ends the batch when it has been open for its hold.
  void end_if_held_long();

  // Commits the open batch.
  void end();

  // Whether a batch is open.
  bool open() const { return opened_.has_value(); }

  // Whether the open batch holds a source's items.
  bool holds_items() const { return holds_items_; }

 private:
  storage::SourcePolls& store_;
  const std::chrono::milliseconds hold_;
  Ended on_ended_;
  std::optional<Clock::time_point> opened_;  // set while a batch is open
  std::vector<core::SourceId> sources_;      // settled in the open batch
  bool holds_items_ = false;
  bool off_ = false;  // no more batches in this poll
};

}  // namespace omvarld::app
