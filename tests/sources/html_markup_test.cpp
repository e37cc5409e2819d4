// Web pages whose markup leaves things out or nests without end: links
// that lead nowhere on the web (mailto:, tel:, javascript:, "#", empty or
// missing href), stories the page holds itself ("#nyhet-2"), headings
// without text, pages libxml2 stops reading at 256 open elements, and items
// nested inside one another by unclosed tags; for selector profiles
// (html_items) and for feed discovery (feeds_on_page). Each case asserts
// the whole result: the items or the failure's message, or the candidates.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sources/feed_discovery.h"
#include "sources/html_items.h"
#include "tests/support/cpu_time.h"

namespace omvarld::sources {
namespace {

constexpr const char* kPageUrl = "https://kommun.example.se/nyheter";

config::SourceConfig listing_source() {
  config::SourceConfig source;
  source.id = "kommun";
  source.kind = config::SourceKind::kHtml;
  source.html.items = "//li[@class='nyhet']";
  source.html.title = ".//h2";
  source.html.link = ".//a/@href";
  return source;
}

std::string listing(const std::vector<std::string>& items) {
  std::string page = "<html><body><ul>";
  for (const std::string& item : items) page += "<li class='nyhet'>" + item + "</li>";
  return page + "</ul></body></html>";
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// "title | link | key" per item, or the failure's kind and message.
std::vector<std::string> outcome(const Result<std::vector<core::Item>, SourceFailure>& items) {
  if (!items) return {core::to_string(items.error().kind) + ": " + items.error().message};
  std::vector<std::string> lines;
  for (const core::Item& item : *items) lines.push_back(item.title + " | " + item.link + " | " + item.key);
  return lines;
}

struct PageCase {
  const char* name;
  std::string page;
  std::vector<std::string> outcome;
};

const std::string kGood = "<h2>Ny simhall</h2><a href='/simhall'>Läs</a>";

TEST(HtmlMarkup, AnItemLinkMustLeadToAWebPage) {
  const std::string other = " in 1 of 2 items matched by items \"//li[@class='nyhet']\" (the first is item 2";
  const std::string changed = ") — has its markup changed?";
  const PageCase cases[] = {
      {"mailto", listing({kGood, "<h2>Kontakta oss</h2><a href='mailto:info@example.se'>Mejla</a>"}),
       {"profile: link \".//a/@href\" found no web address" + other + ": \"mailto:info@example.se\"" + changed}},
      {"tel", listing({kGood, "<h2>Ring</h2><a href='tel:+4613200000'>Ring</a>"}),
       {"profile: link \".//a/@href\" found no web address" + other + ": \"tel:+4613200000\"" + changed}},
      {"javascript", listing({kGood, "<h2>Öppna</h2><a href='javascript:open()'>x</a>"}),
       {"profile: link \".//a/@href\" found no web address" + other + ": \"javascript:open()\"" + changed}},
      {"a bare #, the page itself", listing({kGood, "<h2>Toppen</h2><a href='#'>x</a>"}),
       {"profile: link \".//a/@href\" found no web address" + other + ": \"#\"" + changed}},
      {"an empty href", listing({kGood, "<h2>Tom</h2><a href=''>x</a>"}),
       {"profile: link \".//a/@href\" found nothing" + other + changed}},
      {"no href", listing({kGood, "<h2>Inget</h2><a name='x'>x</a>"}),
       {"profile: link \".//a/@href\" found nothing" + other + changed}},
      {"relative links resolve against the page", listing({kGood, "<h2>Bibliotek</h2><a href='../bibliotek?id=2#top'>x</a>"}),
       {"Ny simhall | https://kommun.example.se/simhall | https://kommun.example.se/simhall",
        "Bibliotek | https://kommun.example.se/bibliotek?id=2#top | https://kommun.example.se/bibliotek?id=2"}},
      {"stories the page holds itself keep their fragment in the key",
       listing({"<h2>Ett</h2><a href='#nyhet-1'>x</a>", "<h2>Två</h2><a href='#nyhet-2'>x</a>"}),
       {"Ett | https://kommun.example.se/nyheter#nyhet-1 | https://kommun.example.se/nyheter#nyhet-1",
        "Två | https://kommun.example.se/nyheter#nyhet-2 | https://kommun.example.se/nyheter#nyhet-2"}},
      {"a base of another scheme is no base",
       "<head><base href='file:///etc/'></head>" + listing({"<h2>Ett</h2><a href='passwd'>x</a>"}),
       {"Ett | https://kommun.example.se/passwd | https://kommun.example.se/passwd"}},
      {"a base of the page's scheme is",
       "<head><base href='https://kommun.example.se/arkiv/'></head>" + listing({"<h2>Ett</h2><a href='1'>x</a>"}),
       {"Ett | https://kommun.example.se/arkiv/1 | https://kommun.example.se/arkiv/1"}},
      {"a heading without text", listing({kGood, "<h2> <img src='x.png'> </h2><a href='/b'>x</a>"}),
       {"profile: title \".//h2\" found nothing" + other + changed}},
  };
  for (const PageCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(html_items(listing_source(), c.page, kPageUrl)), c.outcome);
  }
}

// html_fuzzer: libxml2 2.9.14 passes on the byte after a "&" that starts
// no reference as it is, so a page read as UTF-8 gave titles that are not
// UTF-8 (tests/testdata/fuzz/html/); `source discover --json` would throw
// on them. Such a byte is U+FFFD.
TEST(HtmlMarkup, TextIsUtf8WhateverThePageHolds) {
  // The first byte that is not UTF-8 is passed on; after it libxml2 reads
  // the page as Latin-1.
  auto items = html_items(listing_source(),
                          listing({"<h2>Samr&\xA5" "d om detaljplan</h2><a href='/samrad'>x</a>"}), kPageUrl);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].title, "Samr&\xEF\xBF\xBD" "d om detaljplan");

