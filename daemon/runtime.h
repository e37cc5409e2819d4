// daemon/runtime.h
//
// What most commands start from: the loaded configuration, its compiled
// matcher and the opened store. Failures are logged here, once, and come
// back as the exit code to return.

#pragma once

#include <filesystem>
#include <memory>

#include "config/config.h"
#include "core/result.h"
#include "daemon/exit_code.h"
#include "filters/matcher.h"
#include "storage/item_store.h"

namespace omvarld::daemon {

struct Runtime {
  config::Config config;
  filters::Matcher matcher;
  storage::ItemStore store;
};

// Loads and checks the configuration (kExitUsage when it has errors, each
// logged as FILE:LINE:COL), compiles the filters and opens the database
// (kExitRuntime when that fails).
Result<std::unique_ptr<Runtime>, ExitCode> open_runtime(const std::filesystem::path& config_path);

// Only the configuration, for commands that need no database.
Result<config::Config, ExitCode> load_checked_config(const std::filesystem::path& config_path);

}  // namespace omvarld::daemon
