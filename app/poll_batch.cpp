#include "app/poll_batch.h"

#include <utility>

#include <spdlog/spdlog.h>

namespace omvarld::app {

PollBatch::PollBatch(storage::SourcePolls& store, std::chrono::milliseconds hold, Ended on_ended)
    : store_(store), hold_(hold), on_ended_(std::move(on_ended)) {}

PollBatch::~PollBatch() {
  try {
    end();
  } catch (...) {  // on_ended_ allocates; a destructor must not throw
    spdlog::error("poll: the last batch of writes could not be finished");
  }
}

void PollBatch::join() {
  if (opened_ || off_) return;
  if (auto begun = store_.begin_batch(); !begun) {
    off_ = true;
    spdlog::warn("poll: writing each source alone: {}", begun.error().message);
    return;
  }
  opened_ = Clock::now();
}

void PollBatch::settle(const core::SourceId& source, bool stored_items) {
  if (!opened_) return;
  if (store_.batch_rolled_back()) {
    end();
    return;
  }
  sources_.push_back(source);
  holds_items_ = holds_items_ || stored_items;
  end_if_held_long();
}

void PollBatch::end_if_held_long() {
  if (opened_ && Clock::now() - *opened_ >= hold_) end();
}

void PollBatch::end() {
  if (!opened_) return;
  opened_.reset();
  holds_items_ = false;
  std::vector<core::SourceId> sources = std::exchange(sources_, {});
  auto committed = store_.end_batch();
  if (!committed) off_ = true;  // the disk is in trouble: each source alone from now on
  if (!sources.empty()) on_ended_(sources, committed ? nullptr : &committed.error());
}

}  // namespace omvarld::app
