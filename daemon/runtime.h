// daemon/runtime.h
//
// What most commands start from: the loaded configuration, its compiled
// matcher and the opened store. Failures are logged here, once, and come
// back as the exit code to return.

#pragma once

#include <filesystem>
#include <memory>

#include "config/config.h"
#include "core/clock.h"
#include "core/item.h"
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

// Compiles the configuration's filters with Swedish and English inflections
// (hunspell). Without the dictionaries words match only themselves, and a
// warning says what to install.
Result<filters::Matcher, ExitCode> compile_matcher(const config::Config& config);

// The moment `age` ("30d") before now, for --since options; a bad duration
// is logged and fails with kExitUsage.
Result<core::TimePoint, ExitCode> since_option(const std::string& age, const core::Clock& clock);

}  // namespace omvarld::daemon
