#include "app/retention.h"

#include <spdlog/spdlog.h>

#include "app/time_format.h"

namespace omvarld::app {

void prune_old_items(storage::Maintenance& store, std::chrono::seconds retention,
                     const core::Clock& clock) {
  const core::TimePoint cutoff = clock.now() - retention;
  auto pruned = store.prune(cutoff);
  if (!pruned) {
    spdlog::error("retention: {}", pruned.error().message);
    return;
  }
  spdlog::info("retention: pruned {} items first seen before {} that no digest delivered",
               *pruned, rfc3339(cutoff));
}

}  // namespace omvarld::app
