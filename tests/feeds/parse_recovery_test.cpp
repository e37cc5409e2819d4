// Documents a lenient reader must still read (wrong or missing encodings,
// HTML entities, broken markup) and documents that are no feed at all.

#include <gtest/gtest.h>

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
  EXPECT_EQ(parsed->title.value, "Avbruten");
  ASSERT_GE(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title.value, "Första");
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
