// The coordinators' report as `digest send` sends it: once per slot of
// [mail] report_schedule, to the coordinators, with what the store knows.

#include "app/coordinator_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/digest_schedule.h"
#include "app/send_lease.h"
#include "core/schedule.h"
#include "storage/test_entry_points.h"
#include "tests/support/test_doubles.h"

namespace omvarld::app {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using std::chrono::year;

using omvarld::testing::FixedClock;
using omvarld::testing::RecordingTransport;

class CoordinatorReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.mail.from = "Omvärldsbevakning <omvarld@linkoping.se>";
    config_.mail.coordinators = {"samordnare@linkoping.se"};
    config::NamndConfig namnd;
    namnd.id = "linkoping/utbildning";
    namnd.name = "Utbildningsnämnden";
    namnd.schedule = *core::parse_schedule("mon 07:00");
    config_.namnder.push_back(namnd);
    config_.sources.push_back({"skr", "SKR", "https://skr.example.se/rss", {}, {}, {}, {}, {}});
    auto opened = storage::ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  bool send(bool now = false) {
    CoordinatorReport report(config_, *store_, clock_);
    auto sent = report.send(transport_, now);
    EXPECT_TRUE(sent) << sent.error().message;
    return sent && *sent;
  }

  config::Config config_;
  std::unique_ptr<storage::ItemStore> store_;
  RecordingTransport transport_;
  // Monday 2026-11-30, 08:00 in Stockholm.
  FixedClock clock_{sys_days{year{2026} / 11 / 30} + 7h};
};

TEST_F(CoordinatorReportTest, GoesOutOncePerSlotToTheCoordinators) {
  ASSERT_TRUE(
      storage::testing::record_failure(*store_, "skr", {clock_.now() - 2h, 503, 0, "HTTP 503"}));
  EXPECT_TRUE(send());
  EXPECT_FALSE(send());
  clock_.advance(6 * 24h);  // Sunday
  EXPECT_FALSE(send());
  clock_.advance(24h);  // the next Monday, 08:00
  EXPECT_TRUE(send());
  EXPECT_TRUE(send(/*now=*/true));

  ASSERT_EQ(transport_.accepted.size(), 3u);
  const digest::Message& first = transport_.accepted[0];
  EXPECT_EQ(first.subject,
            "Omvärldsbevakning – rapport v. 49: 1 källa med fel och 1 nämnd utan träffar");
  EXPECT_EQ(first.envelope_to, std::vector<std::string>{"samordnare@linkoping.se"});
  EXPECT_NE(first.eml.find("\r\nTo: samordnare@linkoping.se\r\n"), std::string::npos) << first.eml;
  EXPECT_EQ(first.eml.find("List-Unsubscribe"), std::string::npos);
}

TEST_F(CoordinatorReportTest, SendsNothingWithoutCoordinators) {
  config_.mail.coordinators.clear();
  EXPECT_FALSE(send(/*now=*/true));
  EXPECT_TRUE(transport_.accepted.empty());
  auto last = store_->last_report();
  ASSERT_TRUE(last);
  EXPECT_FALSE(*last);
}

TEST_F(CoordinatorReportTest, IsSkippedWhileAnotherProcessSendsIt) {
  ASSERT_TRUE(*store_->take_send_lease("report", "pid 1 other", clock_.now(),
                                       clock_.now() + kSendLeaseTime));
  EXPECT_FALSE(send());
  EXPECT_EQ(transport_.attempts, 0);
  auto last = store_->last_report();
  ASSERT_TRUE(last);
  EXPECT_FALSE(*last);

  ASSERT_TRUE(store_->release_send_lease("report", "pid 1 other"));
  EXPECT_TRUE(send());
  auto lease = store_->send_lease("report");
  ASSERT_TRUE(lease);
  EXPECT_FALSE(*lease);  // released once sent
}

TEST_F(CoordinatorReportTest, KeepsItsMessageIdUntilItIsRecorded) {
  CoordinatorReport report(config_, *store_, clock_);
  auto first = report.prepare();
  ASSERT_TRUE(first && *first);
  clock_.advance(10min);
  auto again = report.prepare();
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->message.message_id, (*first)->message.message_id);

  ASSERT_TRUE(send());
  clock_.advance(7 * 24h);
  ASSERT_TRUE(send());
  ASSERT_EQ(transport_.accepted.size(), 2u);
  EXPECT_EQ(transport_.accepted[0].message_id, (*first)->message.message_id);
  EXPECT_NE(transport_.accepted[1].message_id, transport_.accepted[0].message_id);
}

// Officials who get no mail are news for the coordinators, and a refusal
// for good is named as one.
TEST_F(CoordinatorReportTest, ListsADigestTheServerRefusedForGood) {
  const storage::DeliveryFailure refused{
      "linkoping/utbildning",
      1,
      clock_.now() - 1h,
      clock_.now() - 1h,
      "smtp://relay:587: message rejected (552 5.3.4 message size exceeds fixed maximum)",
      sys_days{year{2026} / 12 / 7} + 6h,
      storage::DeliveryFailureKind::kPermanent};
  ASSERT_TRUE(store_->record_delivery_failure(refused));

  CoordinatorReport report(config_, *store_, clock_);
  auto prepared = report.prepare();
  ASSERT_TRUE(prepared && *prepared);
  EXPECT_EQ((*prepared)->composed.subject,
            "Omvärldsbevakning – rapport v. 49: 1 utskick avvisat och 1 nämnd utan träffar");
  EXPECT_NE((*prepared)->composed.text.find(
                "\nUtskick som inte har gått fram\n* Utbildningsnämnden (linkoping/utbildning): "
                "e-postservern avvisar utskicket (smtp://relay:587: message rejected (552 5.3.4 "
                "message size exceeds fixed maximum)); nytt försök vid nästa "
                "utskickstid 2026-12-07 eller när konfigurationen ändras (1 misslyckat försök, "
                "sedan 2026-11-30)\n"),
            std::string::npos)
      << (*prepared)->composed.text;
}

