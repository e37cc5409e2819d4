// The straight path of parse_items (feeds/straight_items.h): taken for plain
// RSS 2.0, RSS 1.0 and Atom 1.0 of the kinds polls meet, declined for everything it does not
// read, and wherever it is taken, Item for Item what the general path
// (normalize of parse_feed) makes of the same document.

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "feeds/nesting.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "feeds/straight_items.h"
#include "tests/support/process.h"

namespace omvarld::feeds {
namespace {

constexpr ItemIdentity kIdentities[] = {ItemIdentity::kId, ItemIdentity::kLink, ItemIdentity::kContent};

// True when the straight path took the document; then its Items, under
// every identity, are the general path's, which must not be bozo.
bool taken_and_same(const std::string& document, const DocumentHints& hints, const std::string& what) {
  SCOPED_TRACE(what);
  const std::optional<FeedItems> straight = straight_items(document, hints, "source", ItemIdentity::kId);
  if (!straight) return false;
  const auto parsed = parse_feed(document, hints);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return true;
  EXPECT_FALSE(parsed->bozo) << parsed->bozo_reason;
  EXPECT_FALSE(straight->bozo);
  for (ItemIdentity identity : kIdentities) {
    const std::optional<FeedItems> got = straight_items(document, hints, "source", identity);
    const std::vector<core::Item> want = normalize(*parsed, "source", identity);
    EXPECT_TRUE(got.has_value());
    if (!got) return true;
    EXPECT_EQ(want.size(), got->items.size());
    for (std::size_t i = 0; i < std::min(want.size(), got->items.size()); ++i) {
      SCOPED_TRACE("item " + std::to_string(i));
      EXPECT_EQ(want[i].key, got->items[i].key);
      EXPECT_EQ(want[i].title, got->items[i].title);
      EXPECT_EQ(want[i].link, got->items[i].link);
      EXPECT_EQ(want[i].summary, got->items[i].summary);
      EXPECT_EQ(want[i].content, got->items[i].content);
      EXPECT_EQ(want[i].published, got->items[i].published);
      EXPECT_EQ(want[i].canonical_link, got->items[i].canonical_link);
    }
  }
  return true;
}

const DocumentHints kHints = DocumentHints::at("https://example.se/flöde/rss.xml");

// What the EU office's and the municipalities' feeds look like: namespaces
// on <rss>, a channel with an image and an Atom self link, items with
// Dublin Core, categories with a domain, HTML escaped and in CDATA,
// content:encoded, an enclosure, Media RSS, relative links and CRLF line ends.
const std::string kTypical =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<?xml-stylesheet type=\"text/xsl\" href=\"rss.xsl\"?>\r\n"
    "<!-- generated -->\r\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\r\n"
    "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\"\r\n"
    "     xmlns:media=\"http://search.yahoo.com/mrss/\">\r\n"
    "<channel>\r\n"
    "  <title>EU-nytt &amp; omvärld</title>\r\n"
    "  <link>https://example.se/</link>\r\n"
    "  <atom:link href=\"https://example.se/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\r\n"
    "  <description>Senaste nytt</description>\r\n"
    "  <image><url>https://example.se/logo.png</url><title>Logo</title><link>https://example.se/</link></image>\r\n"
    "  <item>\r\n"
    "    <title>Förskolorna &lt;b&gt;får&lt;/b&gt; nytt stöd</title>\r\n"
    "    <link>/nyheter/forskola?id=1&amp;utm_source=rss</link>\r\n"
    "    <guid isPermaLink=\"true\">/nyheter/forskola?id=1&amp;utm_source=rss</guid>\r\n"
    "    <pubDate>Sat, 01 Mar 2025 12:47:54 +0100</pubDate>\r\n"
    "    <dc:creator>Erik Johansson</dc:creator>\r\n"
    "    <category domain=\"https://example.se/kat\">Skola och förskola</category>\r\n"
    "    <description>&lt;p style=\"margin:0\"&gt;Budget 2025&amp;ndash;2027 &amp;euro;508&amp;nbsp;000&lt;/p&gt;\r\n"
    "&lt;ul&gt;&lt;li&gt;hemtjänst&lt;/li&gt;&lt;/ul&gt;</description>\r\n"
    "    <enclosure url=\"https://example.se/a.mp3?x=1&amp;y=2\" length=\"1\" type=\"audio/mpeg\"/>\r\n"
    "    <media:thumbnail url=\"https://example.se/t.jpg\"/>\r\n"
    "  </item>\r\n"
    "  <item>\r\n"
    "    <title><![CDATA[Sista dag att söka: 15 mars 2027]]></title>\r\n"
    "    <link>https://Example.SE/utlysning#ansok</link>\r\n"
    "    <guid isPermaLink=\"false\">utlysning-42</guid>\r\n"
    "    <dc:date>2025-03-01T10:00:00+01:00</dc:date>\r\n"
    "    <description><![CDATA[<p>Ansök <a href=\"/ansok\">här</a>.\r\n<script>alert(1)</script></p>]]></description>\r\n"
    "    <content:encoded><![CDATA[<p>Hela texten, &eacute;n gång.</p>]]></content:encoded>\r\n"
    "    <comments>https://example.se/utlysning#kommentarer</comments>\r\n"
    "  </item>\r\n"
    "  <item><title></title><title>Den andra titeln räknas</title><title>men inte den tredje</title>"
    "<link>  </link><guid>http://example.se/guid-som-länk</guid><pubDate>tis, 3 nov 2026 08:00:00 CET</pubDate></item>\r\n"
    "  <item/>\r\n"
    "</channel>\r\n"
    "</rss>\r\n";

TEST(StraightItems, TakesPlainRssAndMakesTheGeneralPathsItems) {
  ASSERT_TRUE(taken_and_same(kTypical, kHints, "typical"));
  const auto items = straight_items(kTypical, kHints, "source", ItemIdentity::kId);
  ASSERT_EQ(items->items.size(), 4u);
  EXPECT_EQ(items->items[0].title, "Förskolorna får nytt stöd");
  EXPECT_EQ(items->items[0].link, "https://example.se/nyheter/forskola?id=1&utm_source=rss");
  EXPECT_EQ(items->items[0].canonical_link, "https://example.se/nyheter/forskola?id=1");
  EXPECT_EQ(items->items[0].summary, "Budget 2025–2027 €508 000 hemtjänst");
  EXPECT_EQ(items->items[1].key, "utlysning-42");
  EXPECT_EQ(items->items[1].content, "Hela texten, én gång.");
  EXPECT_EQ(items->items[2].title, "Den andra titeln räknas");
  EXPECT_EQ(items->items[2].link, "http://example.se/guid-som-länk");  // the guid, as the link is blank
  ASSERT_TRUE(items->items[2].published.has_value());
}

TEST(StraightItems, TakesOtherEncodingsAfterDecoding) {
  std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
                       "<item><title>F\xF6rskola</title><link>http://example.se/a</link></item></channel></rss>";
  ASSERT_TRUE(taken_and_same(latin1, kHints, "latin-1"));
  EXPECT_EQ(straight_items(latin1, kHints, "source", ItemIdentity::kId)->items[0].title, "Förskola");
}

// Where polisen.se and NBC declare their namespaces: on the channel, and
// again on a channel-level element, whose declarations end with it.
TEST(StraightItems, TakesNamespacesDeclaredAroundItsItems) {
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
      "<channel xmlns:atom=\"http://www.w3.org/2005/Atom\"><title>Händelser RSS - Blekinge</title>"
      "<description /><atom:link href=\"http://polisen.se/rss/\" rel=\"self\" type=\"application/rss+xml\" />"
      "<atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" href=\"https://example.se\" rel=\"self\"/>"
      "<x:meta xmlns:x=\"http://example.com/x\"><x:title>not an item's</x:title></x:meta>"
      "<image xmlns:dc=\"http://example.com/not-dublin-core\"><url>https://example.se/l.png</url><dc:title>x</dc:title></image>"
      "<item><guid isPermaLink=\"false\">https://polisen.se/aktuellt/handelser/2022/1/</guid>"
      "<title>09 februari 21:04, Rån väpnat, Sölvesborg</title><description>Centralt.</description>"
      "<pubDate>Wed, 09 Feb 2022 23:58:26 +0100</pubDate>"
      "<link>https://polisen.se/aktuellt/handelser/2022/1/</link></item></channel></rss>";
  ASSERT_TRUE(taken_and_same(document, kHints, "declared around"));
  EXPECT_EQ(straight_items(document, kHints, "s", ItemIdentity::kId)->items.at(0).title, "09 februari 21:04, Rån väpnat, Sölvesborg");
  // A prefix declared only on an earlier sibling is not declared any more.
  const std::string out_of_scope =
      "<rss version=\"2.0\"><channel><a xmlns:x=\"http://example.com/x\"/><x:b>c</x:b><item/></channel></rss>";
  EXPECT_FALSE(straight_items(out_of_scope, kHints, "s", ItemIdentity::kId).has_value());
}

// One item, with `inside` in it; or, when `inside` starts with '<' and no
// item is wanted, the channel's content.
std::string rss_with_item(const std::string& inside) {
  return "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title>"
         "<item>" + inside + "</item></channel></rss>";
}

TEST(StraightItems, DeclinesWhatItDoesNotRead) {
  struct Case {
    const char* why;
    std::string document;
  };
  const std::vector<Case> cases = {
      {"a DOCTYPE", "<!DOCTYPE rss SYSTEM \"x.dtd\">" + rss_with_item("<title>x</title>")},
      {"an HTML entity to repair", rss_with_item("<title>a&nbsp;b</title>")},
      {"a bare ampersand", rss_with_item("<title>a & b</title>")},
      {"an upper-case X reference", rss_with_item("<title>&#X41;</title>")},
      {"xml:base", rss_with_item("<link xml:base=\"http://other.se/\">a</link>")},
      {"a namespace declared on an item", rss_with_item("<x:y xmlns:x=\"http://x/\">a</x:y>")},
      {"an undeclared prefix", rss_with_item("<foo:title>a</foo:title>")},
      {"markup inside a title", rss_with_item("<title>a <b>b</b></title>")},
      {"a typed description", rss_with_item("<description type=\"text\">a</description>")},
      // pugixml keeps a repeated attribute, and the general path reads the first.
      {"a guid's isPermaLink twice", rss_with_item("<guid isPermaLink=\"false\" isPermaLink=\"true\">http://g/</guid>")},
      {"a second description", rss_with_item("<description>a</description><description>b</description>")},
      {"an Atom link in an item", "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><item>"
                                  "<atom:link rel=\"alternate\" href=\"http://a/\"/></item></channel></rss>"},
      {"an item's attributes", "<rss version=\"2.0\"><channel><item rdf:about=\"x\"/></channel></rss>"},
      {"an unprefixed date element", rss_with_item("<date>2025-01-01</date>")},
      {"a source element", rss_with_item("<source url=\"http://s/\">S</source><title>x</title>")},
      {"an item outside the channel", "<rss version=\"2.0\"><item><title>x</title></item><channel/></rss>"},
      {"an item in the channel's image", "<rss version=\"2.0\"><channel><image><item/></image></channel></rss>"},
      {"content:encoded in the channel", "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                                         "<channel><content:encoded>x</content:encoded><item/></channel></rss>"},
      {"a truncated document", rss_with_item("<title>x</title>").substr(0, 90)},
      {"mismatched tags", rss_with_item("<title>x</titel>")},
      {"text after the root", rss_with_item("<title>x</title>") + "junk"},
      {"a NUL byte", rss_with_item(std::string("<title>a\0b</title>", 18))},
      {"an invalid UTF-8 byte", rss_with_item("<title>a\xFF b</title>")},
      {"a media type that is not XML's", rss_with_item("<title>x</title>")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const DocumentHints hints = std::string(c.why) == "a media type that is not XML's"
                                    ? DocumentHints::at("http://example.se/", "text/plain")
                                    : kHints;
    EXPECT_FALSE(straight_items(c.document, hints, "source", ItemIdentity::kId).has_value());
  }
  // The document the declined cases vary is itself taken.
  EXPECT_TRUE(taken_and_same(rss_with_item("<title>x</title>"), kHints, "the plain one"));
}

// RSS 1.0 as the Swedish agencies' older systems write it: the channel
// with its rdf:Seq of items first, then the items, each with rdf:about,
// Dublin Core dates, creators and subjects, and content:encoded.
const std::string kTypicalRdf =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"\n"
    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
    "    xmlns:syn=\"http://purl.org/rss/1.0/modules/syndication/\">\n"
    "  <channel rdf:about=\"https://example.se/rss.rdf\">\n"
    "    <title>EU-nytt</title><link>https://example.se/</link><description>Nytt</description>\n"
    "    <dc:date>2025-03-01T12:47:54+01:00</dc:date><syn:updatePeriod>hourly</syn:updatePeriod>\n"
    "    <image rdf:resource=\"https://example.se/logo.png\"/>\n"
    "    <items><rdf:Seq><rdf:li rdf:resource=\"https://example.se/1\"/><rdf:li resource=\"https://example.se/2\"/>"
    "</rdf:Seq></items>\n"
    "  </channel>\n"
    "  <image rdf:about=\"https://example.se/logo.png\"><title>Logo</title><url>https://example.se/logo.png</url>"
    "<link>https://example.se/</link></image>\n"
    "  <item rdf:about=\"https://example.se/nyheter/1?a=1&amp;b=2\">\n"
    "    <title>Förskolorna &lt;b&gt;får&lt;/b&gt; nytt stöd</title>\n"
    "    <link>/nyheter/1</link>\n"
    "    <description>&lt;p&gt;Budget&amp;nbsp;2025&lt;/p&gt;</description>\n"
    "    <dc:date>2025-03-01T12:47:54+01:00</dc:date><dc:creator>Erik</dc:creator><dc:subject>skola</dc:subject>\n"
    "  </item>\n"
    "  <item rdf:about=\"urn:example:2\"><title>Utan länk</title>"
    "<content:encoded><![CDATA[<p>Hela texten</p>]]></content:encoded></item>\n"
    "  <item><title>Utan about</title><link>https://example.se/3</link></item>\n"
    "  <item rdf:about=\"\"/>\n"
    "  <textinput rdf:about=\"https://example.se/sok\"><title>Sök</title><name>q</name>"
    "<link>https://example.se/sok</link></textinput>\n"
    "</rdf:RDF>\n";

TEST(StraightItems, TakesPlainRss1AndMakesTheGeneralPathsItems) {
  ASSERT_TRUE(taken_and_same(kTypicalRdf, kHints, "typical RSS 1.0"));
  const auto items = straight_items(kTypicalRdf, kHints, "source", ItemIdentity::kId);
  ASSERT_EQ(items->items.size(), 4u);
  EXPECT_EQ(items->items[0].title, "Förskolorna får nytt stöd");
  EXPECT_EQ(items->items[0].key, "https://example.se/nyheter/1?a=1&b=2");  // the item's rdf:about
  EXPECT_EQ(items->items[0].link, "https://example.se/nyheter/1");
  EXPECT_EQ(items->items[1].key, "urn:example:2");
  EXPECT_EQ(items->items[1].content, "Hela texten");
  EXPECT_EQ(items->items[2].link, "https://example.se/3");
}

// One item, with `inside` in it, in RSS 1.0.
std::string rdf_with_item(const std::string& inside, const std::string& item_attributes = "") {
  return "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
         "<channel rdf:about=\"http://c/\"><title>t</title></channel><item" + item_attributes + ">" + inside +
         "</item></rdf:RDF>";
}

TEST(StraightItems, DeclinesRss1ItDoesNotRead) {
  struct Case {
    const char* why;
    std::string document;
  };
  const std::vector<Case> cases = {
      {"RDF's namespace misspelt", "<rdf:RDF xmlns:rdf=\"htt://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                   "xmlns=\"http://purl.org/rss/1.0/\"><item/></rdf:RDF>"},
      {"no default namespace", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><item/></rdf:RDF>"},
      {"RSS 1.0 under a prefix", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                 "xmlns:rss=\"http://purl.org/rss/1.0/\"><rss:item/></rdf:RDF>"},
      {"the default declared twice", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                     "xmlns=\"http://purl.org/rss/1.0/\" xmlns=\"http://x/\"><item/></rdf:RDF>"},
      {"another root attribute", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                 "xmlns=\"http://purl.org/rss/1.0/\" version=\"1\"><item/></rdf:RDF>"},
      {"an item's rdf:resource", rdf_with_item("<title>x</title>", " rdf:resource=\"http://r/\"")},
      {"an item's about and more", rdf_with_item("<title>x</title>", " rdf:about=\"http://a/\" x=\"y\"")},
      {"an about with a line end", rdf_with_item("<title>x</title>", " rdf:about=\"http://a/\nb\"")},
      // The general path reads an attribute whose prefix is bound to
      // another namespace without it (found by a hostile differential test).
      {"an about under a prefix bound elsewhere",
       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
       "xmlns:RDF=\"http://example.com/other#\"><item RDF:about=\"http://e/R\"/></rdf:RDF>"},
      {"an about under another prefix for RDF",
       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
       "xmlns:r=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><item r:about=\"http://e/R\"/></rdf:RDF>"},
      {"an item in the channel", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                 "xmlns=\"http://purl.org/rss/1.0/\"><channel><item/></channel></rdf:RDF>"},
      {"a channel's other attribute", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                      "xmlns=\"http://purl.org/rss/1.0/\"><channel href=\"http://h/\"/><item/></rdf:RDF>"},
      {"xml:base on an item", rdf_with_item("<title>x</title>", " xml:base=\"http://b/\"")},
      {"markup inside a title", rdf_with_item("<title>a <b>b</b></title>")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_FALSE(straight_items(c.document, kHints, "source", ItemIdentity::kId).has_value());
  }
  // The document the declined cases vary is itself taken.
  EXPECT_TRUE(taken_and_same(rdf_with_item("<title>x</title>", " rdf:about=\"http://a/\""), kHints, "the plain one"));
}

// What the EU's and the agencies' Atom feeds look like: a language on the
// root, feed-level links, a generator and authors, entries with escaped
// HTML, plain text and HTML content, several links of which one is the
// alternate, categories, people with names and addresses, relative links
// and references in attribute values.
const std::string kTypicalAtom =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\" xmlns:media=\"http://search.yahoo.com/mrss/\">\r\n"
    "  <title type=\"text\">EU-nytt &amp; omvärld</title>\r\n"
    "  <subtitle type=\"html\">&lt;em&gt;Senaste&lt;/em&gt; nytt</subtitle>\r\n"
    "  <link rel=\"alternate\" type=\"text/html\" href=\"https://example.se/\"/>\r\n"
    "  <link rel=\"self\" href=\"https://example.se/atom.xml\"/>\r\n"
    "  <id>tag:example.se,2020:feed</id>\r\n"
    "  <updated>2025-03-01T11:47:54Z</updated>\r\n"
    "  <author><name>Europakontoret</name><uri>https://example.se/</uri></author>\r\n"
    "  <generator uri=\"https://gen.example/\" version=\"1\">gen</generator>\r\n"
    "  <entry>\r\n"
    "    <title type=\"html\">Förskolorna &lt;b&gt;får&lt;/b&gt; nytt stöd</title>\r\n"
    "    <link rel=\"related\" href=\"https://other.example/\"/>\r\n"
    "    <link href=\"/nyheter/forskola?id=1&amp;utm_source=atom\"/>\r\n"
    "    <link rel=\"enclosure\" type=\"audio/mpeg\" length=\"1\" href=\"https://example.se/a.mp3\"/>\r\n"
    "    <id>https://example.se/nyheter/forskola?id=1</id>\r\n"
    "    <published>2025-03-01T12:47:54+01:00</published>\r\n"
    "    <updated>2025-03-02T08:00:00Z</updated>\r\n"
    "    <author><name>Erik Johansson</name><email>erik@example.se</email></author>\r\n"
    "    <contributor><name>Press</name></contributor>\r\n"
    "    <category term=\"skola\" label=\"Skola &amp; förskola\" scheme=\"https://example.se/kat\"/>\r\n"
    "    <summary type=\"html\">&lt;p style=\"margin:0\"&gt;Budget 2025&amp;ndash;2027 &amp;euro;508&amp;nbsp;000&lt;/p&gt;\r\n"
    "&lt;ul&gt;&lt;li&gt;hemtjänst&lt;/li&gt;&lt;/ul&gt;</summary>\r\n"
    "    <media:thumbnail url=\"https://example.se/t.jpg\"/>\r\n"
    "  </entry>\r\n"
    "  <entry>\r\n"
    "    <title>Sista dag att söka: 15 mars 2027 &lt;inte HTML&gt;</title>\r\n"
    "    <link rel=\"alternate\" type=\"text/html\" href=\"https://Example.SE/utlysning#ansok\"/>\r\n"
    "    <id>tag:example.se,2025:utlysning-42</id>\r\n"
    "    <updated>2025-03-01T10:00:00+01:00</updated>\r\n"
    "    <summary>Ansök senast  15 mars.</summary>\r\n"
    "    <content type=\"html\"><![CDATA[<p>Hela texten, <a href=\"/ansok\">här</a>.<script>x</script></p>]]></content>\r\n"
    "  </entry>\r\n"
    "  <entry><title></title><title>Den andra titeln räknas</title><title>men inte den tredje</title>"
    "<id>http://example.se/id-som-länk</id><content>Bara innehåll</content><updated>tis, 3 nov 2026 08:00:00 CET</updated></entry>\r\n"
    "  <entry/>\r\n"
    "</feed>\r\n";

TEST(StraightItems, TakesPlainAtomAndMakesTheGeneralPathsItems) {
  ASSERT_TRUE(taken_and_same(kTypicalAtom, kHints, "typical Atom"));
  const auto items = straight_items(kTypicalAtom, kHints, "source", ItemIdentity::kId);
  ASSERT_EQ(items->items.size(), 4u);
  EXPECT_EQ(items->items[0].title, "Förskolorna får nytt stöd");
  EXPECT_EQ(items->items[0].link, "https://example.se/nyheter/forskola?id=1&utm_source=atom");
  EXPECT_EQ(items->items[0].summary, "Budget 2025–2027 €508 000 hemtjänst");
  ASSERT_TRUE(items->items[0].published.has_value());
  EXPECT_EQ(items->items[1].title, "Sista dag att söka: 15 mars 2027 <inte HTML>");
  EXPECT_EQ(items->items[1].key, "tag:example.se,2025:utlysning-42");
  EXPECT_EQ(items->items[1].content, "Hela texten, här.");
  EXPECT_EQ(items->items[2].title, "Den andra titeln räknas");
  EXPECT_EQ(items->items[2].link, "http://example.se/id-som-länk");  // the id, as there is no link
  EXPECT_EQ(items->items[2].summary, "Bara innehåll");
}

// One entry, with `inside` in it, in an Atom 1.0 feed.
std::string atom_with_entry(const std::string& inside) {
  return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry>" + inside + "</entry></feed>";
}

TEST(StraightItems, DeclinesAtomItDoesNotRead) {
  struct Case {
    const char* why;
    std::string document;
  };
  const std::vector<Case> cases = {
      {"Atom 0.3", "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title>x</title></entry></feed>"},
      {"Atom without its namespace", "<feed><entry><title>x</title></entry></feed>"},
      {"a prefixed root", "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:entry/></a:feed>"},
      {"xml:base on the root", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://b/\"><entry/></feed>"},
      {"xml:base on an entry", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xml:base=\"http://b/\"/></feed>"},
      {"XHTML content", atom_with_entry("<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
                                        "<p>x</p></div></content>")},
      {"an XHTML title", atom_with_entry("<title type=\"xhtml\">x</title>")},
      {"content by reference", atom_with_entry("<content src=\"http://a/\" type=\"text/html\"/>")},
      {"content of another media type", atom_with_entry("<content type=\"application/octet-stream\">eA==</content>")},
      {"Atom 0.3's mode", atom_with_entry("<summary mode=\"escaped\">x</summary>")},
      {"a link without an href", atom_with_entry("<link rel=\"alternate\">http://a/</link>")},
      {"a link with uri for href", atom_with_entry("<link uri=\"http://a/\"/>")},
      {"a link with a line end in its href", atom_with_entry("<link href=\"http://a/\nb\"/>")},
      {"a link holding text", atom_with_entry("<link href=\"http://a/\">x</link>")},
      // pugixml keeps a repeated attribute, and the general path reads the
      // first (found by a hostile differential test).
      {"two hrefs", atom_with_entry("<link href=\"http://a/\" href=\"http://b/\"/>")},
      {"two rels", atom_with_entry("<link rel=\"alternate\" rel=\"self\" href=\"http://x/1\"/>")},
      {"two link types", atom_with_entry("<link type=\"text/html\" type=\"application/atom+xml\" href=\"http://x/\"/>")},
      {"two title types", atom_with_entry("<title type=\"html\" type=\"text\">&lt;b&gt;x&lt;/b&gt;</title>")},
      {"two content types", atom_with_entry("<content type=\"html\" type=\"text\">&lt;p&gt;a&lt;/p&gt;</content>")},
      {"the default namespace declared twice",
       "<feed xmlns=\"http://purl.org/atom/ns#\" xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>"},
      {"a second summary", atom_with_entry("<summary>a</summary><summary>b</summary>")},
      {"an author holding a title", atom_with_entry("<author><name>n</name><title>not the entry's</title></author>")},
      {"an author's attributes", atom_with_entry("<author xml:lang=\"sv\"><name>n</name></author>")},
      {"a source", atom_with_entry("<source><title>s</title></source><title>x</title>")},
      {"rights", atom_with_entry("<rights>r</rights>")},
      {"an entry's attributes", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xml:lang=\"sv\"/></feed>"},
      {"markup inside a summary", atom_with_entry("<summary>a <b>b</b></summary>")},
      {"an HTML entity to repair", atom_with_entry("<title>a&nbsp;b</title>")},
      {"an entry in an entry", atom_with_entry("<entry><title>x</title></entry>")},
      {"content in the feed", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><content>x</content><entry/></feed>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_FALSE(straight_items(c.document, kHints, "source", ItemIdentity::kId).has_value());
  }
  // The document the declined cases vary is itself taken.
  EXPECT_TRUE(taken_and_same(atom_with_entry("<title>x</title>"), kHints, "the plain one"));
}

// The general path reads elements no deeper than kMaxElementDepth and
// flags a document that has deeper ones; the straight path declines it.
TEST(StraightItems, DeclinesElementsNestedDeeperThanTheGeneralPathReads) {
  // <rss> and <channel> are depths 1 and 2: a channel-level element nested
  // `inner` more levels reaches 3 + inner.
  const auto nested_in_channel = [](int inner) {
    std::string element;
    for (int i = 0; i <= inner; ++i) element += "<x>";
    for (int i = 0; i <= inner; ++i) element += "</x>";
    return "<rss version=\"2.0\"><channel><item><title>a</title></item>" + element +
           "<item><title>b</title></item></channel></rss>";
  };
  EXPECT_TRUE(taken_and_same(nested_in_channel(kMaxElementDepth - 3), kHints, "as deep as is read"));
  EXPECT_FALSE(straight_items(nested_in_channel(kMaxElementDepth - 2), kHints, "source", ItemIdentity::kId));
  // Nor more namespace declarations in scope than a feed makes (64).
  const auto declaring = [](const std::string& name, int from, int count = 16) {
    std::string tag = "<" + name;
    for (int i = from; i < from + count; ++i) tag += " xmlns:n" + std::to_string(i) + "=\"urn:" + std::to_string(i) + "\"";
    return tag + ">";
  };
  const std::string many = "<rss version=\"2.0\"" + declaring("", 0, 15).substr(1) + declaring("channel", 16) +
                           declaring("x", 32) + declaring("y", 48) + declaring("z", 64) +
                           "</z></y></x><item><title>a</title></item></channel></rss>";
  EXPECT_FALSE(straight_items(many, kHints, "source", ItemIdentity::kId));
  const std::string enough = "<rss version=\"2.0\"" + declaring("", 0, 15).substr(1) + declaring("channel", 16) +
                             declaring("x", 32) + declaring("y", 48) +
                             "</y></x><item><title>a</title></item></channel></rss>";
  EXPECT_TRUE(taken_and_same(enough, kHints, "63 declarations"));
  const auto parsed = parse_feed(nested_in_channel(kMaxElementDepth - 2), kHints);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->bozo_reason, "elements nested more than 256 deep (<x>): the deeper ones read as text");
}

TEST(StraightItems, ChecksTheWholeDocumentNotOnlyItsStart) {
  // Past the first pieces the text is checked as the reading gets there.
  std::string document = "<rss version=\"2.0\"><channel>";
  for (int i = 0; i < 2000; ++i) {
    document += "<item><title>Nyhet " + std::to_string(i) + " om förskolan</title><link>http://example.se/" +
                std::to_string(i) + "</link></item>";
  }
  const std::string ending = "</channel></rss>";
  ASSERT_GT(document.size(), 100'000u);
  EXPECT_TRUE(taken_and_same(document + ending, kHints, "valid"));
  EXPECT_FALSE(straight_items(document + "<item><title>\xC3</title></item>" + ending, kHints, "s", ItemIdentity::kId));
  EXPECT_FALSE(straight_items(document + std::string("<!-- \0 -->", 10) + ending, kHints, "s", ItemIdentity::kId));
  EXPECT_FALSE(straight_items(document + ending + "\xE2\x82", kHints, "s", ItemIdentity::kId));
}

// Found by the fuzzer: the general path's entity repair took "<!-->" for a
// whole comment, as HTML does, and flagged the '&' in what pugixml and the
// straight path read as the comment's text.
TEST(StraightItems, ReadsACommentOpenedByArrowAsTheGeneralPathDoes) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  const std::string document = testing::read_whole_file(source / "tests/testdata/fuzz/comment-opened-by-arrow.xml");
  EXPECT_TRUE(taken_and_same(document, kHints, "<!-->"));
  EXPECT_TRUE(taken_and_same("<!--->a & b-->" + rss_with_item("<title>x</title>"), kHints, "<!--->"));
}

TEST(StraightItems, EqualsTheGeneralPathOnEveryCorpusDocumentItTakes) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  int documents = 0;
  int taken = 0;
  int taken_atom = 0;
  int taken_rdf = 0;
  for (const char* dir : {"tests/conformance/feedparser/cases", "tests/testdata", "examples/feeds"}) {
    for (const auto& file : std::filesystem::recursive_directory_iterator(source / dir)) {
      if (!file.is_regular_file() || file.path().extension() != ".xml") continue;
      ++documents;
      const std::string document = testing::read_whole_file(file.path());
      if (taken_and_same(document, kHints, file.path().string())) {
        ++taken;
        if (document.find("<rdf:RDF") != std::string::npos) {
          ++taken_rdf;
        } else if (document.find("<rss") == std::string::npos) {
          ++taken_atom;
        }
      }
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(documents, 2100);
  // When written: 473 RSS 2.0 documents, 14 RSS 1.0 and 410 Atom ones: the
  // straight path is not a rarity.
  EXPECT_GT(taken - taken_atom - taken_rdf, 450);
  EXPECT_GT(taken_rdf, 10);
  EXPECT_GT(taken_atom, 380);
}

// The corpus documents the straight path takes, mutated as a fuzzer would:
// markup tokens inserted, parts copied and cut out. Taken or declined,
// the straight path must not read a document otherwise than the general
// path (it is how the fuzzer found "<!-->").
TEST(StraightItems, EqualsTheGeneralPathOnMutatedDocuments) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  std::vector<std::string> documents;
  for (const char* dir : {"tests/conformance/feedparser/cases", "tests/testdata", "examples/feeds"}) {
    for (const auto& file : std::filesystem::recursive_directory_iterator(source / dir)) {
      if (!file.is_regular_file() || file.path().extension() != ".xml" || file.file_size() > 16'384) continue;
      std::string document = testing::read_whole_file(file.path());
      if (straight_items(document, kHints, "s", ItemIdentity::kId)) documents.push_back(std::move(document));
    }
  }
  ASSERT_GT(documents.size(), 400u);
  const std::vector<std::string> tokens = {
      "<!--", "-->", "<!-->", "<![CDATA[", "]]>", "<?", "?>", "<?xml ", "<?pi x?>", "&amp;", "&lt;", "&#x", "&#",
      ";", "\r", "\r\n", "&", "<", ">", "/>", "</", "xmlns:", "xmlns=\"", "xml:base=\"", "=\"", "\"", "'",
      "<!DOCTYPE", "<item>", "</item>", "<title>", "</title>", "<link>", "</link>", "<guid>", "</guid>",
      "<description>", "</description>", "<content:encoded>", "\xC3\xA9", "\xE9", std::string(1, '\0'), " ",
      "\t", "&nbsp;", "&#233;", "&#X41;", "http://", "/../", "#", "?utm_source=x", "<pubDate>", "GMT",
      "isPermaLink=\"false\"", "<br>", "<p>", "<script>", "<entry>", "</entry>", "<summary>", "</summary>",
      "<content type=\"html\">", "</content>", "type=\"xhtml\"", "type=\"text\"", "rel=\"alternate\"",
      "rel=\"self\"", "href=\"", "<link href=\"/x\"/>", "<author><name>", "</name></author>", "<id>", "</id>",
      "<updated>", "src=\"", "xml:lang=\"sv\""};
  std::mt19937 random(20261129);
  const auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  int taken = 0;
  for (int n = 0; n < 20'000; ++n) {
    std::string document = documents[below(documents.size())];
    for (std::size_t mutations = 1 + below(3); mutations > 0 && !document.empty(); --mutations) {
      const std::size_t from = below(document.size());
      const std::size_t length = 1 + below(std::min<std::size_t>(64, document.size() - from));
      switch (below(4)) {
        case 0: document.insert(below(document.size() + 1), tokens[below(tokens.size())]); break;
        case 1: document.insert(below(document.size() + 1), document.substr(from, length)); break;
        case 2: document.erase(from, length); break;
        default: document[from] = static_cast<char>(random()); break;
      }
    }
    if (taken_and_same(document, kHints, document)) ++taken;
    if (HasFailure()) return;
  }
  EXPECT_GT(taken, 2'000);
}

// Random RSS 2.0 and 1.0 items mixing what the straight path reads (repeated titles and
// links, guids as links or not, dates of every kind, descriptions before
// and after content, CDATA, comments and line ends inside text) with what
// makes it decline; taken or not, the Items must not differ.
TEST(StraightItems, EqualsTheGeneralPathOnGeneratedItems) {
  std::mt19937 random(20261129);
  const std::vector<std::string> fields = {
      "<title>Förskola</title>", "<title></title>", "<title>a &lt;b&gt;b&lt;/b&gt;</title>",
      "<title><![CDATA[x & y]]></title>", "<title>r\r\nad</title>", "<link>http://example.se/a</link>",
      "<link>/relativ</link>", "<link></link>", "<link>HTTP://EXAMPLE.se/x/../y#f</link>",
      "<guid>http://example.se/g</guid>", "<guid isPermaLink=\"false\">g1</guid>", "<guid>g2</guid>",
      "<guid isPermaLink=\"TRUE\">g3</guid>", "<pubDate>Sat, 01 Mar 2025 12:47:54 +0100</pubDate>",
      "<pubDate>1 mars 2025</pubDate>", "<pubDate>bogus</pubDate>", "<dc:date>2025-03-01</dc:date>",
      "<lastBuildDate>Sun, 2 Mar 2025 10:00 GMT</lastBuildDate>", "<description>&lt;p&gt;en&lt;/p&gt;</description>",
      "<description><![CDATA[<p>två<br>rader</p>]]></description>", "<description></description>",
      "<description>a<!-- c -->b</description>", "<content:encoded><![CDATA[<b>c</b>]]></content:encoded>",
      "<content:encoded>&lt;script&gt;x&lt;/script&gt;y</content:encoded>", "<category>k</category>",
      "<dc:creator>E</dc:creator>", "<author>a@example.se (A)</author>", "<comments>/c</comments>",
      "<enclosure url=\"http://e/a.mp3\" type=\"audio/mpeg\"/>", "<dc:subject>s</dc:subject>",
      "<media:content url=\"http://m/\"/>", "<foo>bar</foo>", "<title type=\"html\">t</title>",
      "<x:other>o</x:other>", "<?pi data?>", "<!-- comment -->", "\r\n  ",
  };
  const std::string namespaces =
      " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:x=\"http://example.com/x\"";
  // Every other document is RSS 1.0, its items after the channel, some
  // with an rdf:about.
  const std::vector<std::string> rdf_items = {"<item>", "<item rdf:about=\"http://example.se/about\">",
                                              "<item rdf:about=\"urn:x:1\">", "<item rdf:about=\"\">"};
  int taken = 0;
  int taken_rdf = 0;
  for (int n = 0; n < 600; ++n) {
    const bool rdf = n % 2 == 1;
    std::string document =
        rdf ? "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"" +
                  namespaces + "><channel rdf:about=\"http://example.se/\"><title>t</title></channel>"
            : "<rss version=\"2.0\"" + namespaces + "><channel><title>t</title>";
    for (int i = 0; i < 3; ++i) {
      document += rdf ? rdf_items[random() % rdf_items.size()] : "<item>";
      const int count = static_cast<int>(random() % 7);
      for (int k = 0; k < count; ++k) document += fields[random() % fields.size()];
      document += "</item>";
    }
    document += rdf ? "</rdf:RDF>" : "</channel></rss>";
    if (taken_and_same(document, kHints, document)) {
      ++taken;
      if (rdf) ++taken_rdf;
    }
    if (HasFailure()) return;
  }
  EXPECT_GT(taken, 300);  // 440 when written, 211 of them RSS 1.0
  EXPECT_GT(taken_rdf, 150);
}

// Random Atom entries mixing what the straight path reads (titles and
// summaries of every type, links of every rel and type, ids as links or
// not, content before and after a summary, people and categories) with
// what makes it decline; taken or not, the Items must not differ.
TEST(StraightItems, EqualsTheGeneralPathOnGeneratedAtomEntries) {
  std::mt19937 random(20261207);
  const std::vector<std::string> fields = {
      "<title>Förskola</title>", "<title></title>", "<title type=\"html\">a &lt;b&gt;b&lt;/b&gt;</title>",
      "<title type=\"text\">a &lt;b&gt;b&lt;/b&gt;</title>", "<title type=\"HTML\"><![CDATA[x & <i>y</i>]]></title>",
      "<title type=\"xhtml\">x</title>", "<title>r\r\nad</title>", "<link href=\"http://example.se/a\"/>",
      "<link rel=\"alternate\" href=\"/relativ?a=1&amp;b=2\"/>", "<link rel=\"related\" href=\"http://r/\"/>",
      "<link rel=\"alternate\" type=\"application/pdf\" href=\"http://p/\"/>", "<link rel=\"self\" href=\"http://s/\"/>",
      "<link rel=\"alternate\" type=\"application/xhtml+xml\" href=\"HTTP://EXAMPLE.se/x/../y#f\"/>",
      "<link rel=\"enclosure\" type=\"audio/mpeg\" href=\"http://e/a.mp3\" length=\"9\"/>", "<link href=\"\"/>",
      "<link>http://text/</link>", "<id>http://example.se/id</id>", "<id>tag:example.se,2025:1</id>", "<id></id>",
      "<published>2025-03-01T12:47:54+01:00</published>", "<updated>2025-03-02T08:00:00Z</updated>",
      "<updated>bogus</updated>", "<summary>en  text</summary>", "<summary type=\"html\">&lt;p&gt;en&lt;/p&gt;</summary>",
      "<summary type=\"html\"><![CDATA[<p>två<br>rader</p><script>x</script>]]></summary>", "<summary></summary>",
      "<summary>a<!-- c -->b</summary>", "<content type=\"html\">&lt;b&gt;c&lt;/b&gt;</content>",
      "<content>bara text</content>", "<content type=\"text/html\"><![CDATA[<a href=\"/rel\">l</a>]]></content>",
      "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></content>",
      "<content src=\"http://s/\"/>", "<author><name>E</name><email>e@example.se</email></author>",
      "<author><name>A</name><uri>http://a/</uri></author>", "<contributor><name>C</name></contributor>",
      "<category term=\"k\" label=\"K &amp; L\"/>", "<category term=\"k\">text</category>",
      "<media:thumbnail url=\"http://m/\"/>", "<x:other>o</x:other>", "<rights>r</rights>",
      "<?pi data?>", "<!-- comment -->", "\r\n  ",
  };
  int taken = 0;
  for (int n = 0; n < 600; ++n) {
    std::string document =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\" xmlns:media=\"http://search.yahoo.com/mrss/\" "
        "xmlns:x=\"http://example.com/x\"><title>t</title><link href=\"http://example.se/\"/>";
    for (int i = 0; i < 3; ++i) {
      document += "<entry>";
      const int count = static_cast<int>(random() % 7);
      for (int k = 0; k < count; ++k) document += fields[random() % fields.size()];
      document += "</entry>";
    }
    document += "</feed>";
    if (taken_and_same(document, kHints, document)) ++taken;
    if (HasFailure()) return;
  }
  EXPECT_GT(taken, 120);  // 168 when written
}

}  // namespace
}  // namespace omvarld::feeds
