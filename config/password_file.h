// config/password_file.h
//
// Password files ([mail] password_file, [source.imap] password_file): the
// password alone, in a file only the service may read. The one place that
// reads them (the SMTP transport, the IMAP mailbox), and what `check-config`
// says about them. Reading is bounded: a file that is not regular (a FIFO
// would block, /dev/zero never end) or larger than kMaxPasswordFileBytes is
// refused before anything is allocated for it. Touches the file system,
// nothing else; no logging. Messages name the file, never its content.

#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"

namespace omvarld::config {

// A password or an access token fits many times over; a larger file is the
// wrong one (a key bundle, a log), and is not read into memory.
inline constexpr std::size_t kMaxPasswordFileBytes = 4096;

// The password: the file's content without its final line ends. Fails with
// kInvalidConfig and "PATH: cannot read: REASON", "PATH: not a regular
// file" or "PATH: larger than 4096 bytes". Reads at most
// kMaxPasswordFileBytes + 1 bytes.
Result<std::string> read_password_file(const std::string& path);

// What is wrong with the password file at `path`, for check-config (the
// caller adds the key and its FILE:LINE:COL). Errors: missing or unreadable
// (by this process), not a regular file, larger than kMaxPasswordFileBytes.
// Warnings: readable by group or others (mode bits); a path under
// /run/credentials/ that does not exist, as a systemd credential
// (LoadCredential=) exists only while its service runs.
struct PasswordFileProblem {
  enum class Severity { kError, kWarning };
  Severity severity;
  std::string message;  // "cannot read /etc/omvarld/smtp-password: No such file or directory"
};
std::vector<PasswordFileProblem> check_password_file(const std::string& path);

// check_password_file() for every password_file of `config` ([mail] and
// each [source.imap]), each problem as "password_file: …" at the
// FILE:LINE:COL of its value, in configuration order.
struct PasswordFileFindings {
  std::vector<Error> errors;
  std::vector<Error> warnings;
};
PasswordFileFindings check_password_files(const Config& config);

}  // namespace omvarld::config
