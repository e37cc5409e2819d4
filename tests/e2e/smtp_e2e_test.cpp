// `omvarld digest send` over real SMTP, end to end, through the binary: a
// small file:// feed is polled, and the digests go to the SMTP test server
// (tests/support/smtp_server.py) with STARTTLS, the committed test CA and
// AUTH with a password from password_file. With the server down, nothing
// is marked delivered; once it is up, each nämnd gets exactly one message
// with every item; after that, nothing is sent twice.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/eml_reader.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/smtp_server.h"
#include "tests/support/utc_time.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ClosedPort;
using omvarld::testing::describe;
using omvarld::testing::ProcessResult;
using omvarld::testing::ReceivedMail;
using omvarld::testing::SmtpServerOptions;
using omvarld::testing::SmtpTestServer;
using omvarld::testing::TempDir;

constexpr const char* kPassword = "hemligt-lösen";

// An RFC 822 date an hour ago, so the items are recent whenever this runs.
std::string an_hour_ago() {
  return omvarld::testing::rfc822_date(std::chrono::system_clock::now() - std::chrono::hours(1));
}

std::string feed() {
  const std::string date = an_hour_ago();
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\"><channel><title>SKR – nyheter</title>\n"
      "<link>https://skr.example.se/</link><description>Nyheter</description>\n";
  const std::vector<std::pair<std::string, std::string>> items = {
      {"skr-1", "Fler barn än någonsin går i förskola"},
      {"skr-2", "Ny vägledning för förskola och förskoleklass"},
      {"skr-3", "Kompetensförsörjningen i äldreomsorgen"},
      {"skr-4", "Ekonomirapporten: svagare skatteunderlag"},
  };
  for (const auto& [id, title] : items) {
    xml += "<item><title>" + title + "</title><link>https://skr.example.se/" + id +
           "</link><guid isPermaLink=\"false\">" + id + "</guid><pubDate>" + date +
           "</pubDate><description>Om " + title + ".</description></item>\n";
  }
  return xml + "</channel></rss>\n";
}

// The expected titles per nämnd; the fourth item concerns nobody.
const std::map<std::string, std::vector<std::string>> kExpected = {
    {"linkoping/utbildning",
     {"Fler barn än någonsin går i förskola", "Ny vägledning för förskola och förskoleklass"}},
    {"norrkoping/vard-och-omsorg", {"Kompetensförsörjningen i äldreomsorgen"}},
};

std::string config(int port) {
  return "[daemon]\n"
         "database = \"omvarld.db\"\n"
         "timezone = \"Europe/Stockholm\"\n"
         "allow_file_urls = true\n"
         "\n"
         "[mail]\n"
         "transport = \"smtp\"\n"
         "from = \"Omvärldsbevakning <omvarld@linkoping.se>\"\n"
         "smtp_url = \"smtp://127.0.0.1:" +
         std::to_string(port) +
         "\"\n"
         "starttls = \"required\"\n"
         "ca_file = \"tls/ca.pem\"\n"
         "username = \"omvarld\"\n"
         "password_file = \"smtp-password\"\n"
         "\n"
         "[[source]]\n"
         "id = \"skr\"\n"
         "name = \"SKR – nyheter\"\n"
         "url = \"feeds/skr.xml\"\n"
         "\n"
         "[[namnd]]\n"
         "id = \"linkoping/utbildning\"\n"
         "name = \"Utbildningsnämnden, Linköping\"\n"
         "recipients = [\"Utbildning <utbildning.omvarld@linkoping.se>\"]\n"
         "schedule = \"mon 07:00\"\n"
         "any = [\"förskola\"]\n"
         "\n"
         "[[namnd]]\n"
         "id = \"norrkoping/vard-och-omsorg\"\n"
         "name = \"Vård- och omsorgsnämnden, Norrköping\"\n"
         "recipients = [\"vard.omvarld@norrkoping.se\", \"aldre@norrkoping.se\"]\n"
         "schedule = \"mon 07:00\"\n"
         "any = [\"äldreomsorg*\"]\n";
}

class SmtpEndToEnd : public ::testing::Test {
 protected:
  // Writes the configuration, the feed, the CA file and the password file.
  void write_setup(int port) {
    temp_.write("omvarld.toml", config(port));
    temp_.write("feeds/skr.xml", feed());
    temp_.write("tls/ca.pem", omvarld::testing::read_whole_file(omvarld::testing::test_ca_file()));
    temp_.write("smtp-password", std::string(kPassword) + "\n");
  }