  const std::vector<FeedCandidate> found = feeds_on_page("<p>Nyheter</p><a href='/feed/'>RSS &\xA5</a>", kPageUrl);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].title, "RSS &\xEF\xBF\xBD");
}

// libxml2 hands out namespace nodes as copies freed with the result: kept
// as items, they were read after they were freed.
TEST(HtmlMarkup, NamespaceNodesAreNoItems) {
  config::SourceConfig source = listing_source();
  source.html.items = "//namespace::* | //li[@class='nyhet']";
  EXPECT_EQ(outcome(html_items(source, listing({kGood}), kPageUrl)),
            std::vector<std::string>{"Ny simhall | https://kommun.example.se/simhall | https://kommun.example.se/simhall"});
  source.html.items = "//namespace::*";
  EXPECT_EQ(outcome(html_items(source, listing({kGood}), kPageUrl)),
            std::vector<std::string>{"profile: items \"//namespace::*\" matched nothing on the page — has its markup changed?"});
}

TEST(HtmlMarkup, TheLinkOfAnElementIsItsOwnOrTheFirstAnchorInsideItWithAnHref) {
  config::SourceConfig source = listing_source();
  source.html.link = ".//div[@class='kort']";
  const PageCase cases[] = {
      {"an anchor deep inside the card",
       listing({"<h2>Ett</h2><div class='kort'>" + repeated("<span>", 200) + "<a href='/ett'>x</a></div>"}),
       {"Ett | https://kommun.example.se/ett | https://kommun.example.se/ett"}},
      {"an anchor without href is passed over",
       listing({"<h2>Två</h2><div class='kort'><a name='x'><b>x</b></a><p><a href=' /tva '>x</a></p></div>"}),
       {"Två | https://kommun.example.se/tva | https://kommun.example.se/tva"}},
  };
  for (const PageCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(html_items(source, c.page, kPageUrl)), c.outcome);
  }
}

// libxml2 stops at 256 open elements and keeps what it has read; the items
// after that point would be lost without a word.
TEST(HtmlMarkup, APageLibxml2StopsReadingIsAFailureWithWhereAndWhy) {
  const PageCase cases[] = {
      {"ten thousand unclosed divs", "<html><body>\n" + repeated("<div>", 10000) + listing({kGood}),
       {"profile: the page cannot be read to its end: elements nest more than 256 deep at line 2 "
        "(unclosed tags?); libxml2 reads no further"}},
      {"a hundred thousand unclosed tables", repeated("<table>", 100000) + listing({kGood}),
       {"profile: the page cannot be read to its end: elements nest more than 256 deep at line 1 "
        "(unclosed tags?); libxml2 reads no further"}},
      {"unclosed anchors, paragraphs and list items close themselves",
       repeated("<a href='/x'>", 10000) + repeated("<p>", 10000) + repeated("<li>", 10000) + listing({kGood}),
       {"Ny simhall | https://kommun.example.se/simhall | https://kommun.example.se/simhall"}},
  };
  for (const PageCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(html_items(listing_source(), c.page, kPageUrl)), c.outcome);
  }
}

