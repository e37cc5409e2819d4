// service/logging.h
//
// Sets up spdlog once, in main(): one logger writing to stderr, in the format
// that suits where stderr goes. Everything else logs through spdlog's default
// logger. Under systemd the journal takes stderr: there each line starts with
// its syslog priority ("<3>" error, "<4>" warning, "<6>" info, "<7>" debug)
// and carries no time, since journald records one, so `journalctl -p warning`
// selects by level. A terminal, file or pipe gets time and level in words.

#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace omvarld::service {

enum class Verbosity { kQuiet, kNormal, kVerbose };

enum class LogFormat {
  kTerminal,  // "2026-11-28 07:00:00 info  message", the level in colour
  kPlain,     // the same without colour: stderr is a file or a pipe
  kJournal,   // "<6>message": syslog priority, no time (sd-daemon(3) prefixes)
};

// Identifies an open file, as fstat(2) and $JOURNAL_STREAM ("DEVICE:INODE",
// both decimal) do.
struct FileId {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
};

// What the choice of format depends on.
struct LogEnvironment {
  std::optional<std::string> journal_stream;  // $JOURNAL_STREAM
  std::optional<std::string> invocation_id;   // $INVOCATION_ID, set by systemd
  std::optional<FileId> stderr_file;          // fstat(2) of stderr; nullopt if closed
  bool stderr_is_terminal = false;
};

// The environment of this process: its variables and its stderr.
LogEnvironment current_log_environment();

// kJournal when stderr is the journal stream systemd connected
// ($JOURNAL_STREAM names stderr's device and inode), or when systemd started
// the process ($INVOCATION_ID) without a journal stream and stderr is not a
// terminal (StandardError=syslog, kmsg). A $JOURNAL_STREAM that names another
// file means stderr was redirected (`omvarld status 2>file` in a service's
// shell): then, like everywhere else, kTerminal on a terminal, else kPlain.
LogFormat choose_log_format(const LogEnvironment& environment);

// Installs the default logger: `format` as chosen above, at the level
// `verbosity` asks for (warnings and errors, plus info, plus debug).
void setup_logging(Verbosity verbosity, LogFormat format);

// setup_logging(verbosity, choose_log_format(current_log_environment())).
void setup_logging(Verbosity verbosity);

}  // namespace omvarld::service
