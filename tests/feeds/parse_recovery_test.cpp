// Documents a lenient reader must still read (wrong or missing encodings,
// HTML entities, broken markup) and documents that are no feed at all.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "feeds/feed_items.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "tests/feeds/testdata.h"

namespace omvarld::feeds {
namespace {

using testing::read_testdata;

struct RecoveryCase {
  const char* fixture;
  std::string content_type;
  std::string encoding;
  std::string title;
  bool bozo;
  std::string bozo_reason;
};

TEST(ParseFeed, DecodesEachEncodingOddity) {
  const RecoveryCase cases[] = {
      {"latin1-declared.xml", "", "iso-8859-1", "Kommun i Östergötland", false, ""},
      {"windows1252-undeclared.xml", "", "windows-1252", "Pris 5 €", true,
       "document declared as utf-8, but parsed as windows-1252"},
      {"utf8-declared-but-latin1.xml", "", "windows-1252", "Tråkigt", true,
       "document declared as utf-8, but parsed as windows-1252"},
      {"utf8-bom-wrong-declaration.xml", "", "utf-8", "BOM vinner: å", false, ""},
      {"utf16le-bom.xml", "", "utf-16le", "Sextonbitars åäö", false, ""},
      {"latin1-declared.xml", "application/rss+xml; charset=ISO-8859-1", "iso-8859-1",
       "Kommun i Östergötland", false, ""},
      {"rss20-basic.xml", "text/xml; charset=\"utf-8\"", "utf-8", "EU-kontoret i Bryssel", false, ""},
      {"leading-whitespace.xml", "", "utf-8", "Inledande blanksteg", false, ""},
  };
  for (const RecoveryCase& c : cases) {
    SCOPED_TRACE(std::string(c.fixture) + " " + c.content_type);
    auto parsed = parse_feed(read_testdata(c.fixture), DocumentHints::at("", c.content_type));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->encoding, c.encoding);
    EXPECT_EQ(parsed->title.value, c.title);
    EXPECT_EQ(parsed->bozo, c.bozo);
    EXPECT_EQ(parsed->bozo_reason, c.bozo_reason);
  }
}

TEST(ParseFeed, ReadsLatin1LabelledCp1252PunctuationAsWindows1252) {
  auto parsed = parse_feed(read_testdata("latin1-declared.xml"), {});
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title.value, "Räksmörgås – “citat”");
}

TEST(ParseFeed, ReplacesUndefinedHtmlEntitiesAndSetsBozo) {
  auto parsed = parse_feed(read_testdata("undefined-entity-nbsp.xml"), {});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title.value, "Myrskylä kunta");
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title.value, "Café\u00a0—… &unknown;");
  EXPECT_TRUE(parsed->bozo);
  EXPECT_EQ(parsed->bozo_reason, "3:15: undefined entity &auml;");
}

TEST(ParseFeed, EscapesBareAmpersandsAndSetsBozo) {
  auto parsed = parse_feed(read_testdata("bare-ampersand.xml"), {});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title.value, "Forskning & innovation");
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title.value, "Q&A");
  EXPECT_EQ(parsed->entries[0].link, "http://k.example/?a=1&b=2");
  EXPECT_TRUE(parsed->bozo);
  EXPECT_EQ(parsed->bozo_reason, "3:18: unescaped '&'");
}

TEST(ParseFeed, LeavesEntitiesInsideCdataAlone) {
  auto parsed = parse_feed(
      "<rss version=\"2.0\"><channel><title><![CDATA[A &nbsp; & B]]></title></channel></rss>", {});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->title.value, "A &nbsp; & B");
  EXPECT_FALSE(parsed->bozo) << parsed->bozo_reason;
}

TEST(ParseFeed, KeepsTheEntriesBeforeAnXmlError) {
  auto parsed = parse_feed(read_testdata("truncated-after-first-item.xml"), {});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->bozo);
  EXPECT_EQ(parsed->bozo_reason, "6:29: Start-end tags mismatch");
  EXPECT_EQ(parsed->unread, "6:29: Start-end tags mismatch: the rest of the document (6 bytes) is not read");
  EXPECT_EQ(parsed->title.value, "Avbruten");
  ASSERT_GE(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title.value, "Första");
}

std::vector<std::string> entry_titles(const ParsedFeed& feed) {
  std::vector<std::string> titles;
  for (const ParsedEntry& entry : feed.entries) titles.push_back(entry.title.value);
  return titles;
}

const std::string kChannel = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>K</title>\n";

std::string item(const std::string& title) { return "<item><title>" + title + "</title></item>\n"; }

