// A digest's limits: at most max_items entries shown (the newest), the rest
// summed up per topic and source in both bodies with whom to ask and the
// command that lists them; a message never over its byte limit; and a
// Message-ID that a digest of the same items keeps.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "digest/bounded_message.h"
#include "digest/compose.h"
#include "digest/layout.h"
#include "digest/message.h"
#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::sample_now;
using testing::sample_recipient;

constexpr char kNbsp[] = "\u00a0";

// `count` entries, one an hour back from the sample moment: every third
// through topic "Förskola" (the rest the nämnd's own term), sources "SKR" and
// "EU" alternating, each first seen two days ago.
std::vector<Entry> flood(std::size_t count, std::size_t text_length = 60) {
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < count; ++i) {
    Entry entry;
    entry.title = "Nyhet " + std::to_string(i);
    entry.link = "https://example.se/nyhet/" + std::to_string(i);
    entry.source_name = i % 2 == 0 ? "SKR" : "EU";
    entry.published = sample_now() - std::chrono::hours(i + 1);
    entry.first_seen = sample_now() - 48h;
    entry.text = std::string(text_length, 'x');
    entry.terms = {"förskola"};
    if (i % 3 == 0) entry.topics = {"Förskola"};
    entries.push_back(entry);
  }
  return entries;
}

TEST(DigestLimits, WritesCountsAsSwedishDoesWithNoBreakSpaces) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(850), "850");
  EXPECT_EQ(format_count(4850), std::string("4") + kNbsp + "850");
  EXPECT_EQ(format_count(1250000), std::string("1") + kNbsp + "250" + kNbsp + "000");
  EXPECT_EQ(count_hits(20000), std::string("20") + kNbsp + "000 nya träffar");
}

TEST(DigestLimits, ShowsTheNewestMaxItemsAndSumsUpTheRestInTheTextBody) {
  const std::vector<Entry> entries = flood(10);
  const Digest digest = compose(sample_recipient(), entries, sample_now(), 4);

  EXPECT_EQ(digest.subject, "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 10 nya träffar");
  EXPECT_NE(digest.text.find("10 nya träffar sedan förra utskicket. Här visas de 4 nyaste, resten "
                             "sammanfattas sist.\n\n"),
            std::string::npos)
      << digest.text;
  // The counts of every entry come after the shown ones, before the rest.
  const std::size_t counts =
      digest.text.find("Per ämne: Utbildningsnämndens bevakning (6), Förskola (4)\n"
                       "Per källa: EU (5), SKR (5)\n");
  ASSERT_NE(counts, std::string::npos) << digest.text;
  EXPECT_LT(digest.text.find("* Nyhet 3\n"), counts);
  EXPECT_LT(counts, digest.text.find("\nOch 6 träffar till\n"));
  for (int shown = 0; shown < 4; ++shown) {
    EXPECT_NE(digest.text.find("* Nyhet " + std::to_string(shown) + "\n"), std::string::npos);
  }
  for (int left = 4; left < 10; ++left) {
    EXPECT_EQ(digest.text.find("Nyhet " + std::to_string(left) + "\n"), std::string::npos);
  }
  EXPECT_NE(
      digest.text.find(
          "\nOch 6 träffar till\n"
          "------------------\n"
          "\n"
          "Det kom fler träffar än ett utskick rymmer. De här visas inte, men de\n"
          "räknas som skickade: nästa utskick tar bara med det som kommer efter\n"
          "detta.\n"
          "Per ämne: Utbildningsnämndens bevakning (4), Förskola (2)\n"
          "Per källa: EU (3), SKR (3)\n"
          "\n"
          "Vill du se dem? Kontakta Eva Ek <eva.ek@linkoping.se> och\n"
          "internationella@linkoping.se och be om listan. Samordnaren tar fram den\n"
          "med:\n"
          "  omvarld items --namnd linkoping/utbildning --since 3d --limit 10\n"
          "\n"
          "-- \n"),
      std::string::npos)
      << digest.text;
}

TEST(DigestLimits, SumsUpTheRestInTheHtmlBodyToo) {
  const Digest digest = compose(sample_recipient(), flood(10), sample_now(), 4);

  EXPECT_NE(digest.html.find(">Och 6 träffar till</h2>"), std::string::npos) << digest.html;
  EXPECT_NE(digest.html.find("Per ämne: Utbildningsnämndens bevakning&nbsp;(4), Förskola&nbsp;(2)<br>\n"
                             "Per källa: EU&nbsp;(3), SKR&nbsp;(3)</p>"),
            std::string::npos)
      << digest.html;
  EXPECT_NE(digest.html.find("Vill du se dem? Kontakta <a href=\"mailto:eva.ek@linkoping.se\""),
            std::string::npos);
  EXPECT_NE(digest.html.find(">omvarld items --namnd linkoping/utbildning --since 3d --limit "
                             "10</code>"),
            std::string::npos);
  EXPECT_EQ(digest.html.find(">Nyhet 4</a>"), std::string::npos);
  EXPECT_NE(digest.html.find(">Nyhet 3</a>"), std::string::npos);
}

TEST(DigestLimits, ShowsEverythingAndNoSummaryWithinTheLimit) {
  const Digest digest = compose(sample_recipient(), flood(4), sample_now(), 4);
  EXPECT_NE(digest.text.find("4 nya träffar sedan förra utskicket.\n"), std::string::npos);
  EXPECT_EQ(digest.text.find("träffar till"), std::string::npos);
  EXPECT_EQ(digest.html.find("träffar till"), std::string::npos);
}