// Each <li class='nyhet'> left open holds every item after it; every
// expression would read each item's part of the page again.
TEST(HtmlMarkup, ItemsNestedMoreThanEightDeepAreAFailure) {
  const std::string item = "<li class='nyhet'><h2>Ny simhall</h2><a href='/simhall'>Läs</a><ul>";
  const PageCase cases[] = {
      {"eight deep", "<ul>" + repeated(item, 8),
       {"Ny simhall | https://kommun.example.se/simhall | https://kommun.example.se/simhall"}},
      {"nine deep", "<ul>" + repeated(item, 9),
       {"profile: items \"//li[@class='nyhet']\" matched elements nested 9 deep inside one another, "
        "more than 8 (unclosed tags?) — has its markup changed?"}},
      {"a hundred deep", "<ul>" + repeated(item, 100),
       {"profile: items \"//li[@class='nyhet']\" matched elements nested 100 deep inside one another, "
        "more than 8 (unclosed tags?) — has its markup changed?"}},
  };
  for (const PageCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(html_items(listing_source(), c.page, kPageUrl)), c.outcome);
  }
}

TEST(HtmlMarkup, TheTextOfAnElementIsReadFromAtMost64KiBOfItsMarkup) {
  config::SourceConfig source = listing_source();
  source.html.summary = ".";
  const std::string words = repeated("ord ", 40000);  // 160,000 bytes
  auto items = html_items(source, listing({kGood + "<p>" + words + "</p>"}), kPageUrl);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  const std::string& summary = (*items)[0].summary;
  EXPECT_TRUE(summary.starts_with("Ny simhall Läs ord ord")) << summary.substr(0, 40);
  EXPECT_LE(summary.size(), 64u * 1024);
  EXPECT_GT(summary.size(), 60u * 1024);
}

struct DiscoveryCase {
  const char* name;
  std::string page;
  std::vector<std::string> urls;
};

std::vector<std::string> discovered(const std::string& page) {
  std::vector<std::string> urls;
  for (const FeedCandidate& candidate : feeds_on_page(page, kPageUrl)) urls.push_back(candidate.url);
  return urls;
}

TEST(HtmlMarkup, DiscoveryTakesOnlyLinksThatCanBeFetched) {
  const std::string rss = "<link rel='alternate' type='application/rss+xml' ";
  const DiscoveryCase cases[] = {
      {"advertised javascript, empty and missing hrefs",
       "<head>" + rss + "href='javascript:alert(1)'>" + rss + "href=''>" + rss + ">" + rss +
           "href='/rss.xml'></head>",
       {"https://kommun.example.se/rss.xml"}},
      {"anchors to mailto, tel, # and data",
       "<a href='mailto:rss@example.se'>RSS</a><a href='tel:1'>RSS</a><a href='#'>RSS</a>"
       "<a href='data:text/xml,x'>RSS</a><a href='feed/'>RSS</a>",
       {"https://kommun.example.se/feed/"}},
      {"an anchor with a hundred thousand nested elements and text",
       "<a href='/rss'>RSS " + repeated("<span>", 250) + repeated("text ", 100000) + "</a>",
       {"https://kommun.example.se/rss"}},
      {"nested anchors each holding the rest of the page",
       repeated("<a href='/x'><div>", 120) + repeated("lorem ipsum ", 100000) + "<a href='/atom'>Atom</a>",
       {"https://kommun.example.se/atom"}},
  };
  for (const DiscoveryCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(discovered(c.page), c.urls);
  }
}

TEST(HtmlMarkup, DiscoveryReadsThePartOfAPageBeforeLibxml2Stops) {
  const std::string page = "<html><head><link rel='alternate' type='application/atom+xml' href='/atom'></head>"
                           "<body>" + repeated("<div>", 100000) + "<a href='/rss'>RSS</a>";
  EXPECT_EQ(discovered(page), std::vector<std::string>{"https://kommun.example.se/atom"});
}

using omvarld::testing::cpu_seconds;

// Each anchor's text was its whole subtree: 120 nested anchors over 4.8 MB
// of text took 12.6 s.
TEST(HtmlMarkup, DiscoveryReadsNestedAnchorsInLinearTime) {
  const std::string page =
      repeated("<a href='/x'><div>", 120) + repeated("lorem ipsum ", 400000) + "<a href='/atom'>Atom</a>";
  std::vector<std::string> urls;
  EXPECT_LT(cpu_seconds([&] { urls = discovered(page); }), 6.0);
  EXPECT_EQ(urls, std::vector<std::string>{"https://kommun.example.se/atom"});
}

}  // namespace
}  // namespace omvarld::sources