  ProcessResult run(std::vector<std::string> args) {
    return omvarld::testing::run_omvarld(temp_.path() / "omvarld.toml", std::move(args),
                                         temp_.path());
  }

  SmtpServerOptions server_options(int port) const {
    SmtpServerOptions options;
    options.tls = SmtpServerOptions::Tls::kRequireStartTls;
    options.user = "omvarld";
    options.password = kPassword;
    options.port = port;
    return options;
  }

  TempDir temp_;
};

TEST_F(SmtpEndToEnd, NothingIsLostWhileTheServerIsDownAndNothingIsSentTwice) {
  ClosedPort port;
  write_setup(port.port());
  const ProcessResult polled = run({"poll", "--once"});
  ASSERT_EQ(polled.exit_code, 0) << describe(polled);

  // Down: the send fails with a runtime error that names the server.
  const ProcessResult down = run({"digest", "send", "--all", "--now"});
  EXPECT_EQ(down.exit_code, 3) << describe(down);
  EXPECT_NE(down.err.find("smtp://127.0.0.1:" + std::to_string(port.port()) + ": cannot connect"),
            std::string::npos)
      << describe(down);

  // Up on the same port: every nämnd gets its one digest, with every item.
  port.release();
  SmtpTestServer server(temp_.path() / "received", server_options(port.port()));
  ASSERT_NE(server.port(), 0);
  const ProcessResult up = run({"digest", "send", "--all", "--now"});
  EXPECT_EQ(up.exit_code, 0) << describe(up);
  const std::vector<ReceivedMail> received = server.received();
  ASSERT_EQ(received.size(), kExpected.size()) << describe(up);
  std::map<std::string, std::string> text_by_namnd;
  std::map<std::string, fs::path> eml_by_namnd;
  for (const ReceivedMail& mail : received) {
    SCOPED_TRACE(mail.eml_path.string());
    EXPECT_TRUE(mail.tls);
    EXPECT_TRUE(mail.authenticated);
    EXPECT_EQ(mail.mail_from, "omvarld@linkoping.se");
    auto eml = omvarld::testing::parse_eml(mail.eml);
    ASSERT_TRUE(eml) << eml.error();
    const auto namnd = eml->header("X-Omvarld-Namnd");
    ASSERT_TRUE(namnd);
    EXPECT_FALSE(text_by_namnd.contains(*namnd)) << "a second digest for " << *namnd;
    text_by_namnd[*namnd] = eml->text;
    eml_by_namnd[*namnd] = mail.eml_path;
    const std::vector<std::string> expected_rcpts =
        *namnd == "linkoping/utbildning"
            ? std::vector<std::string>{"utbildning.omvarld@linkoping.se"}
            : std::vector<std::string>{"vard.omvarld@norrkoping.se", "aldre@norrkoping.se"};
    EXPECT_EQ(mail.rcpt_tos, expected_rcpts);
  }
  for (const auto& [namnd, titles] : kExpected) {
    SCOPED_TRACE(namnd);
    ASSERT_TRUE(text_by_namnd.contains(namnd));
    std::vector<std::string> check{
        (fs::path(OMVARLD_SOURCE_DIR) / "tests/digest/check_received_mail.py").string(),
        eml_by_namnd[namnd].string()};
    for (const std::string& title : titles) {
      EXPECT_NE(text_by_namnd[namnd].find(title), std::string::npos)
          << title << "\n" << text_by_namnd[namnd];
      check.insert(check.end(), {"--contains", title});
    }
    // Python's email package reads it as a mail client would, both parts.
    const ProcessResult checked =
        omvarld::testing::run_process("/usr/bin/python3", check, temp_.path());
    EXPECT_EQ(checked.exit_code, 0) << describe(checked);
    EXPECT_EQ(text_by_namnd[namnd].find("Ekonomirapporten"), std::string::npos);
  }

  // Polled again and sent again: nothing new, so nothing goes out.
  const ProcessResult repolled = run({"poll", "--once"});
  ASSERT_EQ(repolled.exit_code, 0) << describe(repolled);
  const ProcessResult again = run({"digest", "send", "--all", "--now"});
  EXPECT_NE(again.exit_code, 3) << describe(again);
  EXPECT_EQ(server.received().size(), kExpected.size());
}

