// kind = "html": items read from saved pages (tests/testdata/pages/) by a
// selector profile — titles, links resolved against <base href>, dates in
// Swedish and English by the configured format, keys by canonical link —
// and the "profile" failures a coordinator sees when a site changes its
// markup.

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "net/fetch_engine.h"
#include "sources/date_format.h"
#include "sources/html_items.h"
#include "sources/source_items.h"
#include "tests/support/cpu_time.h"

namespace omvarld::sources {
namespace {

using namespace std::chrono;

constexpr const char* kPageUrl = "https://www.exempelkommun.se/kommun-och-politik/nyheter/";

std::string read_page(std::string_view name) {
  std::ifstream in(std::string(OMVARLD_SOURCE_DIR) + "/tests/testdata/pages/" + std::string(name),
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The profile of the municipality's news listing (kommun-nyheter.html).
config::SourceConfig kommun_source() {
  config::SourceConfig source;
  source.id = "exempelkommun";
  source.kind = config::SourceKind::kHtml;
  source.html.items = "//ul[@class='nyhetslista']/li[@class='nyhet']";
  source.html.title = ".//h2";
  source.html.link = ".//h2/a/@href";
  source.html.date = ".//p[@class='nyhet__datum']";
  source.html.date_format = "%d %B %Y";
  source.html.summary = ".//p[@class='nyhet__ingress']";
  source.html.deadline = ".//p[@class='nyhet__sista-dag']";
  return source;
}

core::TimePoint utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return sys_days(year{y} / month{m} / day{d}) + hours(hour) + minutes(minute);
}

core::Date date(int y, unsigned m, unsigned d) { return sys_days(year{y} / month{m} / day{d}); }

TEST(HtmlItems, ReadsTitlesLinksDatesAndSummariesFromASavedPage) {
  auto items = html_items(kommun_source(), read_page("kommun-nyheter.html"), kPageUrl);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 4u);

  const core::Item& forskola = (*items)[0];
  EXPECT_EQ(forskola.source, "exempelkommun");
  EXPECT_EQ(forskola.title, "Ny förskola i Berga öppnar i höst");
  EXPECT_EQ(forskola.link,
            "https://www.exempelkommun.se/kommun-och-politik/nyheter/2027/ny-forskola-i-berga.html"
            "?utm_source=startsidan&utm_medium=lista");
  EXPECT_EQ(forskola.summary, "Förskolan får plats för 120 barn & byggs med solceller på taket.");
  EXPECT_EQ(forskola.published, utc(2027, 3, 15));
  EXPECT_EQ(forskola.content, "");

  const core::Item& samrad = (*items)[1];
  EXPECT_EQ(samrad.title, "Samråd om detaljplan för Kvarnholmen");
  EXPECT_EQ(samrad.link, "https://www.exempelkommun.se/nyheter/2027/samrad-om-detaljplan.html");
  EXPECT_EQ(samrad.summary, "Lämna synpunkter senast sista mars.") << "the script is not text";
  EXPECT_EQ(samrad.published, utc(2027, 2, 3)) << "a no-break space between day and month";
  EXPECT_EQ(samrad.deadline, date(2027, 3, 31));

  const core::Item& region = (*items)[2];
  EXPECT_EQ(region.link, "https://www.region.example.se/nyheter/kollektivtrafik");
  EXPECT_EQ(region.published, utc(2027, 1, 28)) << "a month name in capitals";
  EXPECT_EQ(region.deadline, std::nullopt);

  const core::Item& erasmus = (*items)[3];
  EXPECT_EQ(erasmus.link, "https://www.exempelkommun.se/english/news/erasmus-visit.html")
      << "../ against the <base href>, not the page URL";
  EXPECT_EQ(erasmus.published, utc(2026, 11, 12)) << "an English month name";
  EXPECT_EQ(erasmus.summary, "") << "no summary element: an empty summary, not a failure";
}

TEST(HtmlItems, KeysItemsByCanonicalLinkSoTheyAreStableAcrossPolls) {
  const std::string page = read_page("kommun-nyheter.html");
  auto first = html_items(kommun_source(), page, kPageUrl);
  auto second = html_items(kommun_source(), page, kPageUrl);
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->size(), second->size());
  for (std::size_t i = 0; i < first->size(); ++i) {
    EXPECT_EQ((*first)[i].key, (*second)[i].key);
    EXPECT_EQ((*first)[i].key, (*first)[i].canonical_link);
  }
  EXPECT_EQ((*first)[0].key,
            "https://www.exempelkommun.se/kommun-och-politik/nyheter/2027/ny-forskola-i-berga.html")
      << "tracking parameters are not part of the identity";
}

TEST(HtmlItems, ResolvesLinksAgainstThePageUrlWhenThereIsNoBase) {
  config::SourceConfig source = kommun_source();
  source.html.date.clear();
  source.html.date_format.clear();
  const std::string page =
      "<ul class='nyhetslista'><li class='nyhet'><h2><a href='2027/budget.html'>Budget</a></h2></li>"
      "<li class='nyhet'><h2><a href='/start'>Start</a></h2></li></ul>";
  auto items = html_items(source, page, "https://kommun.example.se/aktuellt/index.html");
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].link, "https://kommun.example.se/aktuellt/2027/budget.html");
  EXPECT_EQ((*items)[1].link, "https://kommun.example.se/start");
  EXPECT_EQ((*items)[0].published, std::nullopt);
}

