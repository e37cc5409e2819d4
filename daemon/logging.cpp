#include "daemon/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace omvarld::daemon {

void setup_logging(Verbosity verbosity) {
  auto logger = spdlog::stderr_color_mt("omvarld");
  logger->set_pattern("%Y-%m-%d %H:%M:%S %^%-5l%$ %v");
  switch (verbosity) {
    case Verbosity::kQuiet: logger->set_level(spdlog::level::warn); break;
    case Verbosity::kNormal: logger->set_level(spdlog::level::info); break;
    case Verbosity::kVerbose: logger->set_level(spdlog::level::debug); break;
  }
  spdlog::set_default_logger(logger);
}

}  // namespace omvarld::daemon