TEST_F(SmtpEndToEnd, AnUnreadablePasswordFileIsARuntimeErrorThatNamesIt) {
  SmtpTestServer server(temp_.path() / "received", server_options(0));
  write_setup(server.port());
  fs::remove(temp_.path() / "smtp-password");
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);

  const ProcessResult sent = run({"digest", "send", "--all", "--now"});

  EXPECT_EQ(sent.exit_code, 3) << describe(sent);
  EXPECT_NE(sent.err.find("[mail] password_file " + (temp_.path() / "smtp-password").string() +
                          ": kan inte läsas: No such file or directory"),
            std::string::npos)
      << describe(sent);
  EXPECT_TRUE(server.received().empty());
}

// transport = "sendmail" runs sendmail_path (relative to the config file)
// with the envelope as arguments.
TEST_F(SmtpEndToEnd, SendmailTransportRunsTheConfiguredProgram) {
  write_setup(1);
  std::string toml = omvarld::testing::read_whole_file(temp_.path() / "omvarld.toml");
  const std::string smtp = "transport = \"smtp\"\n";
  toml.replace(toml.find(smtp), smtp.size(),
               "transport = \"sendmail\"\nsendmail_path = \"bin/sendmail\"\n");
  temp_.write("omvarld.toml", toml);
  const fs::path script = temp_.write("bin/sendmail",
                                      "#!/bin/sh\n"
                                      "dir=$(dirname \"$0\")\n"
                                      "n=$(ls \"$dir\" | grep -c '^argv')\n"
                                      "printf '%s\\n' \"$@\" > \"$dir/argv-$n.txt\"\n"
                                      "cat > \"$dir/stdin-$n.txt\"\n");
  fs::permissions(script, fs::perms::owner_all);
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);

  const ProcessResult sent = run({"digest", "send", "--all", "--now"});

  EXPECT_EQ(sent.exit_code, 0) << describe(sent);
  std::vector<std::string> argvs;
  for (int n = 0; n < 2; ++n) {
    argvs.push_back(omvarld::testing::read_whole_file(temp_.path() / "bin" /
                                                      ("argv-" + std::to_string(n) + ".txt")));
  }
  std::sort(argvs.begin(), argvs.end());
  EXPECT_EQ(argvs, (std::vector<std::string>{
                       "-i\n-f\nomvarld@linkoping.se\n--\nutbildning.omvarld@linkoping.se\n",
                       "-i\n-f\nomvarld@linkoping.se\n--\nvard.omvarld@norrkoping.se\n"
                       "aldre@norrkoping.se\n"}));
  EXPECT_FALSE(fs::exists(temp_.path() / "bin/argv-2.txt"));
}

