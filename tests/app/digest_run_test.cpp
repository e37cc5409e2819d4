// DigestRun's delivery bookkeeping, on an in-memory store: failed
// deliveries back off and are retried, a success clears the failure, and a
// new source's old items stay out of the next digest.

#include "app/digest_run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/schedule.h"
#include "digest/bounded_message.h"
#include "digest/transport.h"
#include "storage/test_entry_points.h"
#include "tests/support/eml_reader.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"

namespace omvarld::app {
namespace {

using namespace std::chrono_literals;

using omvarld::testing::FixedClock;
using omvarld::testing::RecordingTransport;

const core::NamndId kUtbildning = "linkoping/utbildning";

class DigestRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.mail.from = "Omvärldsbevakning <omvarld@linkoping.se>";
    config_.mail.coordinators = {"Anna Samordnare <anna@linkoping.se>"};
    config::NamndConfig namnd;
    namnd.id = kUtbildning;
    namnd.name = "Utbildningsnämnden, Linköping";
    namnd.recipients = {"utbildning@linkoping.se"};
    namnd.schedule = *core::parse_schedule("mon 07:00");
    config_.namnder.push_back(namnd);
    config_.sources.push_back({"skr", "SKR", "https://skr.example.se/rss", {}, {}, {}, {}, {}});
    auto opened = storage::ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {
        {"skr", "SKR", "https://skr.example.se/rss"}, {"new", "Ny källa", "https://n.example/"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  void store(const std::string& source, const std::string& key,
             std::optional<core::TimePoint> published) {
    core::Item item{source, key, "Skolan " + key, "https://example.eu/" + key, "", "", published};
    const std::vector<storage::ClassifiedItem> items = {
        {item, {core::Match{kUtbildning, {"skola"}, {}, {}}}}};
    ASSERT_TRUE(storage::testing::store_classified_poll(*store_, source, items,
                                                        {clock_.now(), 200, 0, {}}));
  }

  DigestSummary send(RecordingTransport& transport, bool now = false) {
    DigestRun run(config_, *store_, clock_);
    return run.send({&config_.namnder[0]}, transport, now);
  }

  std::optional<storage::DeliveryFailure> failure() {
    auto found = store_->delivery_failure(kUtbildning);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::nullopt;
  }

  config::Config config_;
  std::unique_ptr<storage::ItemStore> store_;
  // Monday 2026-11-30, 08:00 in Stockholm: the "mon 07:00" digest is due.
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 7h};
};

TEST_F(DigestRunTest, BacksOffAfterFailuresAndClearsThemOnSuccess) {
  store("skr", "a", clock_.now() - 1h);
  RecordingTransport transport;
  transport.refuse = true;
  const core::TimePoint first = clock_.now();

  EXPECT_EQ(send(transport).failed, 1);
  auto failed = failure();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->streak, 1);
  EXPECT_EQ(failed->last_error, "smtp: 451 4.3.0 try again later");
  EXPECT_GE(failed->next_attempt, first + 4min);
  EXPECT_LE(failed->next_attempt, first + 5min);

  clock_.advance(1min);
  const DigestSummary waiting = send(transport);
  EXPECT_EQ(waiting.deferred, 1);
  EXPECT_EQ(transport.attempts, 1);

  clock_.advance(5min);
  EXPECT_EQ(send(transport).failed, 1);
  failed = failure();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->streak, 2);
  EXPECT_EQ(failed->first_failure, first);
  EXPECT_GE(failed->next_attempt, clock_.now() + 8min);
  EXPECT_LE(failed->next_attempt, clock_.now() + 10min);

  transport.refuse = false;
  clock_.advance(11min);
  EXPECT_EQ(send(transport).sent, 1);
  EXPECT_FALSE(failure());
  ASSERT_EQ(transport.accepted.size(), 1u);
  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
}

TEST_F(DigestRunTest, SendNowDoesNotWaitForTheRetry) {
  store("skr", "a", clock_.now() - 1h);
  RecordingTransport transport;
  transport.refuse = true;
  EXPECT_EQ(send(transport).failed, 1);
  transport.refuse = false;
  EXPECT_EQ(send(transport, /*now=*/true).sent, 1);
  EXPECT_FALSE(failure());
}

