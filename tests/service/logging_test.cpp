// How the daemon picks its log format from where stderr goes: the journal
// (syslog priority prefixes), a terminal, or a plain file or pipe.

#include "service/logging.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace omvarld::service {
namespace {

FileId file_id(std::uint64_t device, std::uint64_t inode) {
  FileId id;
  id.device = device;
  id.inode = inode;
  return id;
}

struct Case {
  const char* name;
  std::optional<std::string> journal_stream;
  std::optional<std::string> invocation_id;
  std::optional<FileId> stderr_file;
  bool stderr_is_terminal;
  LogFormat expected;
};

const Case kCases[] = {
    {"journal stream naming stderr", "64769:1234", "f00d", file_id(64769, 1234), false,
     LogFormat::kJournal},
    {"journal stream naming stderr, no invocation id", "64769:1234", std::nullopt,
     file_id(64769, 1234), false, LogFormat::kJournal},
    {"journal stream of another file: stderr redirected in a service", "64769:1234", "f00d",
     file_id(64769, 999), false, LogFormat::kPlain},
    {"journal stream of another file, stderr a terminal", "64769:1234", "f00d",
     file_id(5, 6), true, LogFormat::kTerminal},
    {"journal stream on another device", "1:1234", std::nullopt, file_id(64769, 1234), false,
     LogFormat::kPlain},
    {"malformed journal stream", "64769-1234", "f00d", file_id(64769, 1234), false,
     LogFormat::kPlain},
    {"journal stream with trailing text", "64769:1234x", std::nullopt, file_id(64769, 1234),
     false, LogFormat::kPlain},
    {"journal stream without inode", "64769:", std::nullopt, file_id(64769, 0), false,
     LogFormat::kPlain},
    {"journal stream but stderr closed", "64769:1234", std::nullopt, std::nullopt, false,
     LogFormat::kPlain},
    {"started by systemd without a journal stream", std::nullopt, "f00d", file_id(3, 4), false,
     LogFormat::kJournal},
    {"started by systemd on a terminal (systemd-run --pty)", std::nullopt, "f00d",
     file_id(3, 4), true, LogFormat::kTerminal},
    {"terminal", std::nullopt, std::nullopt, file_id(3, 4), true, LogFormat::kTerminal},
    {"file or pipe", std::nullopt, std::nullopt, file_id(3, 4), false, LogFormat::kPlain},
};

TEST(LogFormat, FollowsWhereStderrGoes) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    LogEnvironment environment;
    environment.journal_stream = c.journal_stream;
    environment.invocation_id = c.invocation_id;
    environment.stderr_file = c.stderr_file;
    environment.stderr_is_terminal = c.stderr_is_terminal;
    EXPECT_EQ(choose_log_format(environment), c.expected);
  }
}

}  // namespace
}  // namespace omvarld::service
