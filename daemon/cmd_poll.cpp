// `omvarld poll --once`: fetch every source once, store and classify.

#include "core/clock.h"
#include "daemon/commands.h"
#include "daemon/poll_cycle.h"
#include "daemon/retention.h"
#include "daemon/runtime.h"

namespace omvarld::daemon {

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
