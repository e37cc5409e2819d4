// daemon/logging.h
//
// Sets up spdlog once, in main(): one logger writing to stderr, readable on a
// terminal. Everything else logs through spdlog's default logger.

#pragma once

namespace omvarld::daemon {

enum class Verbosity { kQuiet, kNormal, kVerbose };

void setup_logging(Verbosity verbosity);

}  // namespace omvarld::daemon
