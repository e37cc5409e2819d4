// Tests for digest::SmtpTransport against a real SMTP server
// (tests/support/smtp_server.py, aiosmtpd) on 127.0.0.1: plain SMTP,
// STARTTLS required or opportunistic, smtps://, AUTH, refusals, a server
// that is down, and envelopes that try to smuggle in SMTP commands. What the
// server received is read back and checked byte for byte.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "digest/smtp_transport.h"
#include "tests/digest/sample_digest.h"
#include "tests/support/smtp_server.h"

namespace omvarld::digest {
namespace {

using omvarld::testing::ClosedPort;
using omvarld::testing::SmtpServerOptions;
using omvarld::testing::SmtpTestServer;
using omvarld::testing::TempDir;
using omvarld::testing::test_ca_file;
using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;
using Tls = SmtpServerOptions::Tls;

constexpr const char* kUser = "omvarld";
constexpr const char* kPassword = "hemligt-lösen-42";

Message sample_message() {
  const Recipient recipient = sample_recipient();
  return to_message(recipient, compose(recipient, sample_entries(), sample_now()), sample_now(),
                    "<0123456789abcdef@linkoping.se>");
}

SmtpOptions options_for(const SmtpTestServer& server, StartTlsPolicy starttls,
                        const std::string& scheme = "smtp") {
  SmtpOptions options;
  options.url = server.url(scheme);
  options.starttls = starttls;
  options.ca_file = test_ca_file().string();
  return options;
}

TEST(SmtpTransport, DeliversTheMessageWithItsEnvelopeOverPlainSmtp) {
  TempDir temp;
  SmtpTestServer server(temp.path() / "mail");
  SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));
  const Message message = sample_message();

  const Result<void> delivered = transport.deliver(message);

  ASSERT_TRUE(delivered) << delivered.error().message;
  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].eml, message.eml);
  EXPECT_EQ(received[0].mail_from, "omvarld@linkoping.se");
  EXPECT_EQ(received[0].rcpt_tos, (std::vector<std::string>{"utbildning.omvarld@linkoping.se",
                                                            "asa.oberg@linkoping.se"}));
  EXPECT_FALSE(received[0].tls);
}

TEST(SmtpTransport, DeliversALineWithASingleDotAsText) {
  TempDir temp;
  SmtpTestServer server(temp.path() / "mail");
  SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));
  Message message = sample_message();
  message.eml = "Subject: punkt\r\n\r\nförsta\r\n.\r\n..två\r\nsista\r\n";

  ASSERT_TRUE(transport.deliver(message));
  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].eml, message.eml);
}

// Whenever TLS is spoken the message travels encrypted; whether STARTTLS is
// used depends on the policy and on what the server offers.
TEST(SmtpTransport, UsesTlsAsThePolicyAndTheServerAllow) {
  struct Case {
    const char* name;
    Tls server_tls;
    StartTlsPolicy policy;
    const char* scheme;
    bool encrypted;
  };
  const Case cases[] = {
      {"required, server requires STARTTLS", Tls::kRequireStartTls, StartTlsPolicy::kRequired,
       "smtp", true},
      {"required, server offers STARTTLS", Tls::kStartTls, StartTlsPolicy::kRequired, "smtp",
       true},
      {"opportunistic, server offers STARTTLS", Tls::kStartTls, StartTlsPolicy::kOpportunistic,
       "smtp", true},
      {"opportunistic, server without STARTTLS", Tls::kNone, StartTlsPolicy::kOpportunistic,
       "smtp", false},
      {"off, server offers STARTTLS", Tls::kStartTls, StartTlsPolicy::kOff, "smtp", false},
      {"smtps", Tls::kImplicit, StartTlsPolicy::kOff, "smtps", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir temp;
    SmtpServerOptions server_options;
    server_options.tls = c.server_tls;
    SmtpTestServer server(temp.path() / "mail", server_options);
    SmtpTransport transport(options_for(server, c.policy, c.scheme));

    const Result<void> delivered = transport.deliver(sample_message());

    ASSERT_TRUE(delivered) << delivered.error().message;
    const auto received = server.received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].tls, c.encrypted);
  }
}

TEST(SmtpTransport, RefusesToSendInPlainTextWhenStartTlsIsRequiredButNotOffered) {
  TempDir temp;
  SmtpTestServer server(temp.path() / "mail");
  SmtpTransport transport(options_for(server, StartTlsPolicy::kRequired));

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  EXPECT_EQ(delivered.error().message,
            server.url() + ": the server does not offer STARTTLS, and starttls is \"required\"");
  EXPECT_TRUE(server.received().empty());
}