// parse_items, the poll's path, reads as parse_feed does and says the same.
void expect_items_as_parsed(const std::string& document, const DocumentHints& hints, const ParsedFeed& parsed) {
  const auto items = parse_items(document, hints, "source");
  ASSERT_TRUE(items) << items.error().message;
  const std::vector<core::Item> want = normalize(parsed, "source");
  ASSERT_EQ(items->items.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(items->items[i].title, want[i].title);
  EXPECT_EQ(items->bozo_reason, parsed.bozo_reason);
  EXPECT_EQ(items->unread, parsed.unread);
}

// XML allows no NUL, and the parser took the first for the document's end:
// the items after it were lost without a word.
TEST(ParseFeed, RemovesNulBytesAndReadsWhatFollowsThem) {
  const std::string document = kChannel + item("Ett") + item(std::string("Tv\0å", 5)) + std::string(1, '\0') +
                               item("Tre") + item("Fyra") + "</channel></rss>\n";
  const auto parsed = parse_feed(document, {});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(entry_titles(*parsed), (std::vector<std::string>{"Ett", "Två", "Tre", "Fyra"}));
  EXPECT_TRUE(parsed->bozo);
  EXPECT_EQ(parsed->bozo_reason, "4:16: NUL bytes (2) removed");
  EXPECT_EQ(parsed->unread, "");
  expect_items_as_parsed(document, {}, *parsed);
}

// Read as a narrow encoding, every other byte of a UTF-16 document is a NUL.
TEST(ParseFeed, ReadsAUtf16DocumentWithABadCodeUnitAsUtf16) {
  const std::u16string text = u"<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel>"
                              u"<item><title>Ett</title></item><item><title>\xD800Två</title></item>"
                              u"<item><title>Tre</title></item></channel></rss>";
  std::string document = "\xFF\xFE";
  for (char16_t unit : text) {
    document += static_cast<char>(unit & 0xFF);
    document += static_cast<char>(unit >> 8);
  }
  const auto parsed = parse_feed(document, {});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->encoding, "utf-16le");
  EXPECT_EQ(entry_titles(*parsed), (std::vector<std::string>{"Ett", "\uFFFDTvå", "Tre"}));
  EXPECT_EQ(parsed->bozo_reason, "invalid utf-16le at byte 224 replaced with U+FFFD (1 code unit)");
  expect_items_as_parsed(document, {}, *parsed);
}

// The parser stops at an error it cannot repair: what came before is read,
// and `unread` says what was not, so that the poll need not call it "ok".
TEST(ParseFeed, SaysWhatItDidNotReadWhenItStopsAtAnError) {
  struct Case {
    const char* name;
    std::string document;
    std::vector<std::string> titles;
    std::string unread;
  };
  const std::string tail = item("Tre") + "</channel></rss>\n";
  const Case cases[] = {
      {"well-formed", kChannel + item("Ett") + tail, {"Ett", "Tre"}, ""},
      {"a mismatched end tag", kChannel + item("Ett") + "<item><title>Två</b></title></item>\n" + tail, {"Ett", "Två"},
       "4:19: Start-end tags mismatch: the rest of the document (67 bytes) is not read"},
      // pugixml takes the rest of the document for the section's text.
      {"an unterminated CDATA section", kChannel + item("Ett") + "<item><title><![CDATA[Två</title></item>\n" + tail,
       {"Ett", "Två</title></item>\n" + item("Tre") + "</channel></rss>"},
       "4:23: Error parsing CDATA section: the rest of the document (69 bytes) is not read"},
      {"an unterminated comment", kChannel + item("Ett") + "<!-- kommentar\n" + tail, {"Ett"},
       "6:17: Error parsing comment: it runs to the end of the document, so nothing after its start is read"},
      {"a truncated document", kChannel + item("Ett") + "<item><title>Tv", {"Ett", "Tv"},
       "4:15: Start-end tags mismatch: the document ends before its elements do, cut short"},
      {"a second document element", kChannel + item("Ett") + tail + "<rss version=\"2.0\"><channel>" + item("Fyra") +
       "</channel></rss>", {"Ett", "Tre"}, "6:2: a second document element, <rss>, is not read"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto parsed = parse_feed(c.document, {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(entry_titles(*parsed), c.titles);
    EXPECT_EQ(parsed->unread, c.unread);
    EXPECT_EQ(parsed->bozo, !c.unread.empty());
    // The reason starts what `unread` says: the parse error, or all of it.
    EXPECT_TRUE(c.unread.starts_with(parsed->bozo_reason)) << parsed->bozo_reason;
    expect_items_as_parsed(c.document, {}, *parsed);
  }
}

TEST(ParseFeed, SaysWhatTheDocumentIsWhenItIsNoFeed) {
  struct Case {
    const char* name;
    std::string body;
    std::string message;
  };
  const Case cases[] = {
      {"login page", read_testdata("html-login-page.html"),
       "not a feed: got an HTML page (<title>Logga in – Intranätet</title>)"},
      {"html without title", "<html><body>hej</body></html>", "not a feed: got an HTML page"},
      {"empty body", "", "not a feed: document is empty"},
      {"only whitespace", " \r\n\t ", "not a feed: document is empty"},
      {"other root", read_testdata("not-a-feed-root.xml"), "not a feed: root element <sitemap>"},
      {"plain text", "Service Unavailable", "not a feed: 1:20: No document element found"},
      {"rdf without rss", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
       "not a feed: root element <rdf:RDF>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto parsed = parse_feed(c.body, {});
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, Errc::kUnparseableFeed);
    EXPECT_EQ(parsed.error().message, c.message);
  }
}

}  // namespace
}  // namespace omvarld::feeds
