// app/poll_batch.h
//
// A poll's writes in batches: the sources stored one after the other share
// a transaction (storage/source_polls.h, begin_batch), each source still
// all or nothing by itself, so a cycle of 200 sources commits a few times
// instead of 200 (each commit writes the log, may checkpoint it and
// flushes the full-text index).
//
// A batch holds the database's write lock, so it never lives long: it
// ends once it has been open for kLongestHold, checked after each source
// and while the fetch engine waits for the network (net/fetch_engine.h,
// on_idle). The web archive's writers wait up to 200 ms for that lock
// (web/http.h, kArchiveBusyTimeout).
//
// Should SQLite roll a batch back by itself (a full disk, an I/O error),
// the sources stored in it before are lost for this poll: `on_lost` hears
// which, and they are polled again on the next tick (their fetch state
// went with them, so they are due and fetched without validators).

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

  using Lost = std::function<void(const std::vector<core::SourceId>& sources, const Error& why)>;
  using Clock = std::chrono::steady_clock;

  PollBatch(storage::SourcePolls& store, Lost on_lost);
  // Ends the open batch: what was stored stays stored, also when an
  // exception leaves the poll.
  ~PollBatch();
  PollBatch(const PollBatch&) = delete;
  PollBatch& operator=(const PollBatch&) = delete;

  // Before a source's writes: opens a batch when none is open. When the
  // store cannot (its lock is held elsewhere), the source's writes are
  // their own transactions, as without batches.
  void join();

  // After `source`'s writes: they are in the batch now, and the batch ends
  // when it has been open for kLongestHold. When SQLite rolled the batch
  // back during this source, the sources before it are lost (on_lost); this
  // one's last writes came after the rollback, each its own transaction.
  // `stored_items`: the source stored items, not only its state.
  void settle(const core::SourceId& source, bool stored_items);

  // Whether the open batch holds a source's items.
  bool holds_items() const { return holds_items_; }

  // Ends the batch when it has been open for kLongestHold (on_idle).
  void end_if_held_long();

  // Commits the open batch; on_lost hears of a failure.
  void end();

 private:
  storage::SourcePolls& store_;
  Lost on_lost_;
  std::optional<Clock::time_point> opened_;  // set while a batch is open
  std::vector<core::SourceId> sources_;      // stored in the open batch
  bool holds_items_ = false;
};

}  // namespace omvarld::app