// A server with `tls`, and the transport's policy and scheme to reach it.
struct TlsCase {
  const char* name;
  Tls server_tls;
  StartTlsPolicy policy;
  const char* scheme;
};

// What came of delivering the sample message in one TlsCase.
struct Attempt {
  Result<void> delivered;
  std::string url;  // the server's, with the case's scheme
  bool received_nothing = false;
};

Attempt deliver_with_ca_file(const TlsCase& c, const std::string& ca_file) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.tls = c.server_tls;
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options = options_for(server, c.policy, c.scheme);
  options.ca_file = ca_file;
  Result<void> delivered = SmtpTransport(options).deliver(sample_message());
  return Attempt{std::move(delivered), server.url(c.scheme), server.received().empty()};
}

// The test certificate is not in the system's store: without the CA file
// the server cannot be verified, and nothing is sent, whatever the policy.
TEST(SmtpTransport, AlwaysVerifiesTheServerCertificate) {
  const TlsCase cases[] = {
      {"required", Tls::kRequireStartTls, StartTlsPolicy::kRequired, "smtp"},
      {"opportunistic", Tls::kStartTls, StartTlsPolicy::kOpportunistic, "smtp"},
      {"smtps", Tls::kImplicit, StartTlsPolicy::kOff, "smtps"},
  };
  for (const TlsCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Attempt attempt = deliver_with_ca_file(c, "");

    ASSERT_FALSE(attempt.delivered);
    EXPECT_EQ(attempt.delivered.error().code, Errc::kDeliveryFailed);
    EXPECT_TRUE(attempt.delivered.error().message.starts_with(attempt.url + ": TLS failed: "))
        << attempt.delivered.error().message;
    EXPECT_TRUE(attempt.received_nothing);
  }
}

TEST(SmtpTransport, LogsInWithTheRightPasswordAfterStartTls) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.tls = Tls::kRequireStartTls;
  server_options.user = kUser;
  server_options.password = kPassword;
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options = options_for(server, StartTlsPolicy::kRequired);
  options.username = kUser;
  options.password = kPassword;
  SmtpTransport transport(options);

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_TRUE(delivered) << delivered.error().message;
  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].tls);
  EXPECT_TRUE(received[0].authenticated);
}

TEST(SmtpTransport, NamesTheUserButNotThePasswordWhenTheLoginIsRefused) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.tls = Tls::kRequireStartTls;
  server_options.user = kUser;
  server_options.password = kPassword;
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options = options_for(server, StartTlsPolicy::kRequired);
  options.username = kUser;
  options.password = "fel-lösenord";
  SmtpTransport transport(options);

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryRefused);  // 535 is permanent
  EXPECT_EQ(delivered.error().message,
            server.url() +
                ": login as \"omvarld\" refused (535 5.7.8 Authentication credentials invalid)");
  EXPECT_EQ(delivered.error().message.find("fel-lösenord"), std::string::npos);
  EXPECT_TRUE(server.received().empty());
}

TEST(SmtpTransport, SendsNothingWhenTheServerRequiresAuthAndNoUserIsSet) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.tls = Tls::kRequireStartTls;
  server_options.user = kUser;
  server_options.password = kPassword;
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpTransport transport(options_for(server, StartTlsPolicy::kRequired));

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryRefused);
  EXPECT_EQ(delivered.error().message, server.url() +
                                           ": sender <omvarld@linkoping.se> rejected (530 5.7.0 "
                                           "Authentication required)");
  EXPECT_TRUE(server.received().empty());
}

TEST(SmtpTransport, NamesTheRejectedRecipientAndSendsToNobody) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.rejected_recipients = {"asa.oberg@linkoping.se"};
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kRecipientRefused);  // the others may still be served
  EXPECT_EQ(delivered.error().message,
            server.url() +
                ": recipient <asa.oberg@linkoping.se> rejected (550 5.1.1 "
                "<asa.oberg@linkoping.se>: recipient rejected)");
  EXPECT_TRUE(server.received().empty());
}

