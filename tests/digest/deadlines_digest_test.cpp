// "Kommande deadlines" in a digest: which deadlines are listed (today or
// later in the recipient's zone), in what order, how they are written, where
// the section stands, and the deadline beside each entry.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "digest/compose.h"
#include "digest/layout.h"
#include "tests/digest/golden.h"
#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::expect_golden;
using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

core::Date day(std::chrono::year_month_day date) { return std::chrono::sys_days{date}; }

// The sample entries (composed Monday 23 November 2026, 07:00 in Stockholm)
// with deadlines: Erasmus+ on 2 February 2027, Interreg on 15 March 2027 and
// the SKR guidance one that has passed.
std::vector<Entry> entries_with_deadlines() {
  std::vector<Entry> entries = sample_entries();
  entries[0].deadline = day(2027y / 2 / 2);
  entries[1].deadline = day(2026y / 11 / 1);
  entries[2].deadline = day(2027y / 3 / 15);
  return entries;
}

std::size_t position(const std::string& text, const std::string& needle) {
  const std::size_t found = text.find(needle);
  EXPECT_NE(found, std::string::npos) << "missing: " << needle;
  return found;
}

TEST(DigestDeadlines, MatchTheGoldenTextBody) {
  expect_golden("deadlines.txt.golden",
                compose(sample_recipient(), entries_with_deadlines(), sample_now()).text);
}

TEST(DigestDeadlines, MatchTheGoldenHtmlBody) {
  expect_golden("deadlines.html.golden",
                compose(sample_recipient(), entries_with_deadlines(), sample_now()).html);
}

TEST(DigestDeadlines, ListsTheComingOnesSoonestFirstWithTheDaysLeft) {
  const Layout layout = arrange(sample_recipient(), entries_with_deadlines(), sample_now());
  ASSERT_EQ(layout.deadlines.size(), 2u);
  EXPECT_EQ(layout.deadlines[0].date, "2 februari 2027");
  EXPECT_EQ(layout.deadlines[0].days_left, "om 71 dagar");
  EXPECT_EQ(layout.deadlines[0].title, "Commission opens the 2027 Erasmus+ call for proposals");
  EXPECT_EQ(layout.deadlines[1].date, "15 mars 2027");
  EXPECT_EQ(layout.deadlines[1].days_left, "om 112 dagar");
  EXPECT_EQ(layout.deadlines[1].title, "Interreg Östersjön: tredje utlysningen öppnar");
}

TEST(DigestDeadlines, SortsOneDayByTitle) {
  std::vector<Entry> entries = sample_entries();
  for (Entry& entry : entries) entry.deadline = day(2027y / 1 / 10);
  const Layout layout = arrange(sample_recipient(), entries, sample_now());
  ASSERT_EQ(layout.deadlines.size(), 3u);
  EXPECT_EQ(layout.deadlines[0].title, entries[0].title);  // "Commission …"
  EXPECT_EQ(layout.deadlines[1].title, entries[2].title);  // "Interreg …"
  EXPECT_EQ(layout.deadlines[2].title, entries[1].title);  // "Ny vägledning …"
}

TEST(DigestDeadlines, CountsTodayAndTomorrowInTheRecipientsZone) {
  std::vector<Entry> entries = sample_entries();
  entries[0].deadline = day(2026y / 11 / 23);
  entries[1].deadline = day(2026y / 11 / 24);
  entries[2].deadline = day(2026y / 11 / 22);
  // 23:30 UTC on the 22nd is already the 23rd in Stockholm: the 22nd is past.
  const Layout layout = arrange(sample_recipient(), entries, at(2026y / 11 / 22, 23h + 30min));
  ASSERT_EQ(layout.deadlines.size(), 2u);
  EXPECT_EQ(layout.deadlines[0].date, "23 november 2026");
  EXPECT_EQ(layout.deadlines[0].days_left, "i dag");
  EXPECT_EQ(layout.deadlines[1].date, "24 november 2026");
  EXPECT_EQ(layout.deadlines[1].days_left, "i morgon");
}

TEST(DigestDeadlines, StandRightAfterTheSummaryInBothBodies) {
  const Digest digest = compose(sample_recipient(), entries_with_deadlines(), sample_now());
  for (const std::string* body : {&digest.text, &digest.html}) {
    const std::size_t summary = position(*body, "3 nya träffar sedan förra utskicket.");
    const std::size_t section = position(*body, "Kommande deadlines");
    const std::size_t group = position(*body, "EU-finansiering och utlysningar");
    EXPECT_LT(summary, section);
    EXPECT_LT(section, group);
    EXPECT_LT(position(*body, "2 februari 2027"), position(*body, "15 mars 2027"));
  }
  EXPECT_NE(digest.text.find("Kommande deadlines (2)\n----------------------\n\n"
                             "* 2 februari 2027, om 71 dagar: Commission opens the 2027 Erasmus+"),
            std::string::npos)
      << digest.text;
}

