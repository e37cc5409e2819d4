// The typed fields of feed.h as feedparser reports them: one small document
// per case, one value read back from the ParsedFeed. The documents are
// inline so each case shows the element it is about.

#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "feeds/feed_json.h"
#include "feeds/parser.h"

namespace omvarld::feeds {
namespace {

struct Case {
  const char* name;
  const char* document;
  std::function<std::string(const ParsedFeed&)> read;
  const char* expected;
};

std::string rss_item(const std::string& inner) {
  return "<rss version=\"2.0\"><channel><title>T</title><item>" + inner + "</item></channel></rss>";
}

std::string atom_entry(const std::string& inner) {
  return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>" + inner + "</entry></feed>";
}

const ParsedEntry& first(const ParsedFeed& feed) { return feed.entries.at(0); }

TEST(ParseFields, ReadsEachFieldAsFeedparserReportsIt) {
  const std::string item_author = rss_item("<author>jane@example.com (Jane Doe)</author>");
  const std::string atom_author = atom_entry(
      "<author><name>Jane</name><email>jane@example.com</email><uri>/jane</uri></author>");
  const std::string category = rss_item("<category domain=\"http://s/\">Kultur</category>");
  const std::string atom_category = atom_entry("<category term=\"t\" scheme=\"s\" label=\"L\"/>");
  const std::string enclosure = rss_item("<enclosure url=\"http://e/a.mp3\" length=\"12\" type=\"audio/mpeg\"/>");
  const std::string guid = rss_item("<guid>http://example.com/1</guid>");
  const std::string guid_not_link = rss_item("<guid isPermaLink=\"false\">x1</guid>");
  const std::string base = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://b.example/d/\" "
                           "xml:lang=\"sv\"><entry><title type=\"html\">&lt;b&gt;x&lt;/b&gt;</title>"
                           "<link href=\"p.html\"/></entry></feed>";
  const std::string image = "<rss version=\"2.0\"><channel><image><url>http://i/l.png</url><title>Logo</title>"
                            "<width>88</width><height>31</height></image></channel></rss>";
  const std::string source = atom_entry("<source><title>Ursprung</title><id>urn:s</id></source>");
  const std::string content = atom_entry("<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
                                         "<p>Hej &amp; hå</p></div></content>");
  const std::string dc = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                         "<dc:publisher>Kommunen</dc:publisher><dc:rights>CC0</dc:rights><item>"
                         "<dc:subject>Skola</dc:subject></item></channel></rss>";
  const std::string generator = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><generator uri=\"/g\" "
                                "version=\"1.0\">Gen</generator></feed>";
  const std::string precedence = atom_entry("<title>Rätt</title><source><title>Fel</title></source>");
  const std::string description_twice = rss_item("<description>Kort</description><description>Lång</description>");
  const std::vector<Case> cases = {
      {"RSS author keeps its text", item_author.c_str(), [](const ParsedFeed& f) { return first(f).author; },
       "jane@example.com (Jane Doe)"},
      {"RSS author is split into name and email", item_author.c_str(),
       [](const ParsedFeed& f) { return first(f).author_detail->name + "|" + first(f).author_detail->email; },
       "Jane Doe|jane@example.com"},
      {"Atom author is \"name (email)\" with an absolute uri", atom_author.c_str(),
       [](const ParsedFeed& f) { return first(f).author + "|" + first(f).authors.at(0).href; },
       "Jane (jane@example.com)|http://doc.example/jane"},
      {"RSS category domain is the scheme", category.c_str(),
       [](const ParsedFeed& f) { return first(f).tags.at(0).term + "|" + first(f).tags.at(0).scheme; },
       "Kultur|http://s/"},
      {"Atom category has term, scheme and label", atom_category.c_str(),
       [](const ParsedFeed& f) {
         const Tag& t = first(f).tags.at(0);
         return t.term + "|" + t.scheme + "|" + t.label;
       },
       "t|s|L"},
      {"enclosure is a link with rel=enclosure", enclosure.c_str(),
       [](const ParsedFeed& f) {
         const Link& l = first(f).links.at(0);
         return l.rel + "|" + l.href + "|" + l.length + "|" + l.type;
       },
       "enclosure|http://e/a.mp3|12|audio/mpeg"},
      {"a permalink guid is the link", guid.c_str(),
       [](const ParsedFeed& f) { return first(f).link + "|" + (*first(f).guidislink ? "true" : "false"); },
       "http://example.com/1|true"},
      {"a guid with isPermaLink=false is no link", guid_not_link.c_str(),
       [](const ParsedFeed& f) { return first(f).link + "|" + first(f).id; }, "|x1"},
      {"detail carries type, xml:lang and xml:base", base.c_str(),
       [](const ParsedFeed& f) {
         const Text& t = first(f).title;
         return t.type + "|" + t.language + "|" + t.base + "|" + t.value;
       },
       "text/html|sv|http://b.example/d/|<b>x</b>"},
      {"links resolve against xml:base", base.c_str(), [](const ParsedFeed& f) { return first(f).link; },
       "http://b.example/d/p.html"},
      {"image has href, title and integer size", image.c_str(),
       [](const ParsedFeed& f) {
         const Fields& i = f.image.at(0);
         return i.href + "|" + i.title.value + "|" + std::to_string(*i.width) + "x" + std::to_string(*i.height);
       },
       "http://i/l.png|Logo|88x31"},
      {"Atom source is kept apart from the entry", source.c_str(),
       [](const ParsedFeed& f) { return first(f).source.at(0).title.value + "|" + first(f).source.at(0).id; },
       "Ursprung|urn:s"},
      {"XHTML content loses its wrapping div and stays escaped", content.c_str(),
       [](const ParsedFeed& f) { return first(f).content.at(0).type + "|" + first(f).content.at(0).value; },
       "application/xhtml+xml|<p>Hej &amp; hå</p>"},
      {"dc:publisher, dc:rights and dc:subject", dc.c_str(),
       [](const ParsedFeed& f) { return f.publisher + "|" + f.rights.value + "|" + first(f).tags.at(0).term; },
       "Kommunen|CC0|Skola"},
      {"generator has name, href and version", generator.c_str(),
       [](const ParsedFeed& f) {
         return f.generator + "|" + f.generator_detail->name + "|" + f.generator_detail->version;
       },
       "Gen|Gen|1.0"},
      {"the entry's own title beats the source's", precedence.c_str(),
       [](const ParsedFeed& f) { return first(f).title.value; }, "Rätt"},
      {"a second description becomes content", description_twice.c_str(),
       [](const ParsedFeed& f) { return first(f).summary.value + "|" + first(f).content.at(0).value; },
       "Kort|Lång"},
      {"CDF channel and items", "<CHANNEL HREF=\"http://c/\"><TITLE>Kanal</TITLE><ITEM HREF=\"http://c/1\">"
                                "<ABSTRACT>Om</ABSTRACT></ITEM></CHANNEL>",
       [](const ParsedFeed& f) { return f.version + "|" + f.link + "|" + first(f).link + "|" + first(f).summary.value; },
       "cdf|http://c/|http://c/1|Om"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto parsed = parse_feed(c.document, DocumentHints::at("http://doc.example/feed.xml"));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_FALSE(parsed->bozo) << parsed->bozo_reason;
    EXPECT_EQ(c.read(*parsed), c.expected);
  }
}

TEST(ParseFields, ContentLanguageIsTheDefaultLanguage) {
  DocumentHints hints = DocumentHints::at("http://doc.example/feed.xml");
  hints.content_language = "sv";
  auto parsed = parse_feed("<rss version=\"2.0\"><channel><title>T</title></channel></rss>", hints);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->language, "sv");
  EXPECT_EQ(parsed->title.language, "sv");
}

TEST(ParseFields, AnUndeclaredPrefixMakesTheDocumentBozo) {
  auto parsed = parse_feed("<rss version=\"2.0\"><channel><itunes:subtitle>S</itunes:subtitle></channel></rss>", {});
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->bozo);
  EXPECT_EQ(parsed->bozo_reason, "undeclared namespace prefix itunes");
}

TEST(ParseFields, PrintsDerivedEnclosuresAndLicense) {
  auto parsed = parse_feed(atom_entry("<link rel=\"license\" href=\"http://l/\"/>"
                                      "<link rel=\"enclosure\" href=\"http://e/x\" length=\"3\"/>"),
                           {});
  ASSERT_TRUE(parsed);
  const std::string json = to_json(*parsed);
  EXPECT_NE(json.find(R"("enclosures":[{"href":"http://e/x","type":"text/html","length":"3"}])"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("license":"http://l/")"), std::string::npos) << json;
}

}  // namespace
}  // namespace omvarld::feeds
