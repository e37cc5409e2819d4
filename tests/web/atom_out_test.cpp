// The Atom composer (web/atom_out.h), pure: XML escaping without the
// characters XML 1.0 forbids, stable entry ids, categories per term and
// topic, the bound; and the feed read back by omvarld's own feed parser.

#include "web/atom_out.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "feeds/feed_items.h"

namespace omvarld::web {
namespace {

core::TimePoint at(std::int64_t seconds) { return core::TimePoint{std::chrono::seconds{seconds}}; }

storage::NamndItem news(std::int64_t id) {
  storage::NamndItem made;
  made.stored.id = id;
  made.stored.first_seen = at(1'800'000'000 + id);
  made.stored.item.title = "Nyhet " + std::to_string(id);
  made.stored.item.link = "https://www.linkoping.se/nyhet/" + std::to_string(id);
  made.stored.item.summary = "Om förskolan.";
  made.stored.item.published = at(1'799'990'000);
  made.match = {"linkoping/utbildning", {"förskola", "skolval"}, {"skola"}, {}};
  made.source_name = "Linköpings kommun";
  return made;
}

const NewsFeed kFeed{"linkoping/utbildning", "Utbildningsnämnden", "", at(1'800'500'000)};

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

TEST(XmlText, EscapesMarkupAndRemovesWhatXmlForbids) {
  EXPECT_EQ(xml_text("<b>\"A\" & 'B'</b>"), "&lt;b&gt;&quot;A&quot; &amp; &apos;B&apos;&lt;/b&gt;");
  EXPECT_EQ(xml_text("a\x01" "b\x0B" "c\x1F" "d\x7F"), "ab\nc" "d");  // VT breaks a line
  EXPECT_EQ(xml_text("x\xEF\xBF\xBEy"), "xy");  // U+FFFE is no XML character
  EXPECT_EQ(xml_text("bad \xC3"), "bad \xEF\xBF\xBD");
  EXPECT_EQ(xml_text("Förskola – bra"), "Förskola – bra");
}

TEST(NamndSegment, IsOnePercentEncodedPathSegment) {
  EXPECT_EQ(namnd_segment("linkoping/utbildning"), "linkoping%2Futbildning");
  EXPECT_EQ(namnd_segment("norrköping/a b"), "norrk%C3%B6ping%2Fa%20b");
}

TEST(ComposeAtom, WritesAFeedWithStableIdsCategoriesAndASelfLink) {
  const std::vector<storage::NamndItem> items = {news(2), news(1)};
  const std::string atom = compose_atom(kFeed, items);
  EXPECT_EQ(atom.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                       "xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">",
                       0),
            0u);
  EXPECT_NE(atom.find("<id>tag:omvarld,2026:namnd/linkoping%2Futbildning</id>"),
            std::string::npos);
  EXPECT_NE(atom.find("<title type=\"text\">Nyheter – Utbildningsnämnden</title>"),
            std::string::npos);
  EXPECT_NE(atom.find("<link rel=\"self\" type=\"application/atom+xml\" "
                      "href=\"/namnd/linkoping%2Futbildning/nyheter.atom\"/>"),
            std::string::npos);
  EXPECT_NE(atom.find("<link rel=\"alternate\" type=\"text/html\" "
                      "href=\"/namnd/linkoping%2Futbildning\"/>"),
            std::string::npos);
  // The feed was last updated when its newest entry was.
  EXPECT_NE(atom.find("<updated>2027-01-15T08:00:02Z</updated>\n<link"), std::string::npos);
  EXPECT_LT(atom.find("<id>tag:omvarld,2026:item/2</id>"),
            atom.find("<id>tag:omvarld,2026:item/1</id>"));
  EXPECT_NE(atom.find("<category term=\"förskola\" scheme=\"tag:omvarld,2026:term\"/>"),
            std::string::npos);
  EXPECT_NE(atom.find("<category term=\"skola\" scheme=\"tag:omvarld,2026:topic\"/>"),
            std::string::npos);
  EXPECT_EQ(count(atom, "<category "), 6u);
  EXPECT_NE(atom.find("<published>2027-01-15T05:13:20Z</published>"), std::string::npos);
  EXPECT_NE(atom.find("<author><name>Linköpings kommun</name></author>"), std::string::npos);

  const NewsFeed absolute{kFeed.namnd, kFeed.namnd_name, "https://omvarld.linkoping.se/", kFeed.now};
  EXPECT_NE(compose_atom(absolute, items)
                .find("href=\"https://omvarld.linkoping.se/namnd/linkoping%2Futbildning/"
                      "nyheter.atom\""),
            std::string::npos);
}

TEST(ComposeAtom, AnUpdatedItemKeepsItsIdWithANewerUpdated) {
  storage::NamndItem item = news(7);
  const std::string before = compose_atom(kFeed, std::vector{item});
  item.updated_at = item.stored.first_seen + std::chrono::hours{1};
  const std::string after = compose_atom(kFeed, std::vector{item});
  EXPECT_NE(before.find("<id>tag:omvarld,2026:item/7</id>"), std::string::npos);
  EXPECT_NE(after.find("<id>tag:omvarld,2026:item/7</id>"), std::string::npos);
  EXPECT_NE(before.find("<updated>2027-01-15T08:00:07Z</updated>"), std::string::npos);
  EXPECT_NE(after.find("<updated>2027-01-15T09:00:07Z</updated>"), std::string::npos);
}

TEST(ComposeAtom, HostileTextStaysTextAndOnlyWebLinksBecomeLinks) {
  storage::NamndItem hostile = news(3);
  hostile.stored.item.title = "<script>alert(1)</script> & \x01 ]]>";
  hostile.stored.item.summary = "<img src=x onerror=alert(1)>";
  hostile.stored.item.link = "javascript:alert(1)";
  hostile.match.terms = {"\"><x"};
  const std::string atom = compose_atom(kFeed, std::vector{hostile});
  EXPECT_EQ(atom.find("<script"), std::string::npos);
  EXPECT_EQ(atom.find("<img"), std::string::npos);
  EXPECT_EQ(atom.find('\x01'), std::string::npos);
  EXPECT_NE(atom.find("<title type=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; &amp;  ]]&gt;"),
            std::string::npos);
  EXPECT_EQ(atom.find("javascript:"), std::string::npos);
  // Without a link an entry carries its text as content (RFC 4287 §4.1.2).
  EXPECT_NE(atom.find("<content type=\"text\">&lt;img src=x onerror=alert(1)&gt;</content>"),
            std::string::npos);
  EXPECT_NE(atom.find("<category term=\"&quot;&gt;&lt;x\""), std::string::npos);
}

TEST(ComposeAtom, StopsAtTheBound) {
  std::vector<storage::NamndItem> many;
  for (std::size_t i = 0; i < kMaxFeedEntries + 20; ++i) many.push_back(news(static_cast<int>(i)));
  EXPECT_EQ(count(compose_atom(kFeed, many), "<entry>"), kMaxFeedEntries);
  // An empty feed is still a feed, updated now.
  EXPECT_NE(compose_atom(kFeed, {}).find("<updated>2027-01-21T02:53:20Z</updated>"),
            std::string::npos);
}

TEST(ComposeAtom, OurOwnParserReadsItBack) {
  storage::NamndItem odd = news(2);
  odd.stored.item.title = "Bidrag & <stöd> för \"förskolor\"";
  odd.stored.item.summary = "Rad ett.\nRad två – med å, ä och ö.";
  const std::vector<storage::NamndItem> items = {odd, news(1)};
  auto read = feeds::parse_items(compose_atom(kFeed, items),
                                 feeds::DocumentHints::at("https://omvarld.example/feed"),
                                 "omvarld-out");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read->bozo) << read->bozo_reason;
  ASSERT_EQ(read->items.size(), 2u);
  EXPECT_EQ(read->items[0].title, "Bidrag & <stöd> för \"förskolor\"");
  EXPECT_EQ(read->items[0].link, "https://www.linkoping.se/nyhet/2");
  EXPECT_EQ(read->items[0].key, "tag:omvarld,2026:item/2");
  EXPECT_EQ(read->items[0].summary, "Rad ett. Rad två – med å, ä och ö.");
  EXPECT_EQ(read->items[0].published, at(1'799'990'000));
  EXPECT_EQ(read->items[1].title, "Nyhet 1");
}

}  // namespace
}  // namespace omvarld::web