TEST_F(CoordinatorReportTest, ListsASourceWhoseIdsAllChanged) {
  const auto poll = [&](const std::string& prefix) {
    std::vector<storage::ClassifiedItem> items;
    for (const std::string n : {"1", "2", "3"}) {
      const std::string link = "https://skr.se/" + n;
      items.push_back({core::Item{"skr", prefix + n, "Nyhet nummer " + n, link, "", "",
                                  std::nullopt, link},
                       {}});
    }
    auto stored = storage::testing::store_classified_poll(*store_, "skr", items,
                                                          {clock_.now() - 1h, 200, 0, {}});
    EXPECT_TRUE(stored) << stored.error().message;
    return stored.value_or(storage::PollOutcome{});
  };
  poll("gammal-");
  ASSERT_TRUE(poll("ny-").id_rotation);

  CoordinatorReport report(config_, *store_, clock_);
  auto prepared = report.prepare();
  ASSERT_TRUE(prepared) << prepared.error().message;
  ASSERT_TRUE(*prepared);
  EXPECT_EQ((*prepared)->composed.subject,
            "Omvärldsbevakning – rapport v. 49: 1 källa bytte id och 1 nämnd utan träffar");
  EXPECT_NE((*prepared)->composed.text.find(
                "\nKällor som bytte id på alla poster\n* SKR (skr): 3 poster fick nya id den "
                "2026-11-30 och känns igen på länk eller rubrik, inte lagrade på nytt (överväg "
                "identity = \"link\")\n"),
            std::string::npos)
      << (*prepared)->composed.text;
}

// Officials' answers of the week, per nämnd, with the terms that brought
// the items they called not relevant; older answers belong to the last
// report.
TEST_F(CoordinatorReportTest, ListsTheWeeksNejAnswersAndTheShareOfNejPerTerm) {
  const core::Match skola{"linkoping/utbildning", {"skola"}, {}, {}};
  std::vector<storage::ClassifiedItem> items;
  for (const std::string n : {"1", "2"}) {
    items.push_back({core::Item{"skr", "k" + n, "Skolnyhet " + n, "https://skr.se/" + n, "", "",
                                std::nullopt, ""},
                     {skola}});
  }
  ASSERT_TRUE(storage::testing::store_classified_poll(*store_, "skr", items,
                                                      {clock_.now() - 2h, 200, 0, {}}));
  auto stored = store_->items(storage::ItemQuery{});
  ASSERT_TRUE(stored && stored->size() == 2U);
  const std::int64_t first = stored->at(1).id;  // newest first
  const std::int64_t second = stored->at(0).id;
  const auto vote = [&](std::int64_t item, const char* who, storage::Vote answer,
                        core::TimePoint when) {
    auto recorded = store_->record_vote({"linkoping/utbildning", item, who, answer, when});
    ASSERT_TRUE(recorded && *recorded);
  };
  vote(first, "r1", storage::Vote::kNej, clock_.now() - 1h);
  vote(first, "r2", storage::Vote::kNej, clock_.now() - 1h);
  vote(second, "r1", storage::Vote::kJa, clock_.now() - 1h);
  vote(second, "r2", storage::Vote::kNej, clock_.now() - 8 * 24h);  // before the period

  CoordinatorReport report(config_, *store_, clock_);
  auto prepared = report.prepare();
  ASSERT_TRUE(prepared) << prepared.error().message;
  ASSERT_TRUE(*prepared);
  EXPECT_NE((*prepared)->composed.text.find(
                "\nSvar från tjänstepersonerna: Utbildningsnämnden (linkoping/utbildning)\n"
                "* 3 svar: 1 Ja (relevant), 2 Nej (inte relevant)\n"
                "* Nej: \"Skolnyhet 1\" (2 svar Nej, kom med på termen \"skola\") "
                "https://skr.se/1\n"
                "* term \"skola\": 2 av 3 svar Nej (67 %) – överväg att ändra eller ta bort "
                "termen\n"),
            std::string::npos)
      << (*prepared)->composed.text;
}

TEST_F(CoordinatorReportTest, HasNoAnswersSectionWithoutAnswers) {
  CoordinatorReport report(config_, *store_, clock_);
  auto prepared = report.prepare();
  ASSERT_TRUE(prepared && *prepared);
  EXPECT_EQ((*prepared)->composed.text.find("Svar från"), std::string::npos);
}

TEST(ReportSchedule, KeepsMonday0700AcrossTheChangeToSummerTime) {
  // 2026-03-29 clocks go forward; Monday 30 March 07:00 CEST is 05:00 UTC.
  const core::TimePoint last = sys_days{year{2026} / 3 / 23} + 6h;  // 07:00 CET
  const core::Schedule monday = *core::parse_schedule("mon 07:00");
  EXPECT_EQ(is_due(monday, last, sys_days{year{2026} / 3 / 30} + 4h + 59min, "Europe/Stockholm"),
            false);
  EXPECT_EQ(is_due(monday, last, sys_days{year{2026} / 3 / 30} + 5h, "Europe/Stockholm"), true);
}

}  // namespace
}  // namespace omvarld::app