TEST_F(DigestRunTest, ANewSourcesBacklogStaysOutOfTheNextDigest) {
  store("skr", "before", clock_.now() - 2h);
  RecordingTransport transport;
  ASSERT_EQ(send(transport).sent, 1);

  // A week later a new source arrives with 500 items of old news and two new ones.
  clock_.advance(7 * 24h);
  std::vector<storage::ClassifiedItem> backlog;
  for (int i = 0; i < 500; ++i) {
    core::Item old{"new", "old" + std::to_string(i), "Skolan förr", "https://n.example/o", "", "",
                   clock_.now() - (9 + i) * 24h};
    backlog.push_back({old, {core::Match{kUtbildning, {"skola"}, {}, {}}}});
  }
  for (const char* key : {"fresh1", "fresh2"}) {
    core::Item fresh{"new", key, "Skolan nu", "https://n.example/f", "", "", clock_.now() - 3h};
    backlog.push_back({fresh, {core::Match{kUtbildning, {"skola"}, {}, {}}}});
  }
  auto outcome = storage::testing::store_classified_poll(*store_, "new", backlog,
                                                         {clock_.now() - 1h, 200, 0, {}});
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(outcome->flood);

  ASSERT_EQ(send(transport).sent, 1);
  ASSERT_EQ(transport.accepted.size(), 2u);
  EXPECT_EQ(transport.accepted[1].subject,
            "Omvärldsbevakning v. 50 – Utbildningsnämnden, Linköping: 2 nya träffar");
}

TEST_F(DigestRunTest, SendsTheSameStoryFromTwoSourcesOnceAndMarksBothDelivered) {
  config_.sources.push_back({"new", "Ny källa", "https://n.example/", {}, {}, {}, {}, {}});
  for (const std::string source : {"skr", "new"}) {
    core::Item item{source,         source + "-1", "Skolan får nya regler", "https://skr.se/a",
                    "",             "",            clock_.now() - 1h,       "https://skr.se/a"};
    const std::vector<storage::ClassifiedItem> items = {
        {item, {core::Match{kUtbildning, {"skola"}, {}, {}}}}};
    ASSERT_TRUE(storage::testing::store_classified_poll(*store_, source, items,
                                                        {clock_.now(), 200, 0, {}}));
  }
  DigestRun run(config_, *store_, clock_);
  auto prepared = run.prepare(config_.namnder[0]);
  ASSERT_TRUE(prepared) << prepared.error().message;
  ASSERT_TRUE(*prepared);
  EXPECT_EQ((*prepared)->item_ids.size(), 2u);
  EXPECT_NE((*prepared)->composed.text.find("* Skolan får nya regler\n  SKR · 2026-11-30\n"
                                            "  Även i: Ny källa\n"),
            std::string::npos)
      << (*prepared)->composed.text;

  RecordingTransport transport;
  EXPECT_EQ(send(transport, /*now=*/true).sent, 1);
  auto after = run.prepare(config_.namnder[0]);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_FALSE(*after);
}

