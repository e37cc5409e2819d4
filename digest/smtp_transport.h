// digest/smtp_transport.h
//
// SmtpTransport hands each message to an SMTP server through libcurl: one
// connection per message, smtp:// (with STARTTLS as configured) or smtps://
// (TLS from the first byte). The server's certificate is always verified.
// deliver() blocks until the server answered the end of DATA; use one
// instance from one thread at a time. libcurl must have been initialised
// (curl_global_init, in main()) before the first deliver().

#pragma once

#include <chrono>
#include <string>

#include "digest/transport.h"

namespace omvarld::digest {

// What smtp:// does about STARTTLS; smtps:// is always encrypted. A
// password never goes in clear: with a username, kOpportunistic acts as
// kRequired, and kOff is refused before connecting.
enum class StartTlsPolicy {
  kRequired,       // no STARTTLS offered, or it fails: nothing is sent
  kOpportunistic,  // STARTTLS when the server offers it, else plain text (no username only)
  kOff,            // never (no username only)
};

struct SmtpOptions {
  std::string url;  // "smtp://relay.example.se:587" or "smtps://relay.example.se:465"
  StartTlsPolicy starttls = StartTlsPolicy::kRequired;
  std::string username;  // empty: no AUTH
  std::string password;  // never logged, never in an error
  std::string ca_file;   // PEM bundle to verify the server with; empty: the system's
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds timeout{120};  // the whole transaction
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpOptions options);

  // Sends message.eml from message.envelope_from to every address in
  // message.envelope_to. Fails with a message that starts with the server
  // ("smtp://relay.example.se:587: ", credentials removed) and says what
  // failed, with the server's reply when there was one: "recipient <x@y.se>
  // rejected (550 5.1.1 …)". The code is kRecipientRefused when the server
  // refused a recipient with a 5xx reply to RCPT (nothing is sent to anyone:
  // the caller may send to the others without that address), except for a
  // full mailbox (552, 5.2.2), which may pass;
  // kDeliveryRefused when it refused with a 5xx reply to anything else
  // (MAIL, DATA, the message itself or AUTH), which the same message would
  // get again; kDeliveryFailed for
  // everything that may pass: a 4xx reply, no connection, a timeout, TLS,
  // no STARTTLS offered, a username with starttls "off". An envelope address
  // that is empty or holds a space, control character or <> is refused
  // before connecting, and so is a ca_file that does not exist:
  // "ca_file \"/etc/omvarld/ca.pem\" does not exist".
  Result<void> deliver(const Message& message) override;

 private:
  SmtpOptions options_;
  std::string server_;  // the URL without credentials, for messages
};

}  // namespace omvarld::digest