TEST(DigestDeadlines, ShowEachDeadlineBesideItsEntryAndMarkPastOnes) {
  const Digest digest = compose(sample_recipient(), entries_with_deadlines(), sample_now());
  // On a line of its own under the title, labelled, before the source line.
  EXPECT_NE(digest.text.find("\n  Sista dag: 1 november 2026, passerad\n  SKR · 2026-11-22\n"),
            std::string::npos)
      << digest.text;
  EXPECT_NE(digest.text.find("\n  Sista dag: 15 mars 2027\n  EU-kontoret i Bryssel\n"),
            std::string::npos);
  // In the HTML bold, and dark red while it is coming; not grey as the source line.
  EXPECT_NE(digest.html.find("font-weight:bold;color:#a3171e;\">Sista dag: 15 mars 2027</p>"),
            std::string::npos)
      << digest.html;
  EXPECT_NE(digest.html.find("font-weight:bold;color:#1a1a1a;\">Sista dag: 1 november 2026, "
                             "passerad</p>"),
            std::string::npos);
  // Past: beside its entry only, not among the coming ones.
  const Layout layout = arrange(sample_recipient(), entries_with_deadlines(), sample_now());
  for (const UpcomingDeadline& deadline : layout.deadlines) {
    EXPECT_NE(deadline.date, "1 november 2026");
  }
}

TEST(DigestDeadlines, ListAtMostThreeAboveTheEntriesAndCountTheRest) {
  std::vector<Entry> entries;
  for (int i = 0; i < 5; ++i) {
    Entry entry = sample_entries()[0];
    entry.title = "Call " + std::to_string(i);
    entry.deadline = day(2027y / 2 / static_cast<unsigned>(i + 1));
    entries.push_back(entry);
  }
  const Layout layout = arrange(sample_recipient(), entries, sample_now());
  ASSERT_EQ(layout.deadlines.size(), kMostDeadlinesOnTop);
  EXPECT_EQ(layout.deadlines[2].title, "Call 2");
  EXPECT_EQ(layout.more_deadlines, "Och 2 till: de står vid sina träffar.");
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  for (const std::string* body : {&digest.text, &digest.html}) {
    EXPECT_LT(position(*body, "Och 2 till: de står vid sina träffar."),
              position(*body, "Call 4"));
    EXPECT_NE(body->find("Sista dag: 5 februari 2027"), std::string::npos) << "beside its entry";
  }
}

TEST(DigestDeadlines, LeaveTheSectionOutWhenNoneIsComing) {
  std::vector<Entry> entries = sample_entries();
  entries[1].deadline = day(2026y / 11 / 1);
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  EXPECT_EQ(digest.text.find("Kommande deadlines"), std::string::npos);
  EXPECT_EQ(digest.html.find("Kommande deadlines"), std::string::npos);
  const Digest plain = compose(sample_recipient(), sample_entries(), sample_now());
  EXPECT_EQ(plain.text.find("deadline"), std::string::npos);
  EXPECT_EQ(plain.html.find("deadline"), std::string::npos);
  EXPECT_EQ(plain.text.find("Sista dag"), std::string::npos);
  EXPECT_EQ(plain.html.find("Sista dag"), std::string::npos);
}

TEST(DigestDeadlines, EscapeTitlesAndLinkOnlyWebUrls) {
  std::vector<Entry> entries = sample_entries();
  entries[0].title = "Call <script>alert(1)</script> & \"more\"";
  entries[0].deadline = day(2027y / 2 / 2);
  entries[1].link = "javascript:alert(2)";
  entries[1].deadline = day(2027y / 2 / 3);
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  EXPECT_EQ(digest.html.find("<script>"), std::string::npos);
  EXPECT_NE(digest.html.find("Call &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"),
            std::string::npos);
  EXPECT_EQ(digest.html.find("javascript:"), std::string::npos);
  EXPECT_EQ(digest.text.find("javascript:"), std::string::npos);
}

// With the web archive's base_url the digest links its copy in the archive
// ("Visa i webbläsaren") and the nämnd's deadline calendar under the
// deadlines; without it, or with anything but a web link, neither appears.
TEST(DigestDeadlines, LinkTheWebCopyAndTheCalendarOnlyWhenTheArchiveHasAnAddress) {
  Recipient recipient = sample_recipient();
  recipient.web_copy = "https://omvarld.linkoping.se/utskick/abc%40linkoping.se";
  recipient.deadline_calendar = "https://omvarld.linkoping.se/namnd/linkoping%2Futbildning/deadlines.ics";
  const Digest linked = compose(recipient, entries_with_deadlines(), sample_now());
  EXPECT_NE(linked.text.find("\nVisa i webbläsaren: https://omvarld.linkoping.se/utskick/abc%40linkoping.se\n"),
            std::string::npos) << linked.text;
  EXPECT_NE(linked.text.find("Prenumerera på nämndens deadlines i Outlook:\n  "
                             "https://omvarld.linkoping.se/namnd/linkoping%2Futbildning/deadlines.ics\n"),
            std::string::npos) << linked.text;
  EXPECT_NE(linked.html.find("<a href=\"https://omvarld.linkoping.se/utskick/abc%40linkoping.se\""),
            std::string::npos);
  EXPECT_NE(linked.html.find("\">Prenumerera på nämndens deadlines i Outlook</a>"), std::string::npos);
  // The calendar sits in the deadlines section, before the nämnd's own section.
  EXPECT_LT(linked.text.find("Kommande deadlines"), linked.text.find("Prenumerera"));
  EXPECT_LT(linked.text.find("Prenumerera"), linked.text.find("bevakning ("));

  Recipient hostile = recipient;
  hostile.web_copy = "javascript:alert(1)";
  hostile.deadline_calendar = "file:///etc/passwd";
  const Digest plain = compose(hostile, entries_with_deadlines(), sample_now());
  const Digest without = compose(sample_recipient(), entries_with_deadlines(), sample_now());
  for (const Digest& digest : {plain, without}) {
    for (const std::string& body : {digest.text, digest.html}) {
      EXPECT_EQ(body.find("Visa i webbläsaren"), std::string::npos);
      EXPECT_EQ(body.find("Prenumerera"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace omvarld::digest
