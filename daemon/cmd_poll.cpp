// `omvarld poll --once`: fetch every source once, store and classify.

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "daemon/commands.h"
#include "daemon/poll_cycle.h"
#include "daemon/runtime.h"
#include "daemon/time_format.h"

namespace omvarld::daemon {

namespace {

// [daemon] retention: items older than this that no digest delivered go,
// in short batches, so a poll of the daemon waiting for the database is
// delayed by milliseconds. A failure is logged; the poll itself succeeded.
void prune_old_items(storage::ItemStore& store, std::chrono::seconds retention,
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

}  // namespace

int poll_once(const std::filesystem::path& config_path) {
  auto runtime = open_runtime(config_path);
  if (!runtime) return runtime.error();
  const core::SystemClock clock;
  Runtime& runtime_ref = **runtime;
  PollCycle cycle(runtime_ref.config, [&runtime_ref]() -> const filters::Matcher& {
    return runtime_ref.matcher();
  }, runtime_ref.store, clock);
  const PollSummary summary = cycle.poll_all();
  prune_old_items((*runtime)->store, (*runtime)->config.daemon.retention, clock);
  // One broken source is the normal state of a feed reader; only a poll in
  // which nothing worked is a failure of the command.
  return summary.sources > 0 && summary.failed == summary.sources ? kExitRuntime : kExitOk;
}

}  // namespace omvarld::daemon