TEST_F(DigestRunTest, ListsAStoredDeadlineInTheMessageTheDirectoryTransportWrites) {
  core::Item item{"skr", "call", "Skolan söker projekt", "https://skr.se/call",
                  "Sista ansökningsdag 15 mars 2027.", "", clock_.now() - 1h};
  item.deadline = std::chrono::sys_days{std::chrono::year{2027} / 3 / 15};
  const std::vector<storage::ClassifiedItem> items = {
      {item, {core::Match{kUtbildning, {"skola"}, {}, {}}}}};
  ASSERT_TRUE(
      storage::testing::store_classified_poll(*store_, "skr", items, {clock_.now(), 200, 0, {}}));

  omvarld::testing::TempDir outbox;
  digest::DirectoryTransport transport(outbox.path());
  DigestRun run(config_, *store_, clock_);
  ASSERT_EQ(run.send({&config_.namnder[0]}, transport, /*ignore_schedule=*/true).sent, 1);

  std::vector<std::filesystem::path> written;
  for (const auto& file : std::filesystem::directory_iterator(outbox.path())) {
    if (file.path().extension() == ".eml") written.push_back(file.path());
  }
  ASSERT_EQ(written.size(), 1u);
  std::ifstream in(written[0], std::ios::binary);
  const std::string raw{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto eml = omvarld::testing::parse_eml(raw);
  ASSERT_TRUE(eml) << eml.error();
  // Monday 30 November 2026 in Stockholm: 105 days to go.
  EXPECT_NE(eml->text.find("Kommande deadlines (1)\n----------------------\n\n"
                           "* 15 mars 2027, om 105 dagar: Skolan söker projekt\n"
                           "  https://skr.se/call\n"),
            std::string::npos)
      << eml->text;
  EXPECT_NE(eml->text.find("* Skolan söker projekt\n  Sista dag: 15 mars 2027\n  SKR · 2026-11-30\n"),
            std::string::npos)
      << eml->text;
  EXPECT_NE(eml->html.find("<strong style=\"white-space:nowrap;\">15 mars 2027</strong>"),
            std::string::npos);
}

// Each kommun signs its own nämnders' digests: a Norrköping nämnd's message
// carries Norrköping's From, Reply-To, List-Unsubscribe and footer, while
// Linköping, without a [kommun.linkoping], keeps [mail]'s.
TEST_F(DigestRunTest, SignsEachNamndsDigestWithItsKommunsSender) {
  config::NamndConfig norrkoping = config_.namnder[0];
  norrkoping.id = "norrkoping/samhallsbyggnad";
  norrkoping.name = "Samhällsbyggnadsnämnden, Norrköping";
  norrkoping.recipients = {"samhallsbyggnad@norrkoping.se"};
  config_.namnder.push_back(norrkoping);
  config::KommunConfig kommun;
  kommun.id = "norrkoping";
  kommun.name = "Norrköpings kommun";
  kommun.from = "Omvärldsbevakning Norrköping <omvarld@norrkoping.se>";
  kommun.reply_to = "EU-samordnare <eu.samordnare@norrkoping.se>";
  kommun.contacts = std::vector<std::string>{"Eva Ek <eva.ek@norrkoping.se>"};
  kommun.list_unsubscribe = "avregistrera@norrkoping.se";
  config_.kommuner.push_back(kommun);
  core::Item item{"skr", "k1", "Skolan och bostäderna", "https://skr.se/a?id=1&utm_source=rss",
                  "", "", clock_.now() - 1h};
  const std::vector<storage::ClassifiedItem> items = {
      {item,
       {core::Match{kUtbildning, {"skola"}, {}, {}},
        core::Match{norrkoping.id, {"bostad"}, {}, {}}}}};
  ASSERT_TRUE(
      storage::testing::store_classified_poll(*store_, "skr", items, {clock_.now(), 200, 0, {}}));

  omvarld::testing::TempDir outbox;
  digest::DirectoryTransport transport(outbox.path());
  DigestRun run(config_, *store_, clock_);
  ASSERT_EQ(run.send({&config_.namnder[0], &config_.namnder[1]}, transport, true).sent, 2);

  std::map<std::string, omvarld::testing::Eml> by_namnd;
  for (const auto& file : std::filesystem::directory_iterator(outbox.path())) {
    if (file.path().extension() != ".eml") continue;
    std::ifstream in(file.path(), std::ios::binary);
    auto eml = omvarld::testing::parse_eml(
        std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
    ASSERT_TRUE(eml) << eml.error();
    by_namnd[eml->header("X-Omvarld-Namnd").value_or("")] = *eml;
  }
  ASSERT_EQ(by_namnd.size(), 2u);
  const omvarld::testing::Eml& nk = by_namnd.at("norrkoping/samhallsbyggnad");
  EXPECT_TRUE(nk.header("From").value_or("").ends_with(" <omvarld@norrkoping.se>"))
      << "the kommun's sender: " << nk.header("From").value_or("");
  EXPECT_EQ(nk.header("Reply-To").value_or(""), "EU-samordnare <eu.samordnare@norrkoping.se>");
  EXPECT_EQ(nk.header("List-Unsubscribe").value_or(""),
            "<mailto:avregistrera@norrkoping.se?subject=Avregistrera%20norrkoping%2Fsamhallsbyggnad>");
  EXPECT_NE(nk.header("List-Id").value_or("").find(".omvarld.norrkoping.se>"), std::string::npos);
  EXPECT_NE(nk.header("Message-ID").value_or("").find("@norrkoping.se>"), std::string::npos);
  EXPECT_NE(nk.text.find("Kontakta Eva Ek <eva.ek@norrkoping.se>."), std::string::npos) << nk.text;
  EXPECT_NE(nk.text.find("avregistrera@norrkoping.se."), std::string::npos);  // wrapped after "Skriv till"
  EXPECT_NE(nk.html.find("Skriv till <a href=\"mailto:avregistrera@norrkoping.se?subject="),
            std::string::npos);
  EXPECT_NE(nk.text.find("skickas automatiskt av omvarld för Norrköpings kommun."), std::string::npos);
  EXPECT_EQ(nk.text.find("linkoping.se"), std::string::npos) << nk.text;
  EXPECT_EQ(nk.html.find("linkoping.se"), std::string::npos);
  // The link without its campaign tag, in both bodies.
  EXPECT_NE(nk.text.find("  https://skr.se/a?id=1\n"), std::string::npos);
  EXPECT_EQ(nk.html.find("utm_source"), std::string::npos);

  const omvarld::testing::Eml& lk = by_namnd.at(kUtbildning);
  EXPECT_NE(lk.header("From").value_or("").find("<omvarld@linkoping.se>"), std::string::npos);
  EXPECT_FALSE(lk.header("Reply-To")) << "[mail] sets none";
  EXPECT_NE(lk.header("List-Unsubscribe").value_or("").find("mailto:anna@linkoping.se"),
            std::string::npos);
  EXPECT_EQ(lk.text.find("norrkoping"), std::string::npos);
}

// A 5xx would be refused again as it is: no backoff retries, but the next
// slot of the schedule, or at once when the configuration changes.
TEST_F(DigestRunTest, APermanentRefusalWaitsForTheNextSlotOrAConfigurationChange) {
  store("skr", "a", clock_.now() - 1h);
  RecordingTransport transport;
  transport.refuse_permanently = true;

  EXPECT_EQ(send(transport).failed, 1);
  auto refused = failure();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->kind, storage::DeliveryFailureKind::kPermanent);
  EXPECT_EQ(refused->last_error,
            "smtp: message rejected (552 5.3.4 message size exceeds fixed maximum)");
  // The next "mon 07:00" in Stockholm: Monday 7 December, 06:00 UTC.
  EXPECT_EQ(refused->next_attempt, core::TimePoint{std::chrono::sys_days{
                                       std::chrono::year{2026} / 12 / 7}} + 6h);

  // An hour, then six: the temporary backoff would have retried by now.
  clock_.advance(1h);
  EXPECT_EQ(send(transport).deferred, 1);
  clock_.advance(6h);
  EXPECT_EQ(send(transport).deferred, 1);
  EXPECT_EQ(transport.attempts, 1);

  // A smaller max_items is another configuration: tried at once.
  config_.mail.max_items = 40;
  transport.refuse_permanently = false;
  EXPECT_EQ(send(transport).sent, 1);
  EXPECT_EQ(transport.attempts, 2);
  EXPECT_FALSE(failure());
}

TEST_F(DigestRunTest, APermanentRefusalIsTriedAgainAtTheNextSlot) {
  store("skr", "a", clock_.now() - 1h);
  RecordingTransport transport;
  transport.refuse_permanently = true;
  ASSERT_EQ(send(transport).failed, 1);

  // The clock is at 08:00 on a Monday; the next slot is 07:00 a week on.
  clock_.advance(7 * 24h - 1h - 1min);
  EXPECT_EQ(send(transport).deferred, 1);
  clock_.advance(1min);
  transport.refuse_permanently = false;
  EXPECT_EQ(send(transport).sent, 1);
}

// Another process (the daemon, or `digest send` by hand) holds the
// nämnd's send lease: this one skips it, sends nothing, and counts it
// apart from failures; once the lease runs out (its holder crashed), the
// digest goes out here.
TEST_F(DigestRunTest, SkipsANamndWhoseDigestAnotherProcessIsSending) {
  store("skr", "a", clock_.now() - 1h);
  ASSERT_TRUE(*store_->take_send_lease("digest:" + kUtbildning, "pid 1 other", clock_.now(),
                                       clock_.now() + kSendLeaseTime));
  RecordingTransport transport;

  const DigestSummary busy = send(transport, /*now=*/true);
  EXPECT_EQ(busy.busy, 1);
  EXPECT_EQ(busy.failed, 0);
  EXPECT_EQ(busy.sent, 0);
  ASSERT_EQ(busy.busy_namnder.size(), 1u);
  EXPECT_EQ(busy.busy_namnder[0], &config_.namnder[0]);
  EXPECT_EQ(transport.attempts, 0);
  EXPECT_FALSE(failure());

  clock_.advance(kSendLeaseTime);
  EXPECT_EQ(send(transport, /*now=*/true).sent, 1);
  EXPECT_EQ(transport.accepted.size(), 1u);
}

TEST_F(DigestRunTest, ReleasesTheLeaseAfterASendAndAfterAFailure) {
  store("skr", "a", clock_.now() - 1h);
  RecordingTransport transport;
  transport.refuse = true;
  ASSERT_EQ(send(transport, /*now=*/true).failed, 1);
  auto lease = store_->send_lease("digest:" + kUtbildning);
  ASSERT_TRUE(lease);
  EXPECT_FALSE(*lease);

  transport.refuse = false;
  ASSERT_EQ(send(transport, /*now=*/true).sent, 1);
  lease = store_->send_lease("digest:" + kUtbildning);
  ASSERT_TRUE(lease);
  EXPECT_FALSE(*lease);
}

// A flood: far more items than max_items. One digest, within the limits,
// that delivers them all, so the next one is ordinary.
TEST_F(DigestRunTest, AFloodIsOneDigestThatShowsMaxItemsAndDeliversEveryItem) {
  std::vector<storage::ClassifiedItem> items;
  for (int i = 0; i < 2000; ++i) {
    core::Item item{"skr", "f" + std::to_string(i), "Skolan " + std::to_string(i),
                    "https://skr.se/" + std::to_string(i), "Om skolan.", "",
                    clock_.now() - std::chrono::minutes(i + 1)};
    items.push_back({item, {core::Match{kUtbildning, {"skola"}, {}, {}}}});
  }
  ASSERT_TRUE(
      storage::testing::store_classified_poll(*store_, "skr", items, {clock_.now(), 200, 0, {}}));
  RecordingTransport transport;

  ASSERT_EQ(send(transport).sent, 1);
  ASSERT_EQ(transport.accepted.size(), 1u);
  const digest::Message& flood = transport.accepted[0];
  EXPECT_EQ(flood.subject,
            "Omvärldsbevakning v. 49 – Utbildningsnämnden, Linköping: 2\u00a0000 nya träffar");
  EXPECT_LE(flood.eml.size(), digest::kMaxMessageBytes);
  EXPECT_NE(flood.html.find(" 149</a>"), std::string::npos);  // the 150 newest
  EXPECT_EQ(flood.html.find(" 150</a>"), std::string::npos);
  EXPECT_NE(flood.html.find("Och 1\u00a0850 träffar till"), std::string::npos);
  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());

  clock_.advance(7 * 24h);
  store("skr", "after", clock_.now() - 1h);
  ASSERT_EQ(send(transport).sent, 1);
  ASSERT_EQ(transport.accepted.size(), 2u);
  EXPECT_EQ(transport.accepted[1].subject,
            "Omvärldsbevakning v. 50 – Utbildningsnämnden, Linköping: 1 ny träff");
}

// A crash after the server accepted a digest but before it was recorded:
// the digest made again holds the same items and has the same Message-ID.
TEST_F(DigestRunTest, ADigestMadeAgainForTheSameItemsKeepsItsMessageId) {
  store("skr", "a", clock_.now() - 1h);
  store("skr", "b", clock_.now() - 2h);
  DigestRun run(config_, *store_, clock_);
  auto first = run.prepare(config_.namnder[0]);
  ASSERT_TRUE(first && *first);
  clock_.advance(5min);
  auto again = DigestRun(config_, *store_, clock_).prepare(config_.namnder[0]);
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->message.message_id, (*first)->message.message_id);
  EXPECT_TRUE((*first)->message.message_id.ends_with("@linkoping.se>"));

  RecordingTransport transport;
  ASSERT_EQ(send(transport, /*now=*/true).sent, 1);
  EXPECT_EQ(transport.accepted[0].message_id, (*first)->message.message_id);
  // The next digest holds other items: another Message-ID.
  store("skr", "c", clock_.now() - 1h);
  ASSERT_EQ(send(transport, /*now=*/true).sent, 1);
  EXPECT_NE(transport.accepted[1].message_id, transport.accepted[0].message_id);
}

}  // namespace
}  // namespace omvarld::app
