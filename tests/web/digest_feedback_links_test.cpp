// "Relevant? Ja / Nej" links in digests, end to end in process: DigestRun
// with web::digest_feedback_links over a real SQLite file and a real SMTP
// server (tests/support/smtp_server.py). With [web] base_url, one message
// per recipient with that recipient's own tokens, and never the same items
// twice to a recipient, even when another recipient fails; without it, one
// message to all, as before.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/digest_run.h"
#include "app/mail_transport.h"
#include "core/schedule.h"
#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/support/eml_reader.h"
#include "tests/support/smtp_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"
#include "web/digest_feedback.h"
#include "web/feedback_key.h"
#include "web/feedback_token.h"

namespace omvarld {
namespace {

using namespace std::chrono_literals;
using testing::SmtpServerOptions;
using testing::SmtpTestServer;

const core::NamndId kUtbildning = "linkoping/utbildning";
constexpr char kBaseUrl[] = "https://omvarld.linkoping.se";

// The tokens of the "Ja, relevant: <url>" lines of a text part, in order.
std::vector<std::string> ja_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  const std::string marker = std::string("Ja, relevant: ") + kBaseUrl + "/feedback?t=";
  for (std::size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + 1)) {
    const std::size_t start = at + marker.size();
    tokens.push_back(text.substr(start, text.find('&', start) - start));
  }
  return tokens;
}

class DigestFeedbackLinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.daemon.database = (dir_.path() / "omvarld.db").string();
    config_.mail.transport = config::MailTransport::kSmtp;
    config_.mail.starttls = config::StartTls::kOff;
    config_.mail.from = "Omvärldsbevakning <omvarld@linkoping.se>";
    config_.mail.coordinators = {"Anna Samordnare <anna@linkoping.se>"};
    config::NamndConfig namnd;
    namnd.id = kUtbildning;
    namnd.name = "Utbildningsnämnden, Linköping";
    namnd.recipients = {"Bo Ek <Bo.Ek@Linkoping.se>", "cecilia@linkoping.se"};
    namnd.schedule = *core::parse_schedule("mon 07:00");
    config_.namnder.push_back(namnd);
    config_.sources.push_back({"skr", "SKR", "https://skr.example.se/rss", {}, {}, {}, {}, {}});
    config_.web = config::WebSection{"127.0.0.1", 8080, kBaseUrl};
    auto opened = storage::ItemStore::open(config_.daemon.database);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {
        {"skr", "SKR", "https://skr.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  void store_items(const std::vector<std::string>& keys) {
    std::vector<storage::ClassifiedItem> items;
    for (const std::string& key : keys) {
      core::Item item{"skr", key, "Skolan " + key, "https://skr.se/" + key, "", "",
                      clock_.now() - 1h};
      items.push_back({item, {core::Match{kUtbildning, {"skola"}, {}, {}}}});
    }
    ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "skr", items,
                                                        {clock_.now(), 200, 0, {}}));
  }

  app::DigestSummary send(const SmtpTestServer& server) {
    config_.mail.smtp_url = server.url();
    auto transport = app::make_transport(config_.mail);
    EXPECT_TRUE(transport) << transport.error().message;
    app::DigestRun run(config_, *store_, clock_, web::digest_feedback_links(config_));
    return run.send({&config_.namnder[0]}, **transport, /*ignore_schedule=*/true);
  }

  web::FeedbackKey key() {
    auto loaded = web::load_or_create_feedback_key(dir_.path());
    EXPECT_TRUE(loaded) << loaded.error().message;
    return loaded ? *loaded : web::FeedbackKey{};
  }

  // The tokens of `mail`, each checked to name `recipient` and the nämnd.
  std::vector<std::int64_t> voted_items(const testing::ReceivedMail& mail,
                                        const std::string& recipient) {
    auto eml = testing::parse_eml(mail.eml);
    EXPECT_TRUE(eml) << eml.error();
    if (!eml) return {};
    std::vector<std::int64_t> items;
    for (const std::string& token : ja_tokens(eml->text)) {
      auto ticket = web::verify_feedback_token(key(), token);
      EXPECT_TRUE(ticket) << token;
      if (!ticket) continue;
      EXPECT_EQ(ticket->namnd, kUtbildning);
      EXPECT_EQ(ticket->recipient, web::recipient_digest(key(), recipient));
      EXPECT_NE(eml->html.find("/feedback?t=" + token + "&amp;v=nej\""), std::string::npos);
      items.push_back(ticket->item_id);
    }
    return items;
  }

  testing::TempDir dir_;
  config::Config config_;
  std::unique_ptr<storage::ItemStore> store_;
  testing::FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 7h};
};