// A 5xx to RCPT refuses that recipient for good (the caller may send to the
// others), except a full mailbox (552, or 5.2.2 in any 5xx: RFC 5321
// §4.5.3.1.10, RFC 3463), which may pass like a 4xx: skipping the recipient
// would lose them the items. Nothing is sent to anyone either way.
TEST(SmtpTransport, TellsARecipientRefusedForGoodFromOneRefusedForNow) {
  struct Case {
    const char* reply;
    Errc code;
  };
  const Case cases[] = {
      {"550 5.1.1 <asa.oberg@linkoping.se>: user unknown", Errc::kRecipientRefused},
      {"553 5.1.3 bad destination mailbox address syntax", Errc::kRecipientRefused},
      {"554 5.7.1 relay access denied", Errc::kRecipientRefused},
      {"552 5.2.2 mailbox full", Errc::kDeliveryFailed},
      {"550 5.2.2 over quota", Errc::kDeliveryFailed},
      {"450 4.2.1 mailbox busy, try again later", Errc::kDeliveryFailed},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reply);
    TempDir temp;
    SmtpServerOptions server_options;
    server_options.recipient_replies = {{"asa.oberg@linkoping.se", c.reply}};
    SmtpTestServer server(temp.path() / "mail", server_options);
    SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));

    const Result<void> delivered = transport.deliver(sample_message());

    ASSERT_FALSE(delivered);
    EXPECT_EQ(delivered.error().code, c.code);
    EXPECT_EQ(delivered.error().message, server.url() + ": recipient <asa.oberg@linkoping.se> "
                                                        "rejected (" + std::string(c.reply) + ")");
    EXPECT_TRUE(server.received().empty());
  }
}

TEST(SmtpTransport, QuotesTheServersReplyWhenItRefusesTheMessageAfterData) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.refuse_data = true;
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryRefused);
  EXPECT_EQ(delivered.error().message,
            server.url() + ": message rejected (554 5.6.0 message refused)");
  EXPECT_TRUE(server.received().empty());
}

// RFC 5321 §4.2.1: a 5yz reply refuses for good, a 4yz one for now. The
// kind is in the error's code, for the digest run to act on; the message
// quotes the reply either way.
TEST(SmtpTransport, TellsAPermanentRefusalFromATemporaryOne) {
  struct Case {
    const char* reply;
    Errc code;
  };
  const Case cases[] = {
      {"552 5.3.4 message size exceeds fixed maximum", Errc::kDeliveryRefused},
      {"554 5.7.1 message refused as spam", Errc::kDeliveryRefused},
      {"550 5.7.1 sender not allowed to send this", Errc::kDeliveryRefused},
      {"452 4.3.1 insufficient system storage", Errc::kDeliveryFailed},
      {"451 4.3.0 try again later", Errc::kDeliveryFailed},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reply);
    TempDir temp;
    SmtpServerOptions server_options;
    server_options.refuse_data_reply = c.reply;
    SmtpTestServer server(temp.path() / "mail", server_options);
    SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));

    const Result<void> delivered = transport.deliver(sample_message());

    ASSERT_FALSE(delivered);
    EXPECT_EQ(delivered.error().code, c.code);
    EXPECT_EQ(delivered.error().message,
              server.url() + ": message rejected (" + std::string(c.reply) + ")");
    EXPECT_TRUE(server.received().empty());
  }
}

// A server without STARTTLS that offers AUTH in plain text: with a username
// set, "opportunistic" must not fall back to plain text, or the password
// would cross the network readable. What the server received is checked
// for the password and for an AUTH command at all.
TEST(SmtpTransport, NeverSendsThePasswordInClearWhenStartTlsIsOpportunistic) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.user = kUser;  // AUTH offered without TLS
  server_options.password = kPassword;
  server_options.record_wire = temp.path() / "wire.bin";
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options = options_for(server, StartTlsPolicy::kOpportunistic);
  options.username = kUser;
  options.password = kPassword;

  const Result<void> delivered = SmtpTransport(options).deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  EXPECT_EQ(delivered.error().message,
            server.url() +
                ": the server does not offer STARTTLS, and with a username the password is never "
                "sent in clear: starttls = \"opportunistic\" goes without TLS only when no "
                "username is set");
  server.stop();
  const std::string wire = omvarld::testing::read_whole_file(temp.path() / "wire.bin");
  EXPECT_NE(wire.find("EHLO"), std::string::npos) << wire;  // it did talk to the server
  EXPECT_EQ(wire.find("AUTH"), std::string::npos) << wire;
  EXPECT_EQ(wire.find(kPassword), std::string::npos) << wire;
  // AUTH LOGIN sends base64(password), AUTH PLAIN base64("\0user\0password").
  EXPECT_EQ(wire.find("aGVtbGlndC1sw7ZzZW4tNDI="), std::string::npos) << wire;
  EXPECT_EQ(wire.find("AG9tdmFybGQAaGVtbGlndC1sw7ZzZW4tNDI="), std::string::npos) << wire;
  EXPECT_TRUE(server.received().empty());
}

