#include "app/stored_classification.h"

#include <limits>
#include <utility>

namespace omvarld::app {

Result<std::vector<Verdict>> classify_stored(const storage::ItemQueries& store,
                                             const filters::Matcher& matcher,
                                             core::TimePoint since,
                                             std::optional<int> limit) {
  storage::ItemQuery query;
  query.since = since;
  query.limit = limit.value_or(std::numeric_limits<int>::max());
  auto items = store.items(query);
  if (!items) return unexpected<Error>(items.error());
  std::vector<Verdict> verdicts;
  verdicts.reserve(items->size());
  for (storage::StoredItem& stored : *items) {
    auto matches = store.matches_of(stored.id);
    if (!matches) return unexpected<Error>(matches.error());
    std::vector<core::Match> current = matcher.classify(stored.item).namnder;
    verdicts.push_back(Verdict{std::move(stored), std::move(*matches), std::move(current)});
  }
  return verdicts;
}

}  // namespace omvarld::app
