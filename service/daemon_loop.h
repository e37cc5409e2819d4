// service/daemon_loop.h
//
// The event loop of `omvarld run`: one Boost.Asio io_context on the calling
// thread owns the timers, the signals and the sd_notify messages, and one
// worker thread does the work (service/run_tasks.h: poll, parse, classify,
// store, digests), one job at a time, so the store is only ever used from
// that thread and a long poll never delays a signal or a watchdog ping.
//
//   wake timer    at the earliest of: a source's next attempt, a digest slot
//                 or retry, the coordinators' report, the daily prune; at
//                 least once a minute. Each wake runs one RunTasks::tick.
//   SIGHUP        RELOADING=1, RunTasks::reload, READY=1, then a tick.
//   SIGTERM/INT   STOPPING=1; the running poll stops before its next source
//                 and abandons its transfers, the store is closed, exit 0.
//                 A transfer that will not let go within 4 s is left
//                 behind: the process exits 0 with no transaction open.
//   watchdog      WATCHDOG=1 every half WatchdogSec, from this loop.
//   [web]         the web archive (service/web_archive.h) is served from
//                 this loop too, with its own connection to the database;
//                 a reload hands it the new configuration, SIGTERM closes
//                 it first.

#pragma once

#include <filesystem>
#include <memory>

#include "app/runtime.h"
#include "core/clock.h"

namespace omvarld::service {

// Runs the daemon on `runtime` (as open_runtime gave it) until SIGTERM or
// SIGINT and returns the exit code (kExitOk after a clean stop). Sends
// READY=1 at once; the first tick starts straight away.
int run_daemon_loop(const std::filesystem::path& config_path, std::unique_ptr<app::Runtime> runtime,
                    const core::Clock& clock);

}  // namespace omvarld::service
