// Newsletters as items (sources/newsletter.h), on real-world shaped .eml
// files in tests/testdata/newsletters/: the East Sweden EU office's weekly
// (multipart/alternative, quoted-printable UTF-8, headings per story), a
// Latin-1 base64 HTML newsletter with bold linked titles, and a plain-text
// one.

#include "sources/newsletter.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::sources {
namespace {

using namespace std::chrono;

std::string newsletter_file(const std::string& name) {
  std::ifstream in(std::filesystem::path(OMVARLD_SOURCE_DIR) / "tests/testdata/newsletters" / name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

config::SourceConfig imap_source(const std::string& split = "headings") {
  config::SourceConfig source;
  source.id = "east-sweden-veckobrev";
  source.kind = config::SourceKind::kImap;
  source.imap.split = split;
  return source;
}

std::vector<std::string> titles_of(const std::vector<core::Item>& items) {
  std::vector<std::string> titles;
  for (const core::Item& item : items) titles.push_back(item.title);
  return titles;
}

core::Date day(int y, unsigned m, unsigned d) {
  return sys_days(year(y) / month(m) / d);
}

TEST(Newsletter, DecodesQuotedPrintableUtf8HeadersAndBothAlternatives) {
  auto newsletter = decode_newsletter(newsletter_file("east-sweden-veckobrev-48.eml"));
  ASSERT_TRUE(newsletter) << newsletter.error();
  EXPECT_EQ(newsletter->message_id, "veckobrev-2026-48.4f1c@eastsweden.example.se");
  EXPECT_EQ(newsletter->subject, "East Sweden EU-kontor – Veckobrev v. 48");
  ASSERT_TRUE(newsletter->date);
  EXPECT_EQ(*newsletter->date, sys_days(2026y / November / 27) + 7h + 30min);  // 08:30 +0100
  EXPECT_NE(newsletter->html.find("Erasmus+ 2027: ny utlysning för skolsamarbeten"),
            std::string::npos);
  EXPECT_NE(newsletter->text.find("Kommissionen har öppnat 2027 års utlysning"), std::string::npos);
}

TEST(Newsletter, DecodesLatin1Base64IntoUtf8) {
  auto newsletter = decode_newsletter(newsletter_file("europa-direkt-latin1-base64.eml"));
  ASSERT_TRUE(newsletter) << newsletter.error();
  EXPECT_EQ(newsletter->subject, "Nyhetsbrev från Europa Direkt Östergötland");
  EXPECT_TRUE(newsletter->text.empty());
  EXPECT_NE(newsletter->html.find("Europeiska solidaritetskåren: nya volontärplatser"),
            std::string::npos);
}

TEST(Newsletter, SplitsAtHeadingsWithLinkSummaryDateAndDeadline) {
  auto items = items_from_message(imap_source(), newsletter_file("east-sweden-veckobrev-48.eml"));
  ASSERT_TRUE(items) << items.error().message;
  // Not the masthead (h1), not the sections (h2 without text of their
  // own), not "Läs i webbläsaren" nor the footer.
  EXPECT_EQ(titles_of(*items),
            (std::vector<std::string>{"Erasmus+ 2027: ny utlysning för skolsamarbeten",
                                      "Interreg Central Baltic öppnar för småprojekt",
                                      "Samråd om EU:s nya dricksvattendirektiv",
                                      "Europeiska regionveckan: program för östgötska deltagare",
                                      "Ny medarbetare på kontoret"}));
  const core::Item& erasmus = items->at(0);
  EXPECT_EQ(erasmus.source, "east-sweden-veckobrev");
  // The "Läs mer »" link under the heading; its text is not the summary's.
  EXPECT_EQ(erasmus.link,
            "https://eastsweden.example.se/nyheter/erasmus-2027?utm_source=newsletter&utm_medium=email");
  EXPECT_EQ(erasmus.canonical_link, "https://eastsweden.example.se/nyheter/erasmus-2027");
  EXPECT_EQ(erasmus.key, erasmus.canonical_link);
  EXPECT_EQ(erasmus.summary,
            "Kommissionen har öppnat 2027 års utlysning inom Erasmus+ för strategiska partnerskap "
            "mellan skolor och förskolor. Kommuner kan söka som samordnare. Sista ansökningsdag 5 "
            "mars 2027.");
  EXPECT_EQ(erasmus.published, sys_days(2026y / November / 27) + 7h + 30min);
  EXPECT_EQ(erasmus.deadline, day(2027, 3, 5));
  // A heading that is itself the link.
  EXPECT_EQ(items->at(1).link,
            "https://eastsweden.example.se/nyheter/interreg-central-baltic-cb15?utm_source=newsletter");
  EXPECT_EQ(items->at(1).deadline, day(2027, 2, 12));
  // "Till samrådet": a call to action is the link, not text.
  EXPECT_EQ(items->at(2).link,
            "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/dricksvatten_sv");
  EXPECT_EQ(items->at(2).summary,
            "Kommissionen vill ha synpunkter på hur direktivet genomförs i kommunerna. Svara "
            "senast den 18 januari 2027.");
  EXPECT_EQ(items->at(2).deadline, day(2027, 1, 18));
  EXPECT_FALSE(items->at(3).deadline);
  // No link: keyed by the message and the heading; the footer's address
  // (class="footer") is not its text.
  const core::Item& staff = items->at(4);
  EXPECT_EQ(staff.link, "");
  EXPECT_EQ(staff.key, "<veckobrev-2026-48.4f1c@eastsweden.example.se>#Ny medarbetare på kontoret");
  EXPECT_EQ(staff.summary,
            "Anna Lindqvist börjar som handläggare för innovation och digitalisering den 1 "
            "december.");
}

TEST(Newsletter, TheSameNewsletterReadTwiceGivesTheSameKeys) {
  const std::string message = newsletter_file("east-sweden-veckobrev-48.eml");
  auto first = items_from_message(imap_source(), message);
  auto second = items_from_message(imap_source(), message);
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->size(), second->size());
  for (std::size_t i = 0; i < first->size(); ++i) EXPECT_EQ(first->at(i).key, second->at(i).key);
}

TEST(Newsletter, BoldLinkedLinesAreHeadingsAndLinkedTitlesSplitInLinksMode) {
  for (const std::string split : {"headings", "links"}) {
    SCOPED_TRACE(split);
    auto items = items_from_message(imap_source(split),
                                    newsletter_file("europa-direkt-latin1-base64.eml"));
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(titles_of(*items),
              (std::vector<std::string>{"EU:s ungdomsdialog söker kommuner till pilotprojekt",
                                        "Europeiska solidaritetskåren: nya volontärplatser"}));
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ(items->at(0).link, "https://europadirekt.example.se/aktuellt/ungdomsdialog-2027");
    EXPECT_EQ(items->at(0).summary,
              "Ungdomsdialogen ska nå fler unga utanför storstäderna. Kommuner i Östergötland kan "
              "anmäla intresse senast den 20 januari 2027.");
    // "senast den 20 januari" in a newsletter of 24 November 2026.
    EXPECT_EQ(items->at(0).deadline, day(2027, 1, 20));
    // The unsubscribe line with the sender's name is the footer.
    EXPECT_EQ(items->at(1).summary,
              "Föreningar och förvaltningar kan ta emot volontärer från andra EU-länder under "
              "2027.");
  }
}

TEST(Newsletter, APlainTextNewsletterSplitsAtItsHashHeadings) {
  auto items = items_from_message(imap_source(), newsletter_file("skr-plain-text.eml"));
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(titles_of(*items),
            (std::vector<std::string>{"Kommissionens arbetsprogram 2027",
                                      "Remiss: ändrat direktiv om offentlig upphandling"}));
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ(items->at(0).link, "https://skr.example.se/eu/arbetsprogram-2027");
  EXPECT_EQ(items->at(1).link, "https://skr.example.se/eu/remiss-upphandling");
  EXPECT_EQ(items->at(1).summary,
            "SKR samlar in synpunkter från medlemmarna. Sista dag att svara: 8 januari 2027.");
  EXPECT_EQ(items->at(1).deadline, day(2027, 1, 8));
}

TEST(Newsletter, ThePlainTextAlternativeSplitsLikeTheHtml) {
  auto newsletter = decode_newsletter(newsletter_file("east-sweden-veckobrev-48.eml"));
  ASSERT_TRUE(newsletter);
  newsletter->html.clear();
  const auto read = newsletter_items(*newsletter, NewsletterSplit::kHeadings, "v");
  ASSERT_TRUE(read) << read.error();
  const std::vector<core::Item>& items = *read;
  EXPECT_EQ(titles_of(items),
            (std::vector<std::string>{"Erasmus+ 2027: ny utlysning för skolsamarbeten",
                                      "Interreg Central Baltic öppnar för småprojekt"}));
  ASSERT_EQ(items.size(), 2u);
  // "Läs mer: URL" gives the link and leaves no "Läs mer" in the text.
  EXPECT_EQ(items[0].key, "https://eastsweden.example.se/nyheter/erasmus-2027");
  EXPECT_TRUE(items[0].summary.ends_with("samordnare. Sista ansökningsdag 5 mars 2027."))
      << items[0].summary;
}

TEST(Newsletter, AMessageWithoutATextBodyIsAFailure) {
  const std::string message =
      "From: a@example.se\r\nSubject: Bild\r\nMessage-ID: <bild@example.se>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "iVBORw0KGgo=\r\n";
  auto items = items_from_message(imap_source(), message);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kNewsletter);
  EXPECT_EQ(items.error().message, "message <bild@example.se> has no text/html or text/plain body");
}

}  // namespace
}  // namespace omvarld::sources
