// Tests for digest::compose: the subject, the grouping and order of entries,
// the golden text and HTML bodies, and that feed strings cannot inject markup.

#include "digest/compose.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

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

Digest compose_entries(const std::vector<Entry>& entries, core::TimePoint now = sample_now()) {
  return compose(sample_recipient(), entries, now);
}

std::size_t position(const std::string& text, const std::string& needle) {
  const std::size_t found = text.find(needle);
  EXPECT_NE(found, std::string::npos) << "missing: " << needle;
  return found;
}

TEST(Compose, MatchesTheGoldenTextBody) {
  expect_golden("sample.txt.golden", compose_entries(sample_entries()).text);
}

TEST(Compose, MatchesTheGoldenHtmlBody) {
  expect_golden("sample.html.golden", compose_entries(sample_entries()).html);
}

TEST(Compose, WritesTheSubjectWithWeekNamndAndCount) {
  struct Case {
    const char* name;
    core::TimePoint now;
    std::size_t entries;
    std::string timezone;
    const char* subject;
  };
  const std::vector<Case> cases = {
      {"plural", sample_now(), 12, "Europe/Stockholm",
       "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 12 nya träffar"},
      {"singular", sample_now(), 1, "Europe/Stockholm",
       "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 1 ny träff"},
      {"zero", sample_now(), 0, "Europe/Stockholm",
       "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: inga nya träffar"},
      {"week 53 at the end of 2026", at(2026y / 12 / 31, 12h), 2, "Europe/Stockholm",
       "Omvärldsbevakning v. 53 – Utbildningsnämnden, Linköping: 2 nya träffar"},
      {"still week 53 on the first Sunday of 2027", at(2027y / 1 / 3, 12h), 2, "Europe/Stockholm",
       "Omvärldsbevakning v. 53 – Utbildningsnämnden, Linköping: 2 nya träffar"},
      {"Monday in Stockholm is week 1 while UTC still has Sunday", at(2027y / 1 / 3, 23h + 30min),
       2, "Europe/Stockholm",
       "Omvärldsbevakning v. 1 – Utbildningsnämnden, Linköping: 2 nya träffar"},
      {"the same moment in UTC", at(2027y / 1 / 3, 23h + 30min), 2, "UTC",
       "Omvärldsbevakning v. 53 – Utbildningsnämnden, Linköping: 2 nya träffar"},
      {"30 December 2024 is week 1 of 2025", at(2024y / 12 / 30, 8h), 2, "Europe/Stockholm",
       "Omvärldsbevakning v. 1 – Utbildningsnämnden, Linköping: 2 nya träffar"},
      {"an unknown zone falls back to UTC", at(2027y / 1 / 3, 23h + 30min), 2, "Mars/Olympus_Mons",
       "Omvärldsbevakning v. 53 – Utbildningsnämnden, Linköping: 2 nya träffar"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Recipient recipient = sample_recipient();
    recipient.timezone = c.timezone;
    const std::vector<Entry> entries(c.entries, sample_entries().front());
    EXPECT_EQ(compose(recipient, entries, c.now).subject, c.subject);
  }
}

TEST(Compose, GroupsOwnTermsFirstThenTopicsThenTheRestNewestFirst) {
  std::vector<Entry> entries = sample_entries();
  Entry older = entries[0];
  older.title = "An older call";
  older.published = at(2026y / 11 / 2);
  Entry second_topic = entries[1];
  second_topic.title = "Through two topics";
  second_topic.topics = {"Lagstiftning och samråd", "EU-finansiering och utlysningar"};
  Entry nowhere;  // a query of only NOT: neither a term nor a topic says why
  nowhere.title = "Belongs nowhere";
  entries.insert(entries.begin(), older);
  entries.push_back(second_topic);
  entries.push_back(nowhere);

  const std::string text = compose_entries(entries).text;
  const std::size_t own = position(text, "\nUtbildningsnämndens bevakning (1)\n");
  const std::size_t eu = position(text, "\nEU-finansiering och utlysningar (3)\n");
  const std::size_t law = position(text, "\nLagstiftning och samråd (1)\n");
  const std::size_t other = position(text, "\nÖvriga träffar (1)\n");
  EXPECT_LT(own, position(text, "* Ny vägledning om förskolans arbete med språkutveckling\n"));
  EXPECT_LT(position(text, "* Ny vägledning om förskolans arbete med språkutveckling\n"), eu);
  EXPECT_LT(eu, law);
  EXPECT_LT(law, other);
  EXPECT_LT(other, position(text, "* Belongs nowhere\n"));
  const std::size_t newest =
      position(text, "* Commission opens the 2027 Erasmus+ call for proposals\n");
  const std::size_t oldest = position(text, "* An older call\n");
  const std::size_t undated = position(text, "* Interreg Östersjön: tredje utlysningen öppnar\n");
  EXPECT_LT(eu, newest);
  EXPECT_LT(newest, oldest);
  EXPECT_LT(oldest, undated);
  EXPECT_LT(undated, law);
  EXPECT_LT(law, position(text, "* Through two topics\n"));
  // The counts after the entries, so that on a phone the first entry comes first.
  const std::size_t counts = text.find("\nPer ämne: Utbildningsnämndens bevakning (1),\n"
                                       "  EU-finansiering och utlysningar (3), Lagstiftning och samråd (1),\n"
                                       "  Övriga träffar (1)\nPer källa: ");
  ASSERT_NE(counts, std::string::npos) << text;
  EXPECT_LT(position(text, "* Through two topics\n"), counts);
}

// What stands above the first entry is short: on a 320 px screen it must
// start on the first screen. The heading, the nämnd and one summary line.
TEST(Compose, PutsNothingButTheHeadingAndOneLineAboveTheEntries) {
  const Digest digest = compose_entries(sample_entries());
  const std::size_t first_entry = position(digest.html, "<p style=\"margin:0;font-size:16px;");
  const std::string above = digest.html.substr(0, first_entry);
  EXPECT_EQ(above.find("Per ämne"), std::string::npos);
  EXPECT_EQ(above.find("Per källa"), std::string::npos);
  EXPECT_LT(position(digest.html, "Per ämne"), digest.html.find("Vill du ändra"));
  const std::size_t text_entry = position(digest.text, "\n* ");
  EXPECT_EQ(digest.text.substr(0, text_entry).find("Per ämne"), std::string::npos)
      << digest.text;
}

TEST(Compose, PutsTitleMatchesBeforeTextOnlyOnesWithinASection) {
  std::vector<Entry> entries = sample_entries();
  Entry newer_in_text = entries[0];
  newer_in_text.title = "Newer, found in the text only";
  newer_in_text.published = at(2026y / 11 / 22);
  newer_in_text.title_match = false;
  entries.push_back(newer_in_text);

  const std::string text = compose_entries(entries).text;
  const std::size_t in_title = position(text, "* Commission opens the 2027 Erasmus+ call for proposals\n");
  const std::size_t undated_in_title = position(text, "* Interreg Östersjön: tredje utlysningen öppnar\n");
  const std::size_t in_text = position(text, "* Newer, found in the text only\n");
  EXPECT_LT(in_title, undated_in_title);
  EXPECT_LT(undated_in_title, in_text) << "a title match, even undated, comes before the newer text match";
}

TEST(Compose, NamesTheWordsFoundInVarforWithoutFilterSyntax) {
  const Digest digest = compose_entries(sample_entries());
  EXPECT_NE(digest.text.find("  varför: förskolans, förskola, förskoleklass\n"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("  varför: Erasmus+, call for proposals\n"), std::string::npos) << digest.text;
  // Stored before the words were kept: the terms, which here have no syntax.
  EXPECT_NE(digest.text.find("  varför: Interreg, utlysning\n"), std::string::npos) << digest.text;
  EXPECT_NE(digest.html.find("varför: förskolans, förskola, förskoleklass</p>"), std::string::npos);

  Entry old_row = sample_entries()[1];  // no words kept: the terms without their syntax
  old_row.terms = {"förskol*", "\"social ekonomi\"", "title:=EU"};
  old_row.found_words = {};
  const Digest fallback = compose_entries({old_row});
  EXPECT_NE(fallback.text.find("  varför: förskol, social ekonomi, EU\n"), std::string::npos) << fallback.text;
  for (const std::string& body : {fallback.text, fallback.html, digest.text}) {
    const std::size_t why = body.find("varför:");
    ASSERT_NE(why, std::string::npos);
    const std::string line = body.substr(why, body.find('\n', why) - why);
    EXPECT_EQ(line.find('*'), std::string::npos) << line;
    EXPECT_EQ(line.find('"'), std::string::npos) << line;
    EXPECT_EQ(line.find("&quot;"), std::string::npos) << line;
  }
}

TEST(Compose, TheFirstDigestDoesNotSpeakOfAPreviousOne) {
  Recipient first = sample_recipient();
  first.first_digest = true;
  const Digest digest = compose(first, sample_entries(), sample_now());
  EXPECT_NE(digest.text.find("\nFörsta utskicket: 3 träffar.\n"), std::string::npos) << digest.text;
  EXPECT_NE(digest.html.find("Första utskicket: 3 träffar."), std::string::npos);
  for (const std::string& body : {digest.text, digest.html}) {
    EXPECT_EQ(body.find("förra utskicket"), std::string::npos);
  }
  const Digest empty = compose(first, {}, sample_now());
  EXPECT_NE(empty.text.find("\nFörsta utskicket: inga träffar än.\n"), std::string::npos) << empty.text;
  EXPECT_EQ(empty.text.find("förra utskicket"), std::string::npos);
  // Later digests say since when.
  EXPECT_NE(compose_entries(sample_entries()).text.find("\n3 nya träffar sedan förra utskicket.\n"),
            std::string::npos);
}

TEST(Compose, SaysSoWhenThereAreNoHits) {
  const Digest digest = compose_entries({});
  EXPECT_NE(digest.text.find("\nInga nya träffar sedan förra utskicket.\n"), std::string::npos)
      << digest.text;
  EXPECT_EQ(digest.text.find("Per ämne"), std::string::npos);
  EXPECT_NE(digest.html.find("Inga nya träffar sedan förra utskicket."), std::string::npos);
}

TEST(Compose, CutsLongTextAtAWordBoundaryWithAnEllipsis) {
  std::vector<Entry> entries = sample_entries();
  const Digest digest = compose_entries(entries);
  // The Erasmus+ text is 392 characters; "The budget for" crosses character 280.
  EXPECT_NE(digest.text.find("  organisations can apply for mobility projects & cooperation\n"
                             "  partnerships. The budget…\n"),
            std::string::npos)
      << digest.text;
  EXPECT_EQ(digest.text.find("school education"), std::string::npos);
  EXPECT_NE(digest.html.find(" &amp; cooperation partnerships. The budget…</p>"), std::string::npos)
      << digest.html;
}

TEST(Compose, EscapesFeedStringsAndLinksOnlyWebUrls) {
  Entry evil;
  evil.title = "<script>alert(1)</script>";
  evil.link = "javascript:alert(1)";
  evil.source_name = "\"Källa\" & <b>fet</b>";
  evil.text = "<img src=x onerror=alert(1)> 'citat'";
  evil.terms = {"<i>term</i>"};
  evil.topics = {"<em>Ämne</em>"};
  const Digest digest = compose_entries({evil});

  EXPECT_EQ(digest.html.find("<script"), std::string::npos);
  EXPECT_EQ(digest.html.find("javascript:"), std::string::npos);
  EXPECT_EQ(digest.html.find("<img"), std::string::npos);
  EXPECT_EQ(digest.html.find("<b>"), std::string::npos);
  EXPECT_EQ(digest.html.find("<i>"), std::string::npos);
  EXPECT_EQ(digest.html.find("<em>"), std::string::npos);
  EXPECT_NE(digest.html.find(">&lt;script&gt;alert(1)&lt;/script&gt;</p>"), std::string::npos)
      << digest.html;
  EXPECT_NE(digest.html.find("&quot;Källa&quot; &amp; &lt;b&gt;fet&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(digest.html.find("&lt;img src=x onerror=alert(1)&gt; &#39;citat&#39;"),
            std::string::npos);
  EXPECT_NE(digest.html.find("varför: &lt;i&gt;term&lt;/i&gt;</p>"), std::string::npos);
  EXPECT_NE(digest.text.find("* <script>alert(1)</script>\n  \"Källa\" & <b>fet</b>\n  <img"),
            std::string::npos)
      << "the text body shows the title as is but no link: " << digest.text;
}

TEST(Compose, LinksTitlesWithEscapedHttpUrls) {
  const Digest digest = compose_entries(sample_entries());
  EXPECT_NE(digest.html.find("<a href=\"https://ec.europa.eu/commission/presscorner/detail/en/"
                             "ip_26_4711?lang=en&amp;format=html\""),
            std::string::npos);
  EXPECT_NE(digest.text.find("\n  https://ec.europa.eu/commission/presscorner/detail/en/"
                             "ip_26_4711?lang=en&format=html\n"),
            std::string::npos);
}

TEST(Compose, NamesTheContactsInTheFooter) {
  Recipient recipient = sample_recipient();
  Digest digest = compose(recipient, sample_entries(), sample_now());
  EXPECT_NE(
      digest.html.find("Kontakta <a href=\"mailto:eva.ek@linkoping.se\" style=\"color:#00538a;\">"
                       "Eva Ek</a> och "
                       "<a href=\"mailto:internationella@linkoping.se\""),
      std::string::npos)
      << digest.html;

  recipient.contacts.clear();
  digest = compose(recipient, sample_entries(), sample_now());
  EXPECT_NE(digest.text.find("\nVill du ändra vad som bevakas? Kontakta din omvärldssamordnare.\n"
                             "Vill du inte längre få detta utskick? Kontakta din "
                             "omvärldssamordnare.\n"
                             "Det här mejlet skickas automatiskt av omvarld.\n"),
            std::string::npos)
      << digest.text;
}

TEST(Compose, NamesTheOtherSourcesOfTheSameStoryOnceInBothBodies) {
  std::vector<Entry> entries = sample_entries();
  entries[1].also_in = {"EU-kontoret & <b>co</b>", "SKR", "", "Regeringen", "EU-kontoret & <b>co</b>"};
  const Digest digest = compose_entries(entries);

  EXPECT_NE(digest.text.find("* Ny vägledning om förskolans arbete med språkutveckling\n"
                             "  SKR · 2026-11-22\n"
                             "  Även i: EU-kontoret & <b>co</b>, Regeringen\n"
                             "  https://skr.se/"),
            std::string::npos)
      << digest.text;
  EXPECT_NE(digest.html.find(">Även i: EU-kontoret &amp; &lt;b&gt;co&lt;/b&gt;, Regeringen</p>"),
            std::string::npos)
      << digest.html;
  EXPECT_EQ(digest.html.find("<b>co</b>"), std::string::npos);
  EXPECT_EQ(digest.subject,
            "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 3 nya träffar");
}

TEST(Compose, WritesNoAlsoInLineForAStoryFromOneSource) {
  std::vector<Entry> entries = sample_entries();
  entries[1].also_in = {"SKR", ""};  // its own source only: nothing to name
  const Digest digest = compose_entries(entries);
  EXPECT_EQ(digest.text.find("Även i"), std::string::npos);
  EXPECT_EQ(digest.html.find("Även i"), std::string::npos);
}

}  // namespace
}  // namespace omvarld::digest
