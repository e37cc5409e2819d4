// One test group per format: the fields of feed.h read from a small,
// well-formed fixture of that format.

#include <gtest/gtest.h>

#include "core/dates.h"
#include "feeds/parser.h"
#include "tests/feeds/testdata.h"

namespace omvarld::feeds {
namespace {

using testing::read_testdata;

ParsedFeed parse_fixture(std::string_view name, DocumentHints hints = {}) {
  auto parsed = parse_feed(read_testdata(name), hints);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : ParsedFeed{};
}

std::string date_of(const Date& date) { return date.value ? core::format_rfc3339(*date.value) : "(none)"; }

TEST(ParseRss20, ReadsChannelFields) {
  const ParsedFeed feed = parse_fixture("rss20-basic.xml");
  EXPECT_FALSE(feed.bozo) << feed.bozo_reason;
  EXPECT_EQ(feed.version, "rss20");
  EXPECT_EQ(feed.encoding, "utf-8");
  EXPECT_EQ(feed.title.value, "EU-kontoret i Bryssel");
  EXPECT_EQ(feed.title.type, "text/plain");
  EXPECT_EQ(feed.link, "https://example.se/nyheter");
  EXPECT_EQ(feed.subtitle.value, "Nyheter om <b>EU</b>-finansiering");
  EXPECT_EQ(feed.subtitle.type, "text/html");
  EXPECT_EQ(feed.language, "sv");
  EXPECT_EQ(feed.updated.raw, "Tue, 03 Nov 2026 10:00:00 +0100");
  EXPECT_EQ(date_of(feed.updated), "2026-11-03T09:00:00Z");
  ASSERT_EQ(feed.links.size(), 2u);
  EXPECT_EQ(feed.links[1].rel, "self");
  EXPECT_EQ(feed.links[1].href, "https://example.se/feed.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
}

TEST(ParseRss20, ReadsItemFields) {
  const ParsedFeed feed = parse_fixture("rss20-basic.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
  const ParsedEntry& entry = feed.entries[0];
  EXPECT_EQ(entry.id, "urn:example:1");
  EXPECT_EQ(entry.title.value, "Erasmus+ öppnar ny utlysning");
  EXPECT_EQ(entry.link, "https://example.se/nyheter/erasmus");
  EXPECT_EQ(entry.summary.value, "<p>Skolor kan söka <b>bidrag</b>.</p>");
  EXPECT_EQ(entry.summary.type, "text/html");
  ASSERT_EQ(entry.content.size(), 1u);
  EXPECT_EQ(entry.content[0].value, "<p>Hela texten om Erasmus+.</p>");
  EXPECT_EQ(entry.content[0].type, "text/html");
  EXPECT_EQ(date_of(entry.published), "2026-11-02T08:30:00Z");
  EXPECT_EQ(entry.author, "Anna Andersson");
  EXPECT_EQ(entry.tags, (std::vector<Tag>{{"utbildning", "", ""}, {"eu", "", ""}}));
}

TEST(ParseRss20, FallsBackToGuidWhenLinkIsMissing) {
  const ParsedFeed feed = parse_fixture("rss20-basic.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
  const ParsedEntry& entry = feed.entries[1];
  EXPECT_EQ(entry.link, "https://example.se/nyheter/2");
  EXPECT_EQ(entry.id, "https://example.se/nyheter/2");
  EXPECT_EQ(entry.author, "redaktion@example.se (Redaktionen)");
  EXPECT_TRUE(entry.published.raw.empty());
  EXPECT_EQ(date_of(entry.updated), "2026-11-01T11:00:00Z");
}

TEST(ParseRss20, DoesNotUseAGuidThatIsNotAPermalinkAsLink) {
  const ParsedFeed feed = parse_fixture("rss20-basic.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "https://example.se/nyheter/erasmus");  // from <link>
  auto parsed = parse_feed(
      "<rss version=\"2.0\"><channel><item><guid isPermaLink=\"false\">urn:x</guid></item></channel></rss>", {});
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].link, "");
}

TEST(ParseRss20, ResolvesNamespacesByUriNotByPrefix) {
  const ParsedFeed feed = parse_fixture("rss20-prefixed-atom-other-prefix.xml");
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_EQ(feed.entries[0].content.size(), 1u);
  EXPECT_EQ(feed.entries[0].content[0].value, "riktig content");
  EXPECT_EQ(feed.entries[0].author, "Rätt");
}

TEST(ParseRss20, ReadsConventionalPrefixesThatWereNeverDeclared) {
  const ParsedFeed feed = parse_fixture("rss20-no-namespace-decl.xml");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(date_of(feed.entries[0].updated), "2026-01-05T10:00:00Z");
  ASSERT_EQ(feed.entries[0].content.size(), 1u);
  EXPECT_EQ(feed.entries[0].content[0].value, "<p>Text</p>");
}

TEST(ParseRss20, NamesEachVersionAsFeedparserDoes) {
  struct Case {
    const char* name;
    std::string document;
    const char* version;
  };
  const Case cases[] = {
      {"2.0", "<rss version=\"2.0\"><channel/></rss>", "rss20"},
      {"2.01", "<rss version=\"2.01\"><channel/></rss>", "rss20"},
      {"0.91 UserLand", "<rss version=\"0.91\"><channel/></rss>", "rss091u"},
      {"0.91 Netscape", read_testdata("rss091-netscape.xml"), "rss091n"},
      {"0.92", "<rss version=\"0.92\"><channel/></rss>", "rss092"},
      {"no version", "<rss><channel/></rss>", "rss"},
      {"RSS 1.0", read_testdata("rss10-rdf.xml"), "rss10"},
      {"RSS 0.90",
       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
       "xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel/></rdf:RDF>",
       "rss090"},
      {"Atom 1.0", read_testdata("atom10-basic.xml"), "atom10"},
      {"Atom 0.3", read_testdata("atom03-basic.xml"), "atom03"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto parsed = parse_feed(c.document, {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->version, c.version);
  }
}

TEST(ParseRss20, TakesTheLinkFromAtomLinkWhenItemHasNoLinkNorGuid) {
  const ParsedFeed feed = parse_fixture("rss20-atom-link-only-dotnet.xml");
  EXPECT_EQ(feed.link, "https://gov.example/");
  ASSERT_EQ(feed.entries.size(), 1u);
  const ParsedEntry& entry = feed.entries[0];
  EXPECT_EQ(entry.link, "https://gov.example/press/5");
  ASSERT_EQ(entry.links.size(), 1u);
  EXPECT_EQ(entry.author, "Jane Doe (jane@gov.example)");
  EXPECT_EQ(date_of(entry.published), "2020-05-14T10:00:18Z");
  EXPECT_EQ(date_of(entry.updated), "2020-05-14T11:00:18Z");
}

TEST(ParseAtom10, ReadsAFeedWrappedInAnXhtmlPage) {
  const ParsedFeed feed = parse_fixture("atom10-inside-xhtml-page.xml");
  EXPECT_EQ(feed.version, "atom10");
  EXPECT_EQ(feed.title.value, "Inbäddad");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "http://blog.example/1");
}

TEST(ParseAtom10, ReadsFeedFields) {
  const ParsedFeed feed = parse_fixture("atom10-basic.xml");
  EXPECT_FALSE(feed.bozo) << feed.bozo_reason;
  EXPECT_EQ(feed.title.value, "SKR nyheter");
  EXPECT_EQ(feed.title.type, "text/plain");
  EXPECT_EQ(feed.subtitle.value, "Om <em>kommuner</em>");
  EXPECT_EQ(feed.subtitle.type, "text/html");
  EXPECT_EQ(feed.link, "https://skr.example/nyheter");
  EXPECT_EQ(feed.links.size(), 2u);
  EXPECT_EQ(feed.id, "urn:uuid:feed-1");
  EXPECT_EQ(feed.language, "sv");
  EXPECT_EQ(date_of(feed.updated), "2026-11-03T09:00:00Z");
}

TEST(ParseAtom10, ReadsEntryFields) {
  const ParsedFeed feed = parse_fixture("atom10-basic.xml");
  ASSERT_EQ(feed.entries.size(), 1u);
  const ParsedEntry& entry = feed.entries[0];
  EXPECT_EQ(entry.id, "urn:uuid:entry-1");
  EXPECT_EQ(entry.title.value, "Budget &amp; ekonomi");
  EXPECT_EQ(entry.title.type, "text/html");
  EXPECT_EQ(entry.link, "https://skr.example/nyheter/budget");
  ASSERT_EQ(entry.links.size(), 2u);
  EXPECT_EQ(entry.links[1].rel, "enclosure");
  EXPECT_EQ(entry.links[1].type, "application/pdf");
  EXPECT_EQ(entry.summary.value, "Kort om budgeten");
  EXPECT_EQ(entry.summary.type, "text/plain");
  ASSERT_EQ(entry.content.size(), 1u);
  EXPECT_EQ(entry.content[0].type, "application/xhtml+xml");
  EXPECT_EQ(entry.content[0].value, "<p>Lång <b>text</b></p>");
  EXPECT_EQ(date_of(entry.published), "2026-11-02T07:00:00Z");
  EXPECT_EQ(date_of(entry.updated), "2026-11-03T07:00:00Z");
  EXPECT_EQ(entry.author, "Karin (karin@skr.example)");
  EXPECT_EQ(entry.tags, (std::vector<Tag>{{"ekonomi", "", ""}}));
}

TEST(ParseAtom10, ResolvesLinksAgainstNestedXmlBase) {
  const ParsedFeed feed = parse_fixture("relative-links-xml-base.xml",
                                        DocumentHints::at("http://ignored.example/feed.xml"));
  EXPECT_EQ(feed.link, "http://base.example/blog/index.html");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "http://base.example/blog/post.html?x=1#top");
  EXPECT_EQ(feed.entries[1].link, "http://other.example/root.html");
}

TEST(ParseAtom03, MapsDraftNamesToAtom10Fields) {
  const ParsedFeed feed = parse_fixture("atom03-basic.xml");
  EXPECT_EQ(feed.subtitle.value, "Utkastet");
  EXPECT_EQ(date_of(feed.updated), "2004-01-01T00:00:00Z");
  ASSERT_EQ(feed.entries.size(), 1u);
  const ParsedEntry& entry = feed.entries[0];
  EXPECT_EQ(entry.link, "http://old.example/1");
  EXPECT_EQ(date_of(entry.published), "2004-01-01T09:00:00Z");
  EXPECT_EQ(date_of(entry.updated), "2004-01-02T00:00:00Z");
  ASSERT_EQ(entry.content.size(), 1u);
  EXPECT_EQ(entry.content[0].type, "text/html");
  EXPECT_EQ(entry.content[0].value, "<p>Hej</p>");
}

TEST(ParseRss10, ReadsChannelAndItemsBesideIt) {
  const ParsedFeed feed = parse_fixture("rss10-rdf.xml");
  EXPECT_FALSE(feed.bozo) << feed.bozo_reason;
  EXPECT_EQ(feed.title.value, "Security advisories");
  EXPECT_EQ(date_of(feed.updated), "2026-11-03T00:00:00Z");
  ASSERT_EQ(feed.entries.size(), 1u);
  const ParsedEntry& entry = feed.entries[0];
  EXPECT_EQ(entry.id, "https://security.example/dsa-1");
  EXPECT_EQ(entry.title.value, "DSA-1 openssl");
  EXPECT_EQ(entry.link, "https://security.example/dsa-1");
  EXPECT_EQ(entry.summary.value, "security update");
  EXPECT_EQ(date_of(entry.updated), "2026-11-02T10:00:00Z");
}

TEST(ParseRss20, ResolvesRelativeLinksAgainstTheDocumentUrl) {
  const ParsedFeed feed = parse_fixture("relative-links-document-url.xml",
                                        DocumentHints::at("https://kommun.example/rss/feed.xml"));
  EXPECT_EQ(feed.link, "https://kommun.example/");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://kommun.example/rss/nyheter/1.html");
}

}  // namespace
}  // namespace omvarld::feeds
