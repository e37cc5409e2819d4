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
  // Cron and monitoring run this: any source that did not succeed (failed,
  // disabled by 410 Gone, set aside after a crash) makes it a failure, and
  // the log and `status` say which and why.
  const bool all_succeeded = summary.failed == 0 && summary.disabled == 0 &&
                             summary.set_aside == 0 && !summary.stopped;
  return all_succeeded ? kExitOk : kExitRuntime;
}

}  // namespace omvarld::daemon
