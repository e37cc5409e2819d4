#include "app/mail_transport.h"

#include <string>
#include <utility>

#include "config/password_file.h"
#include "digest/sendmail_transport.h"
#include "digest/smtp_transport.h"

namespace omvarld::app {

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
      auto password = config::read_password_file(mail.password_file);
      if (!password) {
        return fail(Errc::kDeliveryFailed, "[mail] password_file " + password.error().message);
      }
      options.password = std::move(*password);
    }
  }
  return std::make_unique<digest::SmtpTransport>(std::move(options));
}

}  // namespace omvarld::app
