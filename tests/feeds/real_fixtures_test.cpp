// Real feed documents (tests/testdata/real/, provenance and licenses in its
// SOURCES.md): for each, the item count and the quirk it shows, through
// parse_feed and normalize as a poll runs them.
//
// A check the parser gets wrong today carries `known_gap`, the quirk it names:
// the test then skips with that reason instead of failing, and fails as soon
// as the check passes, so the gap is removed from the table when it is fixed.

#include <chrono>
#include <cstdio>
#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "tests/support/process.h"

namespace omvarld::feeds {
namespace {

std::string real_fixture(std::string_view name) {
  return testing::read_whole_file(std::string(OMVARLD_SOURCE_DIR) + "/tests/testdata/real/" + std::string(name));
}

struct Parsed {
  ParsedFeed feed;
  std::vector<core::Item> items;

  const ParsedEntry& entry(std::size_t index) const {
    static const ParsedEntry kNone;
    return index < feed.entries.size() ? feed.entries[index] : kNone;
  }
  const core::Item& item(std::size_t index) const {
    static const core::Item kNone;
    return index < items.size() ? items[index] : kNone;
  }
};

// "2022-11-15T23:38:15Z", or "unread: RAW" when the date could not be read.
std::string rfc3339(const Date& date) {
  if (!date.value) return "unread: " + date.raw;
  const auto day = std::chrono::floor<std::chrono::days>(*date.value);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{*date.value - day};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()));
  return text;
}

std::string content_value(const ParsedEntry& entry) {
  return entry.content.empty() ? "(no content)" : entry.content.front().value;
}

std::string prefix(const std::string& text, std::size_t length) { return text.substr(0, length); }

std::string yes_no(bool value) { return value ? "yes" : "no"; }

struct Check {
  std::string what;  // the quirk, in a few words
  std::function<std::string(const Parsed&)> actual;
  std::string expected;
  std::string known_gap = {};  // non-empty while the parser gets this wrong
};

struct Fixture {
  std::string file;
  std::string base_url;  // the document's URL, as the fetcher would pass it
  std::size_t items;
  std::vector<Check> checks;
};