TEST(DigestLimits, ListsOnlyTheShownEntriesDeadlines) {
  std::vector<Entry> entries = flood(3);
  entries[0].deadline = core::Date{2027y / 1 / 15};
  entries[2].deadline = core::Date{2027y / 1 / 10};  // the oldest: left out
  const Digest digest = compose(sample_recipient(), entries, sample_now(), 2);
  EXPECT_NE(digest.text.find("Kommande deadlines (1)"), std::string::npos) << digest.text;
  EXPECT_EQ(digest.text.find("10 januari 2027"), std::string::npos);
}

TEST(DigestLimits, NeverMakesAMessageOverTheByteLimitAndShowsFewerEntriesToFit) {
  const std::vector<Entry> entries = flood(150, 280);
  const DigestLimits unlimited{150, 100 * 1024 * 1024};
  auto full = compose_bounded(sample_recipient(), entries, sample_now(), "<a@b>", unlimited);
  ASSERT_TRUE(full) << full.error().message;
  ASSERT_EQ(full->shown, 150u);

  const DigestLimits limits{150, full->message.eml.size() / 3};
  auto bounded = compose_bounded(sample_recipient(), entries, sample_now(), "<a@b>", limits);

  ASSERT_TRUE(bounded) << bounded.error().message;
  EXPECT_LE(bounded->message.eml.size(), limits.max_message_bytes);
  EXPECT_LT(bounded->shown, 60u);
  EXPECT_GT(bounded->shown, 20u);  // as many as fit, not just a few
  EXPECT_NE(bounded->digest.text.find("Och " + std::to_string(150 - bounded->shown) +
                                      " träffar till"),
            std::string::npos);
  EXPECT_EQ(bounded->digest.subject, full->digest.subject);  // still says all 150
}

TEST(DigestLimits, ShowsNoEntryRatherThanOneThatIsTooLarge) {
  std::vector<Entry> entries = flood(3);
  entries[0].link = "https://example.se/" + std::string(200000, 'a');  // the newest
  const DigestLimits limits{150, 100000};

  auto bounded = compose_bounded(sample_recipient(), entries, sample_now(), "<a@b>", limits);

  ASSERT_TRUE(bounded) << bounded.error().message;
  EXPECT_EQ(bounded->shown, 0u);
  EXPECT_LE(bounded->message.eml.size(), limits.max_message_bytes);
  EXPECT_NE(bounded->digest.text.find("3 nya träffar sedan förra utskicket. Ingen av dem får plats "
                                      "här; de sammanfattas sist.\n"),
            std::string::npos)
      << bounded->digest.text;
  EXPECT_NE(bounded->digest.text.find("Och 3 träffar till"), std::string::npos);
}

TEST(DigestLimits, RefusesWhenEvenADigestWithoutEntriesIsTooLarge) {
  auto bounded =
      compose_bounded(sample_recipient(), flood(3), sample_now(), "<a@b>", DigestLimits{150, 500});
  ASSERT_FALSE(bounded);
  EXPECT_EQ(bounded.error().code, Errc::kDeliveryRefused);
  EXPECT_TRUE(bounded.error().message.starts_with("the digest for linkoping/utbildning is "))
      << bounded.error().message;
  EXPECT_TRUE(bounded.error().message.ends_with(" bytes even without entries, over the limit of 500"))
      << bounded.error().message;
}

TEST(DigestLimits, CutsAnOverlongTitle) {
  std::vector<Entry> entries = flood(1);
  entries[0].title = std::string(5000, 'T');
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  EXPECT_NE(digest.text.find("* " + std::string(299, 'T') + "…\n"), std::string::npos);
  EXPECT_EQ(digest.text.find(std::string(301, 'T')), std::string::npos);
}

TEST(DigestLimits, DerivesTheSameMessageIdFromTheSameItemsInAnyOrder) {
  const std::string from = "Omvärldsbevakning <omvarld@linkoping.se>";
  const std::vector<std::int64_t> items = {7, 3, 42};
  const std::vector<std::int64_t> reordered = {42, 7, 3};
  const std::string last = "<omvarld-0123456789abcdef0123456789abcdef@linkoping.se>";
  const std::string id = derived_message_id(from, "linkoping/utbildning", last, items);

  EXPECT_EQ(id.size(), std::string("<omvarld-@linkoping.se>").size() + 32);
  EXPECT_TRUE(id.starts_with("<omvarld-")) << id;
  EXPECT_TRUE(id.ends_with("@linkoping.se>")) << id;
  EXPECT_EQ(derived_message_id(from, "linkoping/utbildning", last, reordered), id);
  // Another nämnd, another set of items, another previous digest: another id.
  EXPECT_NE(derived_message_id(from, "norrkoping/utbildning", last, items), id);
  EXPECT_NE(derived_message_id(from, "linkoping/utbildning", last,
                               std::vector<std::int64_t>{7, 3}),
            id);
  EXPECT_NE(derived_message_id(from, "linkoping/utbildning", "", items), id);
  EXPECT_NE(derived_message_id(from, "linkoping/utbildning", "", {}),
            derived_message_id(from, "linkoping/utbildning", last, {}));
}

}  // namespace
}  // namespace omvarld::digest
