// digest/sendmail_transport.h
//
// SendmailTransport hands each message to the local mail system by running
// its sendmail program (Postfix, Exim, msmtp … all provide one) directly,
// without a shell: `sendmail -i -f FROM -- RCPT…`, the message on stdin with
// LF line ends. deliver() waits for the program; use one instance from one
// thread at a time.

#pragma once

#include <filesystem>

#include "digest/transport.h"

namespace omvarld::digest {

class SendmailTransport final : public Transport {
 public:
  explicit SendmailTransport(std::filesystem::path program);

  // Runs the program for message.envelope_from and message.envelope_to and
  // succeeds when it exits with status 0. Otherwise fails with
  // kDeliveryFailed: "sendmail /usr/sbin/sendmail: exit status 75: <the
  // first line it wrote to stderr>", or says that it could not be started,
  // was killed by a signal, or stopped reading the message. An envelope
  // address that is empty, holds a space, control character or <>, or
  // starts with "-" is refused before anything runs.
  Result<void> deliver(const Message& message) override;

  const std::filesystem::path& program() const { return program_; }

 private:
  std::filesystem::path program_;
};

}  // namespace omvarld::digest
