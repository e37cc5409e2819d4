// `omvarld run`: the daemon (service/daemon_loop.h).

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "service/daemon_loop.h"

#ifndef OMVARLD_VERSION
#define OMVARLD_VERSION "unknown"
#endif

namespace omvarld::cli {

int run_daemon(const std::filesystem::path& config_path) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  app::log_config_warnings(config_path);
  app::checkpoint_in_background((*runtime)->store);
  const config::Config& config = (*runtime)->config;
  spdlog::info("omvarld {} started: config {}, database {}, {} sources, {} nämnder, {} topics",
               OMVARLD_VERSION, config_path.string(), config.daemon.database,
               config.sources.size(), config.namnder.size(), config.topics.size());
  const core::SystemClock clock;
  return service::run_daemon_loop(config_path, std::move(*runtime), clock);
}

}  // namespace omvarld::cli