std::vector<Fixture> fixtures() {
  return {
      {"SYNTHETIC-miniflux-windows1252-euro-sign.xml", "", 0,
       {{"windows-1252 declared", [](const Parsed& p) { return p.feed.encoding; }, "windows-1252"},
        {"0x80 is the euro sign in windows-1252",
         [](const Parsed& p) { return p.feed.title.value; }, "Euro €"}}},

      {"braingle.com-rss2-duplicate-guid-escaped-html.xml", "", 1,
       {{"two identical <guid> elements give one id",
         [](const Parsed& p) { return p.entry(0).id; }, "http://www.braingle.com/50366.html"},
        {"entity-escaped HTML in the description is HTML",
         [](const Parsed& p) { return p.entry(0).summary.type + " " + prefix(p.entry(0).summary.value, 24); },
         "text/html What's the Rebus?\n<br />"},
        {"the summary's plain text has no tags or tracking pixel",
         [](const Parsed& p) { return yes_no(p.item(0).summary.find('<') == std::string::npos); }, "yes"},
        {"pubDate GMT", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2014-06-19T06:00:00Z"}}},

      {"debian.org-security-rss10-rdf-stylesheet-dcdate.xml", "", 1,
       {{"RSS 1.0 after a stylesheet PI", [](const Parsed& p) { return p.feed.version; }, "rss10"},
        {"dc:date with a date only", [](const Parsed& p) { return rfc3339(p.entry(0).updated); },
         "2022-12-17T00:00:00Z"},
        {"rdf:about / link as id",
         [](const Parsed& p) { return p.entry(0).link; }, "https://www.debian.org/News/2022/20221217"}}},

      {"dival.es-diputacion-valencia-rss091-latin1-no-guid-no-date.xml", "", 1,
       {{"RSS 0.91 in ISO-8859-1",
         [](const Parsed& p) { return p.feed.version + " " + p.feed.encoding; }, "rss091u iso-8859-1"},
        {"Latin-1 accents decoded", [](const Parsed& p) { return p.feed.title.value; },
         "Servicio de Personal - Ingreso - Diputación de valencia"},
        {"no guid, link or date: the item still gets a key",
         [](const Parsed& p) {
           return p.entry(0).id + "|" + p.entry(0).link + "|" + yes_no(!p.item(0).key.empty());
         },
         "||yes"},
        {"mixed-case HTML tags in the CDATA description are text",
         [](const Parsed& p) { return prefix(p.item(0).summary, 36); }, "Publicado el 14-05-2021 resultado de"}}},

      {"dotnet-syndicationfeed-anonymized-a10-bom-zulu.xml", "", 5,
       {{"UTF-8 BOM", [](const Parsed& p) { return p.feed.encoding + " " + p.feed.title.value; },
         "utf-8 Some Title"},
        {"the link only in a10:link", [](const Parsed& p) { return p.entry(0).link; }, "http://www.example.com/5"},
        {"pubDate zone \"Z\"", [](const Parsed& p) { return rfc3339(p.entry(0).published); },
         "2020-05-14T10:00:18Z"},
        {"no guid: five distinct keys",
         [](const Parsed& p) {
           std::set<std::string> keys;
           for (const core::Item& item : p.items) keys.insert(item.key);
           return std::to_string(keys.size());
         },
         "5"}}},

      {"element.io-rss2-content-encoded-cdata-html.xml", "", 1,
       {{"a Ghost object id as guid", [](const Parsed& p) { return p.entry(0).id; }, "61640fa79cbf4600010d7933"},
        {"content:encoded CDATA is HTML",
         [](const Parsed& p) {
           return p.entry(0).content.empty() ? "(no content)" : p.entry(0).content.front().type;
         },
         "text/html"},
        {"the item's content is plain text",
         [](const Parsed& p) { return yes_no(!p.item(0).content.empty() && p.item(0).content.find('<') == std::string::npos); },
         "yes"},
        {"GMT zone", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2021-10-11T16:02:29Z"}}},

      {"golem.de-rss10-rdf-latin1-feedcreator.xml", "", 1,
       {{"RSS 1.0 in ISO-8859-1", [](const Parsed& p) { return p.feed.version + " " + p.feed.encoding; },
         "rss10 iso-8859-1"},
        {"umlauts decoded", [](const Parsed& p) { return p.entry(0).title.value; },
         "Digitalministerium: Neue Glasfaserförderung mit Schnellkasse"},
        {"dc:date ISO 8601 with offset", [](const Parsed& p) { return rfc3339(p.entry(0).updated); },
         "2023-01-25T18:03:02Z"}}},

      {"google.com-alerts-atom-redirect-links-html-title.xml", "", 20,
       {{"title type=html with <b> highlights",
         [](const Parsed& p) { return p.entry(0).title.type + " " + prefix(p.entry(0).title.value, 51); },
         "text/html Report offers Prediction of Automotive <b>Slack</b>"},
        {"the item title is plain text",
         [](const Parsed& p) { return prefix(p.item(0).title, 42); }, "Report offers Prediction of Automotive Sla"},
        {"the redirect is unwrapped in the canonical link",
         [](const Parsed& p) { return p.item(0).canonical_link; },
         "https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-by-top-key-"
         "players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/"},
        {"tag: ids", [](const Parsed& p) { return p.entry(0).id; },
         "tag:google.com,2013:googlealerts/feed:8974135267215335962"}}},

      {"heise.de-atom-german-html-content.xml", "", 15,
       {{"Atom 1.0", [](const Parsed& p) { return p.feed.version + " " + p.feed.title.value; },
         "atom10 heise developer neueste Meldungen"},
        {"escaped HTML content",
         [](const Parsed& p) {
           return p.entry(0).content.empty() ? "(no content)" : p.entry(0).content.front().type;
         },
         "text/html"},
        {"published with +01:00", [](const Parsed& p) { return rfc3339(p.entry(0).published); },
         "2016-02-01T16:22:00Z"}}},

      {"ilgiornale.it-rss2-dotnet-a10-namespace.xml", "", 1,
       {{"a10 beside RSS 2.0", [](const Parsed& p) { return p.feed.version + " " + p.feed.language; }, "rss20 it"},
        {"RSS author \"email (Name)\"", [](const Parsed& p) { return p.entry(0).author; },
         "redazione@ilgiornale-web.it (Angela Leucci)"},
        {"pubDate zone \"Z\"", [](const Parsed& p) { return rfc3339(p.entry(0).published); },
         "2022-11-15T20:15:04Z"}}},

      {"ilmessaggero.it-rss2-italian-localized-pubdate.xml", "", 1,
       {{"no XML declaration, UTF-8", [](const Parsed& p) { return p.feed.encoding; }, "utf-8"},
        {"Italian day and month names in pubDate", [](const Parsed& p) { return rfc3339(p.entry(0).published); },
         "2022-11-15T23:38:15Z"}}},

      {"imy.se-tillsyner-rss2-guid-uuid-pubdate-not-decision-date.xml", "", 6,
       {{"no channel link or description",
         [](const Parsed& p) { return p.feed.link + "|" + p.feed.subtitle.value; }, "|"},
        {"a UUID guid (isPermaLink split over lines) is the id", [](const Parsed& p) { return p.entry(0).id; },
         "fc4c223e-d28e-4903-8351-e8f2dc5f13e2"},
        {"the link comes from <link>, not the guid", [](const Parsed& p) { return p.entry(0).link; },
         "https://www.imy.se/tillsyner/sportadmin-i-skandinavien-ab/"},
        {"pubDate +0200", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2025-04-15T09:01:29Z"},
        {"items stay in document order, not date order",
         [](const Parsed& p) { return p.item(0).title; }, "SportAdmin i Skandinavien AB"}}},

      {"innoq.com-planet-atom-whitespace-before-xmldecl.xml", "", 1,
       {{"a newline before <?xml is recovered",
         [](const Parsed& p) { return p.feed.version + " " + p.feed.title.value; }, "atom10 Planet innoQ"},
        {"xml:lang on content", [](const Parsed& p) {
           return p.entry(0).content.empty() ? "(no content)" : p.entry(0).content.front().language;
         },
         "en"},
        {"content text", [](const Parsed& p) { return prefix(content_value(p.entry(0)), 15); }, "ich lebe noch.\n"}}},

      {"inovacaotecnologica.com.br-rss2-latin1-wrong-atom-ns.xml", "", 1,
       {{"ISO-8859-1", [](const Parsed& p) { return p.feed.encoding + " " + p.feed.title.value; },
         "iso-8859-1 RSS Feed do Site Inovação Tecnológica"},
        {"atom:link in the https:// namespace is not an Atom link",
         [](const Parsed& p) { return p.feed.link; }, "https://www.inovacaotecnologica.com.br"},
        {"guid isPermaLink='true' in single quotes",
         [](const Parsed& p) { return yes_no(p.entry(0).id == p.entry(0).link && !p.entry(0).id.empty()); }, "yes"},
        {"pubDate -0300", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2020-08-13T09:57:55Z"}}},

      {"insanity.industries-rss2-item-xml-base.xml", "", 2,
       {{"inline <em> markup in the description is kept as HTML",
         [](const Parsed& p) { return p.entry(0).summary.value; },
         "Everyone wants good compression. But what exactly <em>is</em> good compression? Time for a closer look."},
        {"the plain text keeps the words of the markup",
         [](const Parsed& p) { return p.item(0).summary; },
         "Everyone wants good compression. But what exactly is good compression? Time for a closer look."},
        {"xml:base on <item> is the content's base",
         [](const Parsed& p) { return p.entry(0).content.empty() ? "(no content)" : p.entry(0).content.front().base; },
         "https://insanity.industries/post/pareto-optimal-compression/"}}},

      {"myrskyla.fi-kommun-wordpress-undefined-html-entity.xml", "", 10,
       {{"&auml; (undefined in XML) is decoded and the feed is bozo",
         [](const Parsed& p) { return yes_no(p.feed.bozo) + " " + p.feed.title.value; }, "yes Myrskylän kunta"},
        {"&#038; in links",
         [](const Parsed& p) { return p.entry(0).link; },
         "https://myrskyla.fi/kuulutukset/lahden-seudun-jatelautakunnan-kuulutus/?utm_source=rss&utm_medium=rss&"
         "utm_campaign=lahden-seudun-jatelautakunnan-kuulutus"},
        {"utm_* dropped from the canonical link", [](const Parsed& p) { return p.item(0).canonical_link; },
         "https://myrskyla.fi/kuulutukset/lahden-seudun-jatelautakunnan-kuulutus/"}}},

      {"nbcnewyork.com-rss2-nonrfc822-12h-pubdate.xml", "", 1,
       {{"the channel pubDate is RFC 822", [](const Parsed& p) { return yes_no(p.feed.updated.value.has_value()); },
         "yes"},
        {"item pubDate \"Sat, Dec 16 2023 02:02:33 PM\" (month first, 12-hour clock, no zone)",
         [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2023-12-16T14:02:33Z"}}},

      {"numi.st-atom-xml-base-relative-img.xml", "", 1,
       {{"xml:base on <content>",
         [](const Parsed& p) { return p.entry(0).content.empty() ? "(no content)" : p.entry(0).content.front().base; },
         "https://numi.st/post/2022/travel-uke/"},
        {"a relative <img src> resolves against xml:base",
         [](const Parsed& p) { return content_value(p.entry(0)); },
         "<p><img src=\"https://numi.st/post/2022/travel-uke/IMG_1232.jpeg\" /></p>"}}},

      {"oren.ru-rss2-windows1251-default-namespace.xml", "", 10,
       {{"windows-1251", [](const Parsed& p) { return p.feed.encoding; }, "windows-1251"},
        {"elements in a default namespace on <rss> are still RSS",
         [](const Parsed& p) { return p.feed.version + " " + p.entry(0).title.value; },
         "rss20 В Бузулуке главные стройплощадки – детсад и Ледовый дворец"},
        {"no guid", [](const Parsed& p) { return p.entry(0).id; }, ""},
        {"pubDate +0600", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2014-01-22T14:31:31Z"}}},

      {"perfectworld.com-rss2-relative-links-2digit-year.xml", "http://www.arcgames.com/en/games/neverwinter/news/rss",
       2,
       {{"relative channel <link> resolves against the document URL", [](const Parsed& p) { return p.feed.link; },
         "http://www.arcgames.com/en/games/neverwinter/news"},
        {"relative item <link> resolves against the document URL", [](const Parsed& p) { return p.entry(0).link; },
         "http://www.arcgames.com/en/games/neverwinter/news/detail/"
         "10743874-neverwinter-%26-jingle-jam-humble-bundle%21"},
        {"two-digit year", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2017-12-07T18:00:29Z"}}},

      {"polisen.se-handelser-blekinge-rss2.xml", "", 200,
       {{"Swedish characters in UTF-8", [](const Parsed& p) { return p.feed.title.value; },
         "Händelser RSS - Blekinge"},
        {"empty channel <description />", [](const Parsed& p) { return p.feed.subtitle.value; }, ""},
        {"an isPermaLink=\"false\" guid holding a URL is the id, and the link stays <link>",
         [](const Parsed& p) { return yes_no(p.entry(0).id == p.entry(0).link); }, "yes"},
        {"\"Uppdaterad …\" titles",
         [](const Parsed& p) {
           int updated = 0;
           for (const ParsedEntry& entry : p.feed.entries) updated += entry.title.value.starts_with("Uppdaterad ");
           return std::to_string(updated);
         },
         "55"},
        {"pubDate +0100", [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2022-02-09T22:58:26Z"}}},

      {"tablix.org-atom-wrapped-in-xhtml-doctype.xml", "", 10,
       {{"an Atom <feed> inside an XHTML page",
         [](const Parsed& p) { return p.feed.version + " " + p.feed.title.value; }, "atom10 Avian’s Blog"},
        {"published +02:00", [](const Parsed& p) { return rfc3339(p.entry(0).published); },
         "2014-07-21T19:14:39Z"}}},

      {"tjrs.jus.br-tribunal-rss091-latin1-date-in-title.xml", "", 1,
       {{"a comment before the root; RSS 0.91 in ISO-8859-1",
         [](const Parsed& p) { return p.feed.version + " " + p.feed.encoding; }, "rss091u iso-8859-1"},
        {"no pubDate: the date is only in the title",
         [](const Parsed& p) {
           return yes_no(p.entry(0).published.value.has_value()) + " " + prefix(p.entry(0).title.value, 26);
         },
         "no 13/08/2020 21:27 - Comitê"}}},

      {"uol.com.br-rss2-no-xmldecl-latin1-localized-dates.xml", "", 15,
       {{"Latin-1 without any declaration is guessed, and bozo says so",
         [](const Parsed& p) { return yes_no(p.feed.bozo) + " " + p.entry(0).title.value; },
         "yes Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"},
        {"<link> in CDATA", [](const Parsed& p) { return prefix(p.entry(0).link, 32); },
         "https://noticias.uol.com.br/poli"},
        {"Portuguese day and month names in pubDate (\"Seg, 24 Set 2018\")",
         [](const Parsed& p) { return rfc3339(p.entry(0).published); }, "2018-09-24T22:42:40Z"}}},

      {"weather.gov-nws-atom-cap-spaces-around-equals.xml", "", 1,
       {{"a space before <?xml and spaces around = in xmlns",
         [](const Parsed& p) { return p.feed.version + " " + yes_no(p.feed.bozo); }, "atom10 no"},
        {"updated with -05:00", [](const Parsed& p) { return rfc3339(p.entry(0).updated); }, "2012-11-07T09:09:00Z"},
        {"&amp; in the feed link", [](const Parsed& p) { return p.feed.link; },
         "http://alerts.weather.gov/cap/wwaatmget.php?x=MEC015&y=0"}}},
  };
}

// gtest prints a parameter by its file name, not its bytes.
void PrintTo(const Fixture& fixture, std::ostream* out) { *out << fixture.file; }

class RealFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(RealFixture, HasItsItemsAndShowsItsQuirks) {
  const Fixture& fixture = GetParam();
  auto parsed = parse_feed(real_fixture(fixture.file), DocumentHints::at(fixture.base_url));
  ASSERT_TRUE(parsed) << parsed.error().message;
  Parsed result{*parsed, normalize(*parsed, "real")};
  EXPECT_EQ(result.feed.entries.size(), fixture.items);
  EXPECT_EQ(result.items.size(), fixture.items);

  std::string gaps;
  for (const Check& check : fixture.checks) {
    SCOPED_TRACE(check.what);
    const std::string actual = check.actual(result);
    if (check.known_gap.empty()) {
      EXPECT_EQ(actual, check.expected);
    } else if (actual == check.expected) {
      ADD_FAILURE() << "now passes; remove its known_gap \"" << check.known_gap << "\"";
    } else {
      gaps += "\n  " + check.known_gap + " (expected \"" + check.expected + "\", got \"" + actual + "\")";
    }
  }
  if (!gaps.empty() && !HasFailure()) GTEST_SKIP() << "known gaps:" << gaps;
}

std::string fixture_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name;
  for (char c : info.param.file.substr(0, info.param.file.find('-'))) {
    name += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Real, RealFixture, ::testing::ValuesIn(fixtures()), fixture_name);

TEST(RealFixtures, AnHtmlRedirectPageIsNotAFeed) {
  auto parsed = parse_feed(real_fixture("marketwatch.com-html-redirect-not-a-feed.xml"), DocumentHints{});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::kUnparseableFeed);
  EXPECT_EQ(parsed.error().message, "not a feed: root element <head>");
}

}  // namespace
}  // namespace omvarld::feeds
