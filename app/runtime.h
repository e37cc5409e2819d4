// app/runtime.h
//
// What most commands start from: the loaded configuration, its compiled
// matcher and the opened store. Failures are logged here, once, and come
// back as the exit code to return.

#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "app/exit_code.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/item.h"
#include "core/result.h"
#include "filters/matcher.h"
#include "storage/item_store.h"

namespace omvarld::app {

class Runtime {
 public:
  Runtime(config::Config checked_config, storage::ItemStore opened_store);

  config::Config config;
  storage::ItemStore store;

  // The filters compiled with the dictionaries, on first use: a poll in
  // which nothing is new, or a digest run, never loads hunspell (some
  // 24 MiB and a fifth of a second).
  const filters::Matcher& matcher();

  // Swaps in a reloaded configuration and its filters, compiled from it
  // (`omvarld run` on SIGHUP); the store stays open.
  void replace_config(config::Config checked_config, filters::Matcher compiled);

 private:
  std::optional<filters::Matcher> matcher_;
};

// Loads and checks the configuration (kExitUsage when it has errors, each
// logged as FILE:LINE:COL; the filters are checked by compiling them without
// dictionaries) and opens the database (kExitRuntime when that fails).
Result<std::unique_ptr<Runtime>, ExitCode> open_runtime(const std::filesystem::path& config_path);

// Brings the store's source table in line with the configuration: new
// sources are added, known ones get their configured name and URL. Used at
// start and on the daemon's reload. Fails with kStorage.
Result<void> sync_configured_sources(const config::Config& config, storage::SourcePolls& store);

// For the commands that poll (`poll`, `run`): the database's write-ahead
// log is copied into the file on a thread of its own, not inside the
// commits that fill it (storage::ItemStore::checkpoint_in_background).
// Should that thread not start, a warning says so and the commits do it.
void checkpoint_in_background(storage::ItemStore& store);

// Only the configuration, for commands that need no database.
Result<config::Config, ExitCode> load_checked_config(const std::filesystem::path& config_path);

// The Swedish and English dictionaries (hunspell), loaded once per process;
// nullptr, with a warning logged, when they are not installed.
std::shared_ptr<const filters::Lemmatizer> dictionaries();

// Between the daemon's tasks: the dictionaries unloaded (they load again,
// in a fifth of a second, at the next word no answer is kept for) and the
// heap's free pages given back, so that the daemon holds about 25 MB less
// while it waits.
void rest_between_tasks();

// Logs what `omvarld check-config` warns of (a lower-case och in a query, a
// conf.d/ file not read, a password file others may read), each at its
// FILE:LINE:COL: `run` and `poll` start from a configuration nobody may have
// checked. Reads the configuration again; never fails, errors are left to
// the loading.
void log_config_warnings(const std::filesystem::path& config_path);

// Compiles the configuration's filters with Swedish and English inflections
// (hunspell). Without the dictionaries words match only themselves, and a
// warning says what to install.
Result<filters::Matcher, ExitCode> compile_matcher(const config::Config& config);

// The moment `age` ("30d") before now, for --since options; a bad duration
// is logged and fails with kExitUsage.
Result<core::TimePoint, ExitCode> since_option(const std::string& age, const core::Clock& clock);

}  // namespace omvarld::app
