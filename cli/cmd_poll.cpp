// `omvarld poll --once`: fetch every source once, store and classify.

#include "app/poll_cycle.h"
#include "app/retention.h"
#include "app/runtime.h"
#include "cli/commands.h"
#include "core/clock.h"

namespace omvarld::cli {

int poll_once(const std::filesystem::path& config_path) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  app::log_config_warnings(config_path);
  app::checkpoint_in_background((*runtime)->store);
  const core::SystemClock clock;
  app::Runtime& runtime_ref = **runtime;
  app::PollCycle cycle(runtime_ref.config, [&runtime_ref]() -> const filters::Matcher& {
    return runtime_ref.matcher();
  }, runtime_ref.store, clock);
  const app::PollSummary summary = cycle.poll_all();
  app::prune_old_items((*runtime)->store, (*runtime)->config.daemon.retention, clock);
  // Cron and monitoring run this: any source that did not succeed (failed,
  // disabled by 410 Gone, set aside after a crash) makes it a failure, and
  // the log and `status` say which and why.
  const bool all_succeeded = summary.failed == 0 && summary.disabled == 0 &&
                             summary.set_aside == 0 && !summary.stopped;
  return all_succeeded ? app::kExitOk : app::kExitRuntime;
}

}  // namespace omvarld::cli
