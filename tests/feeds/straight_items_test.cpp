// The straight path of parse_items (feeds/rss_items.h): taken for plain
// RSS 2.0 of the kinds polls meet, declined for everything it does not
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
#include "feeds/rss_items.h"
#include "tests/support/process.h"

namespace omvarld::feeds {
namespace {

constexpr ItemIdentity kIdentities[] = {ItemIdentity::kId, ItemIdentity::kLink, ItemIdentity::kContent};

// True when the straight path took the document; then its Items, under
// every identity, are the general path's, which must not be bozo.
bool taken_and_same(const std::string& document, const DocumentHints& hints, const std::string& what) {
  SCOPED_TRACE(what);
  const std::optional<FeedItems> straight = rss_items(document, hints, "source", ItemIdentity::kId);
  if (!straight) return false;
  const auto parsed = parse_feed(document, hints);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return true;
  EXPECT_FALSE(parsed->bozo) << parsed->bozo_reason;
  EXPECT_FALSE(straight->bozo);
  for (ItemIdentity identity : kIdentities) {
    const std::optional<FeedItems> got = rss_items(document, hints, "source", identity);
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

TEST(RssItems, TakesPlainRssAndMakesTheGeneralPathsItems) {
  ASSERT_TRUE(taken_and_same(kTypical, kHints, "typical"));
  const auto items = rss_items(kTypical, kHints, "source", ItemIdentity::kId);
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

TEST(RssItems, TakesOtherEncodingsAfterDecoding) {
  std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
                       "<item><title>F\xF6rskola</title><link>http://example.se/a</link></item></channel></rss>";
  ASSERT_TRUE(taken_and_same(latin1, kHints, "latin-1"));
  EXPECT_EQ(rss_items(latin1, kHints, "source", ItemIdentity::kId)->items[0].title, "Förskola");
}

// Where polisen.se and NBC declare their namespaces: on the channel, and
// again on a channel-level element, whose declarations end with it.
TEST(RssItems, TakesNamespacesDeclaredAroundItsItems) {
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
  EXPECT_EQ(rss_items(document, kHints, "s", ItemIdentity::kId)->items.at(0).title, "09 februari 21:04, Rån väpnat, Sölvesborg");
  // A prefix declared only on an earlier sibling is not declared any more.
  const std::string out_of_scope =
      "<rss version=\"2.0\"><channel><a xmlns:x=\"http://example.com/x\"/><x:b>c</x:b><item/></channel></rss>";
  EXPECT_FALSE(rss_items(out_of_scope, kHints, "s", ItemIdentity::kId).has_value());
}

// One item, with `inside` in it; or, when `inside` starts with '<' and no
// item is wanted, the channel's content.
std::string rss_with_item(const std::string& inside) {
  return "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title>"
         "<item>" + inside + "</item></channel></rss>";
}

TEST(RssItems, DeclinesWhatItDoesNotRead) {
  struct Case {
    const char* why;
    std::string document;
  };
  const std::string atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title></entry></feed>";
  const std::vector<Case> cases = {
      {"Atom", atom},
      {"RSS 1.0", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                  "xmlns=\"http://purl.org/rss/1.0/\"><item><title>x</title></item></rdf:RDF>"},
      {"a DOCTYPE", "<!DOCTYPE rss SYSTEM \"x.dtd\">" + rss_with_item("<title>x</title>")},
      {"an HTML entity to repair", rss_with_item("<title>a&nbsp;b</title>")},
      {"a bare ampersand", rss_with_item("<title>a & b</title>")},
      {"an upper-case X reference", rss_with_item("<title>&#X41;</title>")},
      {"xml:base", rss_with_item("<link xml:base=\"http://other.se/\">a</link>")},
      {"a namespace declared on an item", rss_with_item("<x:y xmlns:x=\"http://x/\">a</x:y>")},
      {"an undeclared prefix", rss_with_item("<foo:title>a</foo:title>")},
      {"markup inside a title", rss_with_item("<title>a <b>b</b></title>")},
      {"a typed description", rss_with_item("<description type=\"text\">a</description>")},
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
    EXPECT_FALSE(rss_items(c.document, hints, "source", ItemIdentity::kId).has_value());
  }
  // The document the declined cases vary is itself taken.
  EXPECT_TRUE(taken_and_same(rss_with_item("<title>x</title>"), kHints, "the plain one"));
}

// The general path reads elements no deeper than kMaxElementDepth and
// flags a document that has deeper ones; the straight path declines it.
TEST(RssItems, DeclinesElementsNestedDeeperThanTheGeneralPathReads) {
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
  EXPECT_FALSE(rss_items(nested_in_channel(kMaxElementDepth - 2), kHints, "source", ItemIdentity::kId));
  // Nor more namespace declarations in scope than a feed makes (64).
  const auto declaring = [](const std::string& name, int from, int count = 16) {
    std::string tag = "<" + name;
    for (int i = from; i < from + count; ++i) tag += " xmlns:n" + std::to_string(i) + "=\"urn:" + std::to_string(i) + "\"";
    return tag + ">";
  };
  const std::string many = "<rss version=\"2.0\"" + declaring("", 0, 15).substr(1) + declaring("channel", 16) +
                           declaring("x", 32) + declaring("y", 48) + declaring("z", 64) +
                           "</z></y></x><item><title>a</title></item></channel></rss>";
  EXPECT_FALSE(rss_items(many, kHints, "source", ItemIdentity::kId));
  const std::string enough = "<rss version=\"2.0\"" + declaring("", 0, 15).substr(1) + declaring("channel", 16) +
                             declaring("x", 32) + declaring("y", 48) +
                             "</y></x><item><title>a</title></item></channel></rss>";
  EXPECT_TRUE(taken_and_same(enough, kHints, "63 declarations"));
  const auto parsed = parse_feed(nested_in_channel(kMaxElementDepth - 2), kHints);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->bozo_reason, "elements nested more than 256 deep (<x>): the deeper ones read as text");
}

TEST(RssItems, ChecksTheWholeDocumentNotOnlyItsStart) {
  // Past the first pieces the text is checked as the reading gets there.
  std::string document = "<rss version=\"2.0\"><channel>";
  for (int i = 0; i < 2000; ++i) {
    document += "<item><title>Nyhet " + std::to_string(i) + " om förskolan</title><link>http://example.se/" +
                std::to_string(i) + "</link></item>";
  }
  const std::string ending = "</channel></rss>";
  ASSERT_GT(document.size(), 100'000u);
  EXPECT_TRUE(taken_and_same(document + ending, kHints, "valid"));
  EXPECT_FALSE(rss_items(document + "<item><title>\xC3</title></item>" + ending, kHints, "s", ItemIdentity::kId));
  EXPECT_FALSE(rss_items(document + std::string("<!-- \0 -->", 10) + ending, kHints, "s", ItemIdentity::kId));
  EXPECT_FALSE(rss_items(document + ending + "\xE2\x82", kHints, "s", ItemIdentity::kId));
}

// Found by the fuzzer: the general path's entity repair took "<!-->" for a
// whole comment, as HTML does, and flagged the '&' in what pugixml and the
// straight path read as the comment's text.
TEST(RssItems, ReadsACommentOpenedByArrowAsTheGeneralPathDoes) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  const std::string document = testing::read_whole_file(source / "tests/testdata/fuzz/comment-opened-by-arrow.xml");
  EXPECT_TRUE(taken_and_same(document, kHints, "<!-->"));
  EXPECT_TRUE(taken_and_same("<!--->a & b-->" + rss_with_item("<title>x</title>"), kHints, "<!--->"));
}

TEST(RssItems, EqualsTheGeneralPathOnEveryCorpusDocumentItTakes) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  int documents = 0;
  int taken = 0;
  for (const char* dir : {"tests/conformance/feedparser/cases", "tests/testdata", "examples/feeds"}) {
    for (const auto& file : std::filesystem::recursive_directory_iterator(source / dir)) {
      if (!file.is_regular_file() || file.path().extension() != ".xml") continue;
      ++documents;
      if (taken_and_same(testing::read_whole_file(file.path()), kHints, file.path().string())) ++taken;
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(documents, 2100);
  EXPECT_GT(taken, 450);  // 469 when written: the straight path is not a rarity
}

// The corpus documents the straight path takes, mutated as a fuzzer would:
// markup tokens inserted, parts copied and cut out. Taken or declined,
// the straight path must not read a document otherwise than the general
// path (it is how the fuzzer found "<!-->").
TEST(RssItems, EqualsTheGeneralPathOnMutatedDocuments) {
  const std::filesystem::path source(OMVARLD_SOURCE_DIR);
  std::vector<std::string> documents;
  for (const char* dir : {"tests/conformance/feedparser/cases", "tests/testdata", "examples/feeds"}) {
    for (const auto& file : std::filesystem::recursive_directory_iterator(source / dir)) {
      if (!file.is_regular_file() || file.path().extension() != ".xml" || file.file_size() > 16'384) continue;
      std::string document = testing::read_whole_file(file.path());
      if (rss_items(document, kHints, "s", ItemIdentity::kId)) documents.push_back(std::move(document));
    }
  }
  ASSERT_GT(documents.size(), 400u);
  const std::vector<std::string> tokens = {
      "<!--", "-->", "<!-->", "<![CDATA[", "]]>", "<?", "?>", "<?xml ", "<?pi x?>", "&amp;", "&lt;", "&#x", "&#",
      ";", "\r", "\r\n", "&", "<", ">", "/>", "</", "xmlns:", "xmlns=\"", "xml:base=\"", "=\"", "\"", "'",
      "<!DOCTYPE", "<item>", "</item>", "<title>", "</title>", "<link>", "</link>", "<guid>", "</guid>",
      "<description>", "</description>", "<content:encoded>", "\xC3\xA9", "\xE9", std::string(1, '\0'), " ",
      "\t", "&nbsp;", "&#233;", "&#X41;", "http://", "/../", "#", "?utm_source=x", "<pubDate>", "GMT",
      "isPermaLink=\"false\"", "<br>", "<p>", "<script>"};
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

// Random RSS items mixing what the straight path reads (repeated titles and
// links, guids as links or not, dates of every kind, descriptions before
// and after content, CDATA, comments and line ends inside text) with what
// makes it decline; taken or not, the Items must not differ.
TEST(RssItems, EqualsTheGeneralPathOnGeneratedItems) {
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
  int taken = 0;
  for (int n = 0; n < 600; ++n) {
    std::string document =
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\" "
        "xmlns:x=\"http://example.com/x\"><channel><title>t</title>";
    for (int i = 0; i < 3; ++i) {
      document += "<item>";
      const int count = static_cast<int>(random() % 7);
      for (int k = 0; k < count; ++k) document += fields[random() % fields.size()];
      document += "</item>";
    }
    document += "</channel></rss>";
    if (taken_and_same(document, kHints, document)) ++taken;
    if (HasFailure()) return;
  }
  EXPECT_GT(taken, 100);
}

}  // namespace
}  // namespace omvarld::feeds