TEST(HtmlItems, TakesTheHrefOfTheLinkElementOrOfTheAnchorInsideIt) {
  config::SourceConfig source = kommun_source();
  source.html.link = ".//h2";  // the heading that holds the <a>
  source.html.title = "normalize-space(.//h2)";  // a computed string
  auto items = html_items(source, read_page("kommun-nyheter.html"), kPageUrl);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 4u);
  EXPECT_EQ((*items)[1].link, "https://www.exempelkommun.se/nyheter/2027/samrad-om-detaljplan.html");
  EXPECT_EQ((*items)[0].title, "Ny förskola i Berga öppnar i höst");
}

TEST(HtmlItems, StoresAStoryThatTheListingLinksTwiceOnce) {
  config::SourceConfig source = kommun_source();
  const std::string page =
      "<ul class='nyhetslista'>"
      "<li class='nyhet'><h2><a href='/a?utm_source=puff'>Puff: Ny simhall</a></h2></li>"
      "<li class='nyhet'><h2><a href='/a'>Ny simhall</a></h2></li></ul>";
  auto items = html_items(source, page, "https://kommun.example.se/");
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].title, "Puff: Ny simhall");
}

TEST(HtmlItems, ReadsAPageWithoutACharsetAsUtf8) {
  config::SourceConfig source = kommun_source();
  const std::string page =
      "<ul class='nyhetslista'><li class='nyhet'><h2><a href='/1'>Äldreomsorg på Öland</a></h2>"
      "<p class='nyhet__datum'>1 maj 2027</p></li></ul>";
  auto items = html_items(source, page, "https://kommun.example.se/");
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].title, "Äldreomsorg på Öland");
  EXPECT_EQ((*items)[0].published, utc(2027, 5, 1));
}

TEST(HtmlItems, ReportsAProfileThatFindsNothingAfterAMarkupChange) {
  auto items = html_items(kommun_source(), read_page("kommun-nyheter-ny-design.html"), kPageUrl);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kProfile);
  EXPECT_EQ(items.error().message,
            "items \"//ul[@class='nyhetslista']/li[@class='nyhet']\" matched nothing on the page "
            "— has its markup changed?");
}

TEST(HtmlItems, ReportsItemsWithoutALink) {
  auto items = html_items(kommun_source(), read_page("nyheter-utan-lankar.html"), kPageUrl);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kProfile);
  EXPECT_EQ(items.error().message,
            "link \".//h2/a/@href\" found nothing in 2 of 4 items matched by items "
            "\"//ul[@class='nyhetslista']/li[@class='nyhet']\" (the first is item 2) — has its "
            "markup changed?");
}

TEST(HtmlItems, ReportsItemsWithoutATitle) {
  config::SourceConfig source = kommun_source();
  source.html.title = ".//h3";
  auto items = html_items(source, read_page("kommun-nyheter.html"), kPageUrl);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kProfile);
  EXPECT_EQ(items.error().message,
            "title \".//h3\" found nothing in 4 of 4 items matched by items "
            "\"//ul[@class='nyhetslista']/li[@class='nyhet']\" (the first is item 1) — has its "
            "markup changed?");
}

