#include "sources/mailbox_source.h"

#include <string>
#include <utility>

#include "config/password_file.h"
#include "core/failure_kind.h"

namespace omvarld::sources {

namespace {

SourceFailure imap_failure(const Error& error) { return {core::FailureKind::kImap, error.message}; }

}  // namespace

Result<net::Mailbox, SourceFailure> open_mailbox(const config::SourceConfig& source,
                                                 const config::DaemonSection& daemon) {
  net::MailboxOptions options;
  options.url = source.url;
  options.username = source.imap.username;
  options.read_password = [&source]() -> Result<std::string> {
    auto password = config::read_password_file(source.imap.password_file);
    if (!password) return fail(Errc::kInvalidConfig, "[source.imap] password_file " + password.error().message);
    return password;
  };
  options.ca_file = daemon.ca_file;
  options.allow_file_urls = daemon.allow_file_urls;
  auto mailbox = net::Mailbox::open(std::move(options));
  if (!mailbox) return tl::unexpected(imap_failure(mailbox.error()));
  return std::move(*mailbox);
}

Result<net::UnseenMessages, SourceFailure> read_unseen(net::Mailbox& mailbox) {
  auto unseen = mailbox.read_unseen();
  if (!unseen) return tl::unexpected(imap_failure(unseen.error()));
  return std::move(*unseen);
}

}  // namespace omvarld::sources
