// `omvarld run`: the daemon (daemon/daemon_loop.h).

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "daemon/commands.h"
#include "daemon/daemon_loop.h"
#include "daemon/runtime.h"

#ifndef OMVARLD_VERSION
#define OMVARLD_VERSION "unknown"
#endif

namespace omvarld::daemon {

int run_daemon(const std::filesystem::path& config_path) {
  auto runtime = open_runtime(config_path);
  if (!runtime) return runtime.error();
  const config::Config& config = (*runtime)->config;
  spdlog::info("omvarld {} started: config {}, database {}, {} sources, {} nämnder, {} topics",
               OMVARLD_VERSION, config_path.string(), config.daemon.database,
               config.sources.size(), config.namnder.size(), config.topics.size());
  const core::SystemClock clock;
  return run_daemon_loop(config_path, std::move(*runtime), clock);
}

}  // namespace omvarld::daemon
