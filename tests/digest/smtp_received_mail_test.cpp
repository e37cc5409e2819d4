// What an official's mail client gets: digests sent through SmtpTransport to
// a real SMTP server (tests/support/smtp_server.py), and the received bytes
// read by Python's email package (tests/digest/check_received_mail.py):
// headers, both parts, charset, Swedish text intact, no overlong line, no
// header injected by a feed, no active content in the HTML part.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "digest/smtp_transport.h"
#include "tests/digest/sample_digest.h"
#include "tests/support/process.h"
#include "tests/support/smtp_server.h"

namespace omvarld::digest {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ReceivedMail;
using omvarld::testing::run_process;
using omvarld::testing::SmtpServerOptions;
using omvarld::testing::SmtpTestServer;
using omvarld::testing::TempDir;
using omvarld::testing::test_ca_file;
using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

// Sends `digest` to the sample recipient through a server that requires
// STARTTLS and AUTH, and returns what the server received.
ReceivedMail send_and_receive(const TempDir& temp, const Digest& digest) {
  SmtpServerOptions server_options;
  server_options.tls = SmtpServerOptions::Tls::kRequireStartTls;
  server_options.user = "omvarld";
  server_options.password = "hemligt";
  SmtpTestServer server(temp.path() / "mail", server_options);
  SmtpOptions options;
  options.url = server.url();
  options.ca_file = test_ca_file().string();
  options.username = "omvarld";
  options.password = "hemligt";
  SmtpTransport transport(options);
  const Recipient recipient = sample_recipient();
  const Result<void> delivered = transport.deliver(
      to_message(recipient, digest, sample_now(), "<0123456789abcdef@linkoping.se>"));
  EXPECT_TRUE(delivered) << (delivered ? "" : delivered.error().message);
  auto received = server.received();
  EXPECT_EQ(received.size(), 1u);
  return received.empty() ? ReceivedMail{} : received.front();
}

// Runs check_received_mail.py on `mail` with `checks`; returns its report.
std::string python_problems(const TempDir& temp, const ReceivedMail& mail,
                            const std::vector<std::string>& checks) {
  std::vector<std::string> args{
      (fs::path(OMVARLD_SOURCE_DIR) / "tests/digest/check_received_mail.py").string(),
      mail.eml_path.string()};
  args.insert(args.end(), checks.begin(), checks.end());
  const auto checked = run_process("/usr/bin/python3", args, temp.path());
  if (checked.exit_code != 0 && checked.out.empty()) return "python failed: " + checked.err;
  return checked.out;
}

TEST(SmtpReceivedMail, ReadsInSwedishInBothParts) {
  std::vector<Entry> entries = sample_entries();
  Entry swedish;
  swedish.title = "Nya siffror: förskolorna i Linköping växer";
  swedish.link = "https://skr.se/nyheter/forskolorna";
  swedish.source_name = "SKR";
  swedish.published = testing::at(std::chrono::year{2026} / 11 / 22, std::chrono::hours{8});
  swedish.text = "åäö ÅÄÖ – förskolorna tar emot fler barn än någonsin. " +
                 std::string(3000, 'x');  // one word longer than any mail line may be
  swedish.terms = {"förskola"};
  entries.push_back(swedish);
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  TempDir temp;

  const ReceivedMail mail = send_and_receive(temp, digest);

  EXPECT_EQ(python_problems(temp, mail,
                            {"--subject",
                             "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 4 nya "
                             "träffar",
                             "--contains", "Utbildningsnämnden", "--contains", "förskolorna",
                             "--contains", "åäö ÅÄÖ", "--html-inert"}),
            "");
}

// A line break in a feed's title, or in a subject, must stay inside its
// header or body line: the received message has no header it did not send.
TEST(SmtpReceivedMail, ALineBreakInATitleOrSubjectAddsNoHeader) {
  std::vector<Entry> entries = sample_entries();
  entries[0].title = "Möte i Bryssel\r\nBcc: evil@example.com\r\nX-Injected: yes";
  Digest digest = compose(sample_recipient(), entries, sample_now());
  digest.subject = "Omvärldsbevakning\r\nBcc: evil@example.com\nX-Injected: yes";
  TempDir temp;

  const ReceivedMail mail = send_and_receive(temp, digest);

  EXPECT_EQ(python_problems(temp, mail,
                            {"--no-header", "Bcc", "--no-header", "X-Injected", "--contains",
                             "Möte i Bryssel"}),
            "");
  EXPECT_EQ(mail.eml.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(mail.eml.find("\nX-Injected:"), std::string::npos);
}

TEST(SmtpReceivedMail, ScriptsEventHandlersAndJavascriptLinksFromAFeedAreInert) {
  std::vector<Entry> entries = sample_entries();
  entries[0].title = "<script>alert('titel')</script>Förskola <b onmouseover=alert(1)>fet</b>";
  entries[0].text = "<img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">klicka</a>";
  entries[0].link = "javascript:alert(4)";
  entries[1].link = " JaVaScRiPt:alert(5)";
  entries[2].title = "<iframe src=\"data:text/html,<script>alert(6)</script>\"></iframe>";
  entries[2].link = "data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==";
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  TempDir temp;

  const ReceivedMail mail = send_and_receive(temp, digest);

  // The feed's text is shown as text, so a reader sees what was there.
  EXPECT_EQ(python_problems(temp, mail, {"--html-inert", "--contains", "onerror="}), "");
}

}  // namespace
}  // namespace omvarld::digest
