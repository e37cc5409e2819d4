#include "daemon/mail_transport.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "digest/sendmail_transport.h"
#include "digest/smtp_transport.h"

namespace omvarld::daemon {

namespace {

// The SMTP password: the file's content without its final line end. The
// error names the file and the reason, never the content.
Result<std::string> read_password(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    return fail(Errc::kDeliveryFailed,
                "[mail] password_file " + path + ": cannot read: " + std::strerror(errno));
  }
  std::string password;
  char buffer[512];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) password.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    return fail(Errc::kDeliveryFailed,
                "[mail] password_file " + path + ": cannot read: " + std::strerror(error));
  }
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

}  // namespace

Result<std::unique_ptr<digest::Transport>> make_transport(const config::MailSection& mail) {
  switch (mail.transport) {
    case config::MailTransport::kDirectory:
      return std::make_unique<digest::DirectoryTransport>(mail.directory);
    case config::MailTransport::kSendmail:
      return std::make_unique<digest::SendmailTransport>(mail.sendmail_path);
    case config::MailTransport::kSmtp: break;
  }
  digest::SmtpOptions options;
  options.url = mail.smtp_url;
  switch (mail.starttls) {
    case config::StartTls::kRequired: options.starttls = digest::StartTlsPolicy::kRequired; break;
    case config::StartTls::kOpportunistic:
      options.starttls = digest::StartTlsPolicy::kOpportunistic;
      break;
    case config::StartTls::kOff: options.starttls = digest::StartTlsPolicy::kOff; break;
  }
  options.ca_file = mail.ca_file;
  if (!mail.username.empty()) {
    options.username = mail.username;
    if (!mail.password_file.empty()) {
      auto password = read_password(mail.password_file);
      if (!password) return unexpected<Error>(password.error());
      options.password = std::move(*password);
    }
  }
  return std::make_unique<digest::SmtpTransport>(std::move(options));
}

}  // namespace omvarld::daemon
