#include "config/password_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/translate.h"

namespace omvarld::config {

namespace {

// systemd puts a service's credentials here (systemd.exec(5), LoadCredential=).
constexpr char kCredentialsDirectory[] = "/run/credentials/";

// An open file descriptor, closed when it goes.
class OpenFile {
 public:
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  explicit OpenFile(const std::string& path)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)), error_(errno) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  int fd() const { return fd_; }
  int error() const { return error_; }

 private:
  int fd_;
  int error_;
};

std::string describe_mode(mode_t mode) {
  const bool group = (mode & S_IRGRP) != 0;
  const bool others = (mode & S_IROTH) != 0;
  return std::string(group && others ? core::tr("group and others") : group ? core::tr("its group") : core::tr("others"));
}

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

Result<std::string> read_password_file(const std::string& path) {
  const OpenFile file(path);
  if (file.fd() < 0) {
    return fail(Errc::kInvalidConfig, core::trf("{0}: cannot read: {1}", {path, std::strerror(file.error())}));
  }
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0) {
    return fail(Errc::kInvalidConfig, core::trf("{0}: cannot read: {1}", {path, std::strerror(errno)}));
  }
  if (!S_ISREG(status.st_mode)) return fail(Errc::kInvalidConfig, core::trf("{0}: not a regular file", {path}));
  std::string password(kMaxPasswordFileBytes + 1, '\0');
  std::size_t size = 0;
  while (size < password.size()) {
    const ssize_t got = ::read(file.fd(), password.data() + size, password.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(Errc::kInvalidConfig, core::trf("{0}: cannot read: {1}", {path, std::strerror(errno)}));
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  if (size > kMaxPasswordFileBytes) {
    return fail(Errc::kInvalidConfig,
                path + ": larger than " + std::to_string(kMaxPasswordFileBytes) + " bytes");
  }
  password.resize(size);
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

std::vector<PasswordFileProblem> check_password_file(const std::string& path) {
  using Severity = PasswordFileProblem::Severity;
  std::vector<PasswordFileProblem> problems;
  const OpenFile file(path);
  if (file.fd() < 0) {
    if (file.error() == ENOENT && path.rfind(kCredentialsDirectory, 0) == 0) {
      problems.push_back({Severity::kWarning,
                          core::trf("{0} is a systemd credential, there only while the service runs: "
                                    "not checked",
                                    {path})});
    } else {
      problems.push_back(
          {Severity::kError, core::trf("cannot read {0}: {1}", {path, std::strerror(file.error())})});
    }
    return problems;
  }
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0) {
    problems.push_back({Severity::kError, core::trf("cannot read {0}: {1}", {path, std::strerror(errno)})});
    return problems;
  }
  if (!S_ISREG(status.st_mode)) {
    problems.push_back({Severity::kError, core::trf("{0} is not a regular file", {path})});
    return problems;
  }
  if (static_cast<std::size_t>(status.st_size) > kMaxPasswordFileBytes) {
    problems.push_back({Severity::kError,
                        core::trf("{0} is {1} bytes; a password file holds the password alone (at most {2} bytes)",
                                  {path, std::to_string(status.st_size), std::to_string(kMaxPasswordFileBytes)})});
  }
  if ((status.st_mode & (S_IRGRP | S_IROTH)) != 0) {
    problems.push_back({Severity::kWarning,
                        core::trf("{0} can be read by {1} (mode {2}); make it private: chmod 600 {0}",
                                  {path, describe_mode(status.st_mode), octal_mode(status.st_mode)})});
  }
  return problems;
}

PasswordFileFindings check_password_files(const Config& config) {
  PasswordFileFindings findings;
  const auto check = [&](const std::string& path, const std::optional<FilePos>& where) {
    if (path.empty()) return;
    for (PasswordFileProblem& problem : check_password_file(path)) {
      Error error{Errc::kInvalidConfig, "password_file: " + std::move(problem.message), where};
      auto& list = problem.severity == PasswordFileProblem::Severity::kError ? findings.errors
                                                                             : findings.warnings;
      list.push_back(std::move(error));
    }
  };
  check(config.mail.password_file, config.mail.password_file_at);
  for (const SourceConfig& source : config.sources) {
    if (source.kind == SourceKind::kImap) check(source.imap.password_file, source.imap.password_file_at);
  }
  return findings;
}

}  // namespace omvarld::config