// Norrköping's vård nämnd has two recipients; the relay refuses one of them
// for good (550: someone who has left). The other still gets the digest,
// alone, the send succeeds, the log names the refused address for the
// coordinator, `status` shows no failure, and nothing goes out twice.
TEST_F(SmtpEndToEnd, ARecipientRefusedForGoodIsNamedAndTheOtherGetsTheDigest) {
  SmtpServerOptions options = server_options(0);
  options.rejected_recipients = {"aldre@norrkoping.se"};
  SmtpTestServer server(temp_.path() / "received", options);
  ASSERT_NE(server.port(), 0);
  write_setup(server.port());
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);

  const ProcessResult sent = run({"digest", "send", "--all", "--now"});

  EXPECT_EQ(sent.exit_code, 0) << describe(sent);
  EXPECT_NE(sent.err.find("norrkoping/vard-och-omsorg: " + server.url() +
                          ": recipient <aldre@norrkoping.se> rejected (550 5.1.1 "
                          "<aldre@norrkoping.se>: recipient rejected); the other recipients get "
                          "the digest; correct or remove the address in the nämnd's recipients"),
            std::string::npos)
      << describe(sent);
  std::map<std::string, std::vector<std::string>> rcpts_by_namnd;
  for (const ReceivedMail& mail : server.received()) {
    auto eml = omvarld::testing::parse_eml(mail.eml);
    ASSERT_TRUE(eml) << eml.error();
    const auto namnd = eml->header("X-Omvarld-Namnd");
    ASSERT_TRUE(namnd);
    EXPECT_FALSE(rcpts_by_namnd.contains(*namnd)) << "a second digest for " << *namnd;
    rcpts_by_namnd[*namnd] = mail.rcpt_tos;
  }
  EXPECT_EQ(rcpts_by_namnd["norrkoping/vard-och-omsorg"],
            std::vector<std::string>{"vard.omvarld@norrkoping.se"});
  EXPECT_EQ(rcpts_by_namnd["linkoping/utbildning"],
            std::vector<std::string>{"utbildning.omvarld@linkoping.se"});
  EXPECT_EQ(rcpts_by_namnd.size(), 2u);

  const ProcessResult json = run({"status", "--json"});
  const auto parsed = nlohmann::json::parse(json.out);
  for (const auto& namnd : parsed.at("namnder")) {
    SCOPED_TRACE(namnd.dump());
    EXPECT_FALSE(namnd.contains("failure_kind"));
    EXPECT_EQ(namnd.at("failure_streak"), 0);
  }
  const ProcessResult again = run({"digest", "send", "--all", "--now"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(server.received().size(), 2u);
}

// A 552 for the message: a permanent refusal, named so in the log, in
// `status` (REFUSED, "failure_kind": "permanent") and in the coordinators'
// report; a scheduled send does not try it again before the next slot, but
// at once when the configuration changes.
TEST_F(SmtpEndToEnd, APermanentRefusalIsShownAndWaitsForTheNextSlotOrAConfigurationChange) {
  SmtpServerOptions options = server_options(0);
  options.refuse_data_reply = "552 5.3.4 message size exceeds fixed maximum";
  SmtpTestServer server(temp_.path() / "received", options);
  ASSERT_NE(server.port(), 0);
  write_setup(server.port());
  std::string toml = omvarld::testing::read_whole_file(temp_.path() / "omvarld.toml");
  const std::string from = "from = \"Omvärldsbevakning <omvarld@linkoping.se>\"\n";
  toml.replace(toml.find(from), from.size(), from + "coordinators = [\"anna@linkoping.se\"]\n");
  temp_.write("omvarld.toml", toml);
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);
  const std::string refusal = server.url() +
                              ": message rejected (552 5.3.4 message size exceeds fixed maximum)";

  const ProcessResult sent = run({"digest", "send", "--all", "--now"});
  EXPECT_EQ(sent.exit_code, 3) << describe(sent);
  EXPECT_NE(sent.err.find("linkoping/utbildning: permanent refusal: " + refusal +
                          " (failure 1 in a row; not retried before "),
            std::string::npos)
      << describe(sent);
  EXPECT_TRUE(server.received().empty());

  const ProcessResult status = run({"status"});
  EXPECT_NE(status.out.find(": permanent avvisning: " + refusal + "; nästa försök "),
            std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("    AVVISAD x1 sedan "), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(" (nästa tillfälle, eller genast när konfigurationen ändras)\n"),
            std::string::npos)
      << status.out;
  const ProcessResult json = run({"status", "--json"});
  const auto parsed = nlohmann::json::parse(json.out);
  for (const auto& namnd : parsed.at("namnder")) {
    SCOPED_TRACE(namnd.dump());
    EXPECT_EQ(namnd.at("failure_kind"), "permanent");
    EXPECT_EQ(namnd.at("last_error"), refusal);
    // The next "mon 07:00" in Stockholm.
    EXPECT_NE(namnd.at("next_retry").get<std::string>().find("T07:00:00+0"), std::string::npos);
  }

  const ProcessResult report = run({"digest", "preview", "--report"});
  EXPECT_NE(report.out.find("Ämne: Omvärldsbevakning – rapport v. "), std::string::npos);
  EXPECT_NE(report.out.find(": 2 utskick avvisade"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("* Utbildningsnämnden, Linköping (linkoping/utbildning): "
                            "e-postservern avvisar utskicket (" +
                            refusal + "); nytt försök vid nästa utskickstid "),
            std::string::npos)
      << report.out;
  EXPECT_EQ(report.out.find("allt fungerar"), std::string::npos);

  // By the schedule the digests are due (none went out), but wait.
  const ProcessResult scheduled = run({"digest", "send", "--all"});
  EXPECT_NE(scheduled.err.find("linkoping/utbildning: due, but the server refused the digest for "
                               "good; waiting until "),
            std::string::npos)
      << describe(scheduled);
  EXPECT_EQ(scheduled.err.find("linkoping/utbildning: permanent refusal"), std::string::npos);

  // Another configuration (a smaller max_items): tried again at once.
  toml.replace(toml.find(from), from.size(), from + "max_items = 50\n");
  temp_.write("omvarld.toml", toml);
  const ProcessResult changed = run({"digest", "send", "--all"});
  EXPECT_NE(changed.err.find("linkoping/utbildning: the configuration changed since the server "
                             "refused the digest; trying again"),
            std::string::npos)
      << describe(changed);
  EXPECT_NE(changed.err.find("linkoping/utbildning: permanent refusal: " + refusal +
                             " (failure 2 in a row; "),
            std::string::npos)
      << describe(changed);
}

}  // namespace
}  // namespace omvarld::e2e