TEST_F(DigestFeedbackLinksTest, EachRecipientGetsTheirOwnMessageWithTheirOwnTokens) {
  store_items({"a", "b"});
  SmtpTestServer server(dir_.path() / "mail");
  ASSERT_EQ(send(server).sent, 1);

  const auto mails = server.received();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"Bo.Ek@Linkoping.se"});
  EXPECT_EQ(mails[1].rcpt_tos, std::vector<std::string>{"cecilia@linkoping.se"});
  auto first = voted_items(mails[0], "bo.ek@linkoping.se");
  auto second = voted_items(mails[1], "cecilia@linkoping.se");
  EXPECT_EQ(first.size(), 2u);
  EXPECT_EQ(first, second);
  auto eml = testing::parse_eml(mails[1].eml);
  ASSERT_TRUE(eml);
  EXPECT_EQ(eml->header("To").value_or(""), "cecilia@linkoping.se");
  EXPECT_NE(eml->html.find(">Nej, inte relevant</a>"), std::string::npos);
  EXPECT_NE(eml->text.find("Relevant för nämnden?\n  Ja, relevant: "), std::string::npos);
  EXPECT_EQ(testing::parse_eml(mails[0].eml)->header("Message-ID"), eml->header("Message-ID"));

  // The archive's copy holds no one's token, and nothing waits per recipient.
  auto digests = store_->sent_digests(kUtbildning);
  ASSERT_TRUE(digests);
  ASSERT_EQ(digests->size(), 1u);
  EXPECT_EQ((*digests)[0].items, 2);
  auto archived = store_->sent_digest((*digests)[0].id);
  ASSERT_TRUE(archived && *archived);
  EXPECT_EQ((*archived)->text_body->find("feedback?t="), std::string::npos);
  EXPECT_EQ((*archived)->html_body->find("feedback?t="), std::string::npos);
  EXPECT_NE((*archived)->text_body->find("Skolan a"), std::string::npos);
  EXPECT_TRUE(store_->delivered_to_recipient(kUtbildning, "bo.ek@linkoping.se")->empty());

  // Nothing new: nobody gets anything.
  EXPECT_EQ(send(server).empty, 1);
  EXPECT_EQ(server.received().size(), 2u);
}

