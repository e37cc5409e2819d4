// daemon/poll_cycle.h
//
// One poll of every source: fetch, parse, normalize, classify, store. It
// reads like the data flow; decisions belong to the stages it calls.
// Runs on the caller's thread; the store must not be used elsewhere
// meanwhile. Everything passed in must outlive the PollCycle.

#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"
#include "feeds/fetcher.h"
#include "filters/matcher.h"
#include "storage/item_store.h"

namespace omvarld::daemon {

struct PollSummary {
  int sources = 0;
  int failed = 0;
  int new_items = 0;
};

class PollCycle {
 public:
  PollCycle(const config::Config& config, const filters::Matcher& matcher,
            storage::ItemStore& store, const core::Clock& clock);

  // Polls every configured source once. A source that fails is logged and
  // recorded in the store, and the others go on.
  PollSummary poll_all();

  // Polls one source; returns the number of new items, or the error that
  // stopped it (already recorded in the store).
  Result<int> poll_source(const config::SourceConfig& source);

 private:
  Result<int> record_failure(const config::SourceConfig& source, const Error& error,
                             long http_status);

  const config::Config& config_;
  const filters::Matcher& matcher_;
  storage::ItemStore& store_;
  const core::Clock& clock_;
  feeds::FetchOptions fetch_options_;
};

}  // namespace omvarld::daemon
