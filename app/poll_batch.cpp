#include "app/poll_batch.h"

#include <utility>

#include <spdlog/spdlog.h>

namespace omvarld::app {

PollBatch::PollBatch(storage::SourcePolls& store, Lost on_lost)
    : store_(store), on_lost_(std::move(on_lost)) {}

PollBatch::~PollBatch() {
  try {
    end();
  } catch (...) {  // on_lost_ allocates; a destructor must not throw
    spdlog::error("poll: the last batch of writes could not be reported");
  }
}

void PollBatch::join() {
  if (opened_) return;
  if (auto begun = store_.begin_batch(); !begun) {
    spdlog::debug("poll: writing without a batch: {}", begun.error().message);
    return;
  }
  opened_ = Clock::now();
  sources_.clear();
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
  if (opened_ && Clock::now() - *opened_ >= kLongestHold) end();
}

void PollBatch::end() {
  if (!opened_) return;
  opened_.reset();
  holds_items_ = false;
  std::vector<core::SourceId> sources = std::exchange(sources_, {});
  if (auto committed = store_.end_batch(); !committed && !sources.empty()) {
    on_lost_(sources, committed.error());
  }
}

}  // namespace omvarld::app