TEST_F(DigestFeedbackLinksTest, ARetryAfterOneRecipientFailedSendsOnlyToThoseNotServed) {
  store_items({"a", "b"});
  {
    SmtpServerOptions refusing;
    refusing.deferred_recipients = {"cecilia@linkoping.se"};  // 450: try again later
    SmtpTestServer server(dir_.path() / "refusing", refusing);
    const app::DigestSummary summary = send(server);
    EXPECT_EQ(summary.failed, 1);
    EXPECT_EQ(summary.sent, 0);
    const auto mails = server.received();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"Bo.Ek@Linkoping.se"});
  }
  auto failure = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(failure && *failure);
  EXPECT_EQ((*failure)->streak, 1);
  EXPECT_EQ(store_->delivered_to_recipient(kUtbildning, "bo.ek@linkoping.se")->size(), 2u);
  EXPECT_TRUE(store_->delivered_to_recipient(kUtbildning, "cecilia@linkoping.se")->empty());
  EXPECT_TRUE(store_->sent_digests(kUtbildning)->empty());

  // A new item came meanwhile: Bo gets only it, Cecilia everything.
  store_items({"c"});
  clock_.advance(6h);  // past the longest backoff
  SmtpTestServer server(dir_.path() / "accepting");
  ASSERT_EQ(send(server).sent, 1);
  const auto mails = server.received();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"Bo.Ek@Linkoping.se"});
  EXPECT_EQ(voted_items(mails[0], "bo.ek@linkoping.se").size(), 1u);
  EXPECT_NE(mails[0].eml.find("Skolan c"), std::string::npos);
  EXPECT_EQ(mails[0].eml.find("Skolan a"), std::string::npos);
  EXPECT_EQ(mails[1].rcpt_tos, std::vector<std::string>{"cecilia@linkoping.se"});
  EXPECT_EQ(voted_items(mails[1], "cecilia@linkoping.se").size(), 3u);
  failure = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(failure);
  EXPECT_FALSE(*failure);
  EXPECT_EQ((*store_->sent_digests(kUtbildning))[0].items, 3);
  EXPECT_TRUE(store_->delivered_to_recipient(kUtbildning, "bo.ek@linkoping.se")->empty());

  // And again: nothing goes to anyone twice.
  EXPECT_EQ(send(server).empty, 1);
  EXPECT_EQ(server.received().size(), 2u);
}

// The links can go between two attempts (base_url removed on reload, the
// key unreadable): the digest some recipients already got still goes on
// per recipient, so they get nothing twice; an address listed twice gets
// one message.
TEST_F(DigestFeedbackLinksTest, ARetryWithoutLinksStillSendsOnlyToThoseNotServed) {
  config_.namnder[0].recipients.push_back("Cecilia <Cecilia@linkoping.se>");
  store_items({"a", "b"});
  {
    SmtpServerOptions refusing;
    refusing.deferred_recipients = {"cecilia@linkoping.se"};
    SmtpTestServer server(dir_.path() / "refusing", refusing);
    EXPECT_EQ(send(server).failed, 1);
    ASSERT_EQ(server.received().size(), 1u);
  }
  clock_.advance(6h);  // past the longest backoff
  config_.web->base_url.clear();
  SmtpTestServer server(dir_.path() / "accepting");
  ASSERT_EQ(send(server).sent, 1);
  const auto mails = server.received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"cecilia@linkoping.se"});
  EXPECT_NE(mails[0].eml.find("Skolan a"), std::string::npos);
  EXPECT_EQ(mails[0].eml.find("feedback?t="), std::string::npos);
  EXPECT_EQ((*store_->sent_digests(kUtbildning))[0].items, 2);
  EXPECT_TRUE(store_->delivered_to_recipient(kUtbildning, "bo.ek@linkoping.se")->empty());
}

// An address the server refuses for good (550 at RCPT: an official who has
// left) holds back no one else: the others get the digest, it is recorded
// delivered, and the next digest goes the same way. Before, every
// recipient after that address waited for a change of the configuration.
TEST_F(DigestFeedbackLinksTest, AnAddressRefusedForGoodHoldsBackNoOtherRecipient) {
  config_.namnder[0].recipients = {"asa.oberg@linkoping.se", "Bo Ek <Bo.Ek@Linkoping.se>",
                                   "cecilia@linkoping.se"};
  store_items({"a", "b"});
  SmtpServerOptions refusing;
  refusing.rejected_recipients = {"asa.oberg@linkoping.se"};
  SmtpTestServer server(dir_.path() / "mail", refusing);

  const app::DigestSummary summary = send(server);

  EXPECT_EQ(summary.sent, 1);
  EXPECT_EQ(summary.failed, 0);
  auto mails = server.received();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"Bo.Ek@Linkoping.se"});
  EXPECT_EQ(voted_items(mails[0], "bo.ek@linkoping.se").size(), 2u);
  EXPECT_EQ(mails[1].rcpt_tos, std::vector<std::string>{"cecilia@linkoping.se"});
  EXPECT_EQ(voted_items(mails[1], "cecilia@linkoping.se").size(), 2u);
  auto failure = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(failure);
  EXPECT_FALSE(*failure);
  ASSERT_EQ(store_->sent_digests(kUtbildning)->size(), 1u);
  EXPECT_EQ((*store_->sent_digests(kUtbildning))[0].items, 2);

  // Nothing is sent twice, and the next digest goes out the same way.
  EXPECT_EQ(send(server).empty, 1);
  store_items({"c"});
  EXPECT_EQ(send(server).sent, 1);
  mails = server.received();
  ASSERT_EQ(mails.size(), 4u);
  EXPECT_EQ(voted_items(mails[2], "bo.ek@linkoping.se").size(), 1u);
  EXPECT_EQ(voted_items(mails[3], "cecilia@linkoping.se").size(), 1u);
}