TEST(SmtpTransport, RefusesToLogInWithStartTlsOffBeforeConnecting) {
  TempDir temp;
  SmtpServerOptions server_options;
  server_options.user = kUser;
  server_options.password = kPassword;
  server_options.record_wire = temp.path() / "wire.bin";
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options = options_for(server, StartTlsPolicy::kOff);
  options.username = kUser;
  options.password = kPassword;

  const Result<void> delivered = SmtpTransport(options).deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  EXPECT_EQ(delivered.error().message,
            server.url() +
                ": username is set but starttls = \"off\": the password would be sent in clear; "
                "set starttls = \"required\" or use an smtps:// URL");
  server.stop();
  EXPECT_FALSE(std::filesystem::exists(temp.path() / "wire.bin"));  // never connected
  EXPECT_TRUE(server.received().empty());
}

// libcurl would say only "error setting certificate file", and only once TLS
// starts; a missing CA file is named before connecting, whatever the policy.
TEST(SmtpTransport, NamesACaFileThatDoesNotExistAndSendsNothing) {
  const TlsCase cases[] = {
      {"STARTTLS required", Tls::kRequireStartTls, StartTlsPolicy::kRequired, "smtp"},
      {"smtps", Tls::kImplicit, StartTlsPolicy::kOff, "smtps"},
      {"plain SMTP", Tls::kNone, StartTlsPolicy::kOff, "smtp"},
  };
  TempDir temp;
  const std::string missing = (temp.path() / "no-such-ca.pem").string();
  for (const TlsCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Attempt attempt = deliver_with_ca_file(c, missing);

    ASSERT_FALSE(attempt.delivered);
    EXPECT_EQ(attempt.delivered.error().code, Errc::kDeliveryFailed);
    EXPECT_EQ(attempt.delivered.error().message,
              attempt.url + ": ca_file \"" + missing + "\" does not exist");
    EXPECT_TRUE(attempt.received_nothing);
  }
}

TEST(SmtpTransport, FailsWhenNothingListensAndHidesCredentialsInTheUrl) {
  ClosedPort closed;
  const std::string port = std::to_string(closed.port());
  SmtpOptions options;
  options.url = "smtp://someone:url-secret@127.0.0.1:" + port;
  options.starttls = StartTlsPolicy::kOff;
  SmtpTransport transport(options);

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  const std::string& message = delivered.error().message;
  EXPECT_TRUE(message.starts_with("smtp://127.0.0.1:" + port + ": cannot connect: ")) << message;
  EXPECT_NE(message.find("Couldn't connect to server"), std::string::npos) << message;
  EXPECT_EQ(message.find("url-secret"), std::string::npos) << message;
}

// A CR or LF in an envelope address would end the SMTP command and start
// another one; such a message is refused before any connection.
TEST(SmtpTransport, RefusesAnEnvelopeThatCouldInjectSmtpCommands) {
  struct Case {
    const char* name;
    std::string from;
    std::vector<std::string> to;
    std::string error;  // after "smtp://127.0.0.1:PORT: "
  };
  const std::vector<Case> cases = {
      {"CRLF in a recipient",
       "omvarld@linkoping.se",
       {"a@linkoping.se\r\nRCPT TO:<evil@example.com>"},
       "recipient address \"a@linkoping.se\\r\\nRCPT TO:<evil@example.com>\" holds a space, "
       "control character or angle bracket"},
      {"LF in the sender",
       "omvarld@linkoping.se\nDATA",
       {"a@linkoping.se"},
       "sender address \"omvarld@linkoping.se\\nDATA\" holds a space, control character or "
       "angle bracket"},
      {"angle bracket", "omvarld@linkoping.se", {"a@linkoping.se>"},
       "recipient address \"a@linkoping.se>\" holds a space, control character or angle "
       "bracket"},
      {"empty sender", "", {"a@linkoping.se"}, "sender address is empty"},
      {"no recipient", "omvarld@linkoping.se", {}, "no recipient address"},
  };
  TempDir temp;
  SmtpTestServer server(temp.path() / "mail");
  SmtpTransport transport(options_for(server, StartTlsPolicy::kOff));
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Message message = sample_message();
    message.envelope_from = c.from;
    message.envelope_to = c.to;

    const Result<void> delivered = transport.deliver(message);

    ASSERT_FALSE(delivered);
    EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
    EXPECT_EQ(delivered.error().message, server.url() + ": " + c.error);
  }
  EXPECT_TRUE(server.received().empty());
}

}  // namespace
}  // namespace omvarld::digest