TEST(HtmlItems, ReportsAnEmptyPageAndABadExpression) {
  auto empty = html_items(kommun_source(), "  \n", kPageUrl);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, core::FailureKind::kProfile);
  EXPECT_EQ(empty.error().message, "the page is empty");

  config::SourceConfig source = kommun_source();
  source.html.summary = "p[";
  auto bad = html_items(source, read_page("kommun-nyheter.html"), kPageUrl);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, core::FailureKind::kProfile);
  EXPECT_EQ(bad.error().message, "summary: \"p[\" is not a valid XPath expression");
}

TEST(HtmlItems, ComeThroughItemsFromDocumentForAnHtmlSource) {
  net::FetchOutcome fetched;
  fetched.key = "exempelkommun";
  fetched.url = "https://www.exempelkommun.se/nyheter";
  fetched.effective_url = kPageUrl;
  fetched.status = net::FetchStatus::kOk;
  fetched.http_status = 200;
  fetched.content_type = "text/html; charset=utf-8";
  fetched.body = read_page("kommun-nyheter.html");
  auto items = items_from_document(kommun_source(), fetched);
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(items->items.size(), 4u);
  EXPECT_EQ(items->unread, "");

  fetched.body = read_page("kommun-nyheter-ny-design.html");
  auto failed = items_from_document(kommun_source(), fetched);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, core::FailureKind::kProfile);
}

struct DateCase {
  const char* name;
  const char* text;
  const char* format;
  std::optional<core::TimePoint> expected;
};

TEST(ReadFormattedDate, ReadsDatesAsPagesWriteThem) {
  const DateCase cases[] = {
      {"Swedish month name", "15 mars 2027", "%d %B %Y", utc(2027, 3, 15)},
      {"English month name", "12 November 2026", "%d %B %Y", utc(2026, 11, 12)},
      {"abbreviated with a dot", "3 okt. 2026", "%d %b %Y", utc(2026, 10, 3)},
      {"within other words", "Publicerad: 1 juli 2027, 09:30", "%d %B %Y", utc(2027, 7, 1)},
      {"with the time", "Publicerad: 1 juli 2027, 09:30", "%d %B %Y, %H:%M", utc(2027, 7, 1, 9, 30)},
      {"numeric with dots", "Uppdaterad 05.11.2026", "%d.%m.%Y", utc(2026, 11, 5)},
      {"month first", "November 12, 2026", "%B %d, %Y", utc(2026, 11, 12)},
      {"two-digit year", "12/11/26", "%d/%m/%y", utc(2026, 11, 12)},
      {"no-break space", "19\xC2\xA0november 2026", "%d %B %Y", utc(2026, 11, 19)},
      {"impossible day", "31 april 2027", "%d %B %Y", std::nullopt},
      {"not a month", "15 smörgås 2027", "%d %B %Y", std::nullopt},
      {"a year is not a day", "2015 mars 2027", "%d %B %Y", std::nullopt},
      {"nothing like it", "i går", "%d %B %Y", std::nullopt},
      {"a long word is no month", "Septemberveckan 12, 2026", "%B %d, %Y", std::nullopt},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(read_formatted_date(c.text, c.format), c.expected);
  }
}

// A month name is looked for at every position: a text of letters without
// end ("ääää…", 64 KiB) is read once per position, not to its end each time.
TEST(ReadFormattedDate, ReadsALongRunOfLettersInLinearTime) {
  std::string letters;
  for (int i = 0; i < 32 * 1024; ++i) letters += "\xC3\xA4";
  std::optional<core::TimePoint> read;
  EXPECT_LT(omvarld::testing::cpu_seconds([&] { read = read_formatted_date(letters + " 12, 2026", "%B %d, %Y"); }),
            1.0);
  EXPECT_EQ(read, std::nullopt);
  EXPECT_EQ(read_formatted_date(letters + " mars 12, 2026", "%B %d, %Y"), utc(2026, 3, 12));
}

}  // namespace
}  // namespace omvarld::sources