// Every address refused for good: nothing went out, and the nämnd waits,
// as for any permanent refusal, for its next slot or a change of the
// configuration.
TEST_F(DigestFeedbackLinksTest, EveryAddressRefusedForGoodIsAPermanentFailure) {
  store_items({"a"});
  SmtpServerOptions refusing;
  refusing.rejected_recipients = {"bo.ek@linkoping.se", "cecilia@linkoping.se"};
  SmtpTestServer server(dir_.path() / "mail", refusing);

  const app::DigestSummary summary = send(server);

  EXPECT_EQ(summary.sent, 0);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_TRUE(server.received().empty());
  auto failure = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(failure && *failure);
  EXPECT_EQ((*failure)->kind, storage::DeliveryFailureKind::kPermanent);
  EXPECT_NE((*failure)->last_error.find("all 2 recipients refused for good"), std::string::npos)
      << (*failure)->last_error;
  EXPECT_TRUE(store_->sent_digests(kUtbildning)->empty());
}

// Without links one message goes to all; when the server refuses one of
// its addresses for good, the others get the digest one message each.
TEST_F(DigestFeedbackLinksTest, WithoutBaseUrlAnAddressRefusedForGoodHoldsBackNoOne) {
  config_.web->base_url.clear();
  store_items({"a", "b"});
  SmtpServerOptions refusing;
  refusing.rejected_recipients = {"bo.ek@linkoping.se"};
  SmtpTestServer server(dir_.path() / "mail", refusing);

  ASSERT_EQ(send(server).sent, 1);
  const auto mails = server.received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"cecilia@linkoping.se"});
  EXPECT_NE(mails[0].eml.find("Skolan a"), std::string::npos);
  EXPECT_NE(mails[0].eml.find("Skolan b"), std::string::npos);
  EXPECT_EQ(mails[0].eml.find("feedback"), std::string::npos);
  auto failure = store_->delivery_failure(kUtbildning);
  ASSERT_TRUE(failure);
  EXPECT_FALSE(*failure);
  EXPECT_EQ((*store_->sent_digests(kUtbildning))[0].items, 2);
  EXPECT_TRUE(store_->delivered_to_recipient(kUtbildning, "cecilia@linkoping.se")->empty());
}

TEST_F(DigestFeedbackLinksTest, WithoutBaseUrlOneMessageGoesToAllWithoutLinks) {
  config_.web->base_url.clear();
  store_items({"a", "b"});
  SmtpTestServer server(dir_.path() / "mail");
  ASSERT_EQ(send(server).sent, 1);
  const auto mails = server.received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_tos,
            (std::vector<std::string>{"Bo.Ek@Linkoping.se", "cecilia@linkoping.se"}));
  EXPECT_EQ(mails[0].eml.find("Relevant"), std::string::npos);
  EXPECT_EQ(mails[0].eml.find("feedback"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / web::kFeedbackKeyFile));
}

}  // namespace
}  // namespace omvarld
