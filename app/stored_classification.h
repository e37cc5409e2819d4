// app/stored_classification.h
//
// The current filters over stored items: what `omvarld filter test --since`
// shows a coordinator before a change is kept, and what `omvarld
// reclassify` stores after it.

#pragma once

#include <optional>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "filters/matcher.h"
#include "storage/item_queries.h"

namespace omvarld::app {

// One stored item: the matches stored with it and those the filters find now.
struct Verdict {
  storage::StoredItem stored;
  std::vector<core::Match> stored_matches;
  std::vector<core::Match> current_matches;
};

// Every item first seen at or after `since`, newest first, classified by
// `matcher`; only the newest `limit` of them when that is set (the web's
// "Prova ett filter" runs on the daemon's loop and must stay short).
Result<std::vector<Verdict>> classify_stored(const storage::ItemQueries& store,
                                             const filters::Matcher& matcher,
                                             core::TimePoint since,
                                             std::optional<int> limit = std::nullopt);

}  // namespace omvarld::app
