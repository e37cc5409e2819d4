// parse_items (feeds/feed_items.h), the poll's parse + normalize in one pass,
// against what it must equal: normalize(parse_feed(…)), Item for Item, on
// the real documents, on generated ones that mix what the reader treats
// differently (titles, descriptions, content, Atom types, repeated ids,
// nested items), and for documents that are no feed. And the sanitizer
// shortcut it takes, sanitizing_keeps_text, against clean_html itself.

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "feeds/feed_items.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "markup/html_sanitize.h"
#include "markup/html_text.h"
#include "tests/support/process.h"

namespace omvarld::feeds {
namespace {

constexpr ItemIdentity kIdentities[] = {ItemIdentity::kId, ItemIdentity::kLink, ItemIdentity::kContent};

// Both paths over one document; a failure names the first difference.
void expect_same_items(const std::string& document, const DocumentHints& hints, const std::string& what) {
  SCOPED_TRACE(what);
  const auto parsed = parse_feed(document, hints);
  for (ItemIdentity identity : kIdentities) {
    const auto streamed = parse_items(document, hints, "source", identity);
    ASSERT_EQ(parsed.has_value(), streamed.has_value());
    if (!parsed) {
      EXPECT_EQ(parsed.error().message, streamed.error().message);
      continue;
    }
    EXPECT_EQ(parsed->bozo, streamed->bozo);
    EXPECT_EQ(parsed->bozo_reason, streamed->bozo_reason);
    const std::vector<core::Item> expected = normalize(*parsed, "source", identity);
    ASSERT_EQ(expected.size(), streamed->items.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const core::Item& want = expected[i];
      const core::Item& got = streamed->items[i];
      SCOPED_TRACE("item " + std::to_string(i));
      EXPECT_EQ(want.source, got.source);
      EXPECT_EQ(want.key, got.key);
      EXPECT_EQ(want.title, got.title);
      EXPECT_EQ(want.link, got.link);
      EXPECT_EQ(want.summary, got.summary);
      EXPECT_EQ(want.content, got.content);
      EXPECT_EQ(want.published, got.published);
      EXPECT_EQ(want.canonical_link, got.canonical_link);
    }
  }
}

TEST(ParseItems, EqualsNormalizeOfParseFeedOnEveryRealDocument) {
  const std::filesystem::path dir = std::filesystem::path(OMVARLD_SOURCE_DIR) / "tests/testdata/real";
  int documents = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".xml") continue;
    expect_same_items(testing::read_whole_file(file.path()), DocumentHints::at("https://example.se/flöde/"),
                      file.path().filename().string());
    ++documents;
  }
  EXPECT_GE(documents, 20);
}

TEST(ParseItems, KeepsDocumentOrderForNestedItemsAndIgnoresRepeatedIds) {
  const std::string document = R"(<rss version="2.0"><channel><title>t</title>
    <item><title>outer</title><guid>same</guid>
      <item><title>inner</title><guid>same</guid><link>http://example.se/inner</link></item>
      <description>after the inner item</description></item>
    <item><title>third</title><guid isPermaLink="false">unique</guid></item>
    <item><title>fourth</title></item>
  </channel></rss>)";
  expect_same_items(document, DocumentHints::at("http://example.se/"), "nested");
  const auto items = parse_items(document, DocumentHints::at("http://example.se/"), "source");
  ASSERT_TRUE(items.has_value());
  ASSERT_EQ(items->items.size(), 4u);
  EXPECT_EQ(items->items[0].title, "outer");
  EXPECT_EQ(items->items[1].title, "inner");
  EXPECT_EQ(items->items[1].key, "http://example.se/inner");  // "same" twice: not an id
  EXPECT_EQ(items->items[2].key, "unique");
}

TEST(ParseItems, FailsAsParseFeedDoes) {
  expect_same_items("", DocumentHints::at("http://example.se/"), "empty");
  expect_same_items("<!DOCTYPE html><html><head><title>Logga in</title></head><body>x</body></html>",
                    DocumentHints::at("http://example.se/"), "html page");
  expect_same_items("<rss version=\"2.0\"><channel><item><title>cut", DocumentHints::at("http://example.se/"),
                    "truncated");
}

// Markup pieces that the sanitizer, the scanner and html_to_text treat in
// every way they differ: kept, dropped and void elements, dropped content,
// known and unknown entities, C1 and no-break spaces, comments, CDATA,
// attribute values with quotes, references and brackets.
const std::vector<std::string>& markup_pieces() {
  static const std::vector<std::string> pieces = {
      "<p>", "</p>", "<P>", "<br>", "<br/>", "<br />", "</br>", "<img src=\"a.jpg\" alt=\"ö\"/>",
      "<img src='x' alt=\"it's\">", "<a href=\"/x?a=1&amp;b=2\">", "</a>", "<strong>", "</strong>", "<ul>",
      "<li>", "</li>", "</ul>", "<div class=\"x\">", "</div>", "<span style=\"color:red\">", "</span>",
      "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<math>", "<main>", "</main>",
      "<blink>", "</blink>", "<!-- c -->", "<![CDATA[x]]>", "<?pi?>", "<p/>", "<b/>", "<td>", "<h1>",
      "&amp;", "&lt;", "&nbsp;", "&eacute;", "&bogus;", "&amp", "&#39;", "&#34;", "&#150;", "&#x2013;",
      "&#X41;", "&#129;", "&#0;", "&#99999999;", "&", "<", ">", "a < b", "'", "\"", "text", " ", "\n",
      "\r\n", "å", "ö", "Ã©", "\xC2\xA0", "\xE2\x80\x83", "\x1d", "€", "<p title=\"a&#34;b\">",
      "<a title=\"x>y\">", "<em>", "</em>", "<p >", "</p >", "<applet>", "</applet>", "<input checked>",
      "<p\nclass=\"a\">"};
  return pieces;
}

std::string random_markup(std::mt19937& random, int max_pieces) {
  const auto& pieces = markup_pieces();
  std::string markup;
  const int count = static_cast<int>(random() % static_cast<unsigned>(max_pieces + 1));
  for (int i = 0; i < count; ++i) markup += pieces[random() % pieces.size()];
  return markup;
}

TEST(SanitizingKeepsText, HoldsWheneverItSaysSo) {
  std::mt19937 random(20261128);
  int kept = 0;
  for (int n = 0; n < 40000; ++n) {
    const std::string markup = random_markup(random, 12);
    if (!markup::sanitizing_keeps_text(markup)) continue;
    ++kept;
    for (const char* base : {"", "http://example.se/a/"}) {
      ASSERT_EQ(markup::html_to_text(markup::clean_html(markup, base)), markup::html_to_text(markup)) << markup;
    }
  }
  EXPECT_GT(kept, 2000);  // the shortcut is taken, not only refused
}

TEST(KeptHtmlText, IsHtmlToTextWhereSanitizingKeepsTextAndNothingElsewhere) {
  std::mt19937 random(20261129);
  int kept = 0;
  for (int n = 0; n < 40000; ++n) {
    const std::string markup = random_markup(random, 12);
    const std::optional<std::string> text = markup::kept_html_text(markup);
    ASSERT_EQ(text.has_value(), markup::sanitizing_keeps_text(markup)) << markup;
    if (!text) continue;
    ++kept;
    ASSERT_EQ(*text, markup::html_to_text(markup)) << markup;
  }
  EXPECT_GT(kept, 2000);
}

TEST(SanitizingKeepsText, RefusesWhatTheSanitizerChanges) {
  EXPECT_TRUE(markup::sanitizing_keeps_text("<p>Budget 2025&ndash;2027 &euro;508&nbsp;000</p><ul><li>hemtjänst</li></ul>"));
  EXPECT_TRUE(markup::sanitizing_keeps_text("<img src=\"https://example.se/a.jpg\" alt=\"ö\" />"));
  EXPECT_FALSE(markup::sanitizing_keeps_text("&bogus; entity"));        // written back as "&amp;bogus"
  EXPECT_FALSE(markup::sanitizing_keeps_text("a</br>b"));               // a void end tag is dropped
  EXPECT_FALSE(markup::sanitizing_keeps_text("<script>x</script>"));    // content dropped
  EXPECT_FALSE(markup::sanitizing_keeps_text("<blink>x</blink>"));      // tag dropped
  EXPECT_FALSE(markup::sanitizing_keeps_text("no\xC2\xA0" "break"));       // the encoding repairs look at 0xC2
  EXPECT_FALSE(markup::sanitizing_keeps_text("x\xE2\x80\x83"));         // a Unicode space the sanitizer strips
  EXPECT_FALSE(markup::sanitizing_keeps_text("<!-- c -->x"));
  EXPECT_FALSE(markup::sanitizing_keeps_text("<p title=\"a&#34;b\">x"));  // &#34; becomes a quote first
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

TEST(ParseItems, EqualsNormalizeOfParseFeedOnGeneratedDocuments) {
  std::mt19937 random(7);
  const char* atom_types[] = {"", " type=\"html\"", " type=\"text\"", " type=\"xhtml\"", " type=\"text/html\""};
  for (int n = 0; n < 400; ++n) {
    std::string document;
    if (random() % 2 == 0) {
      document = "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title>";
      for (int i = 0; i < 3; ++i) {
        document += "<item>";
        if (random() % 3 != 0) document += "<title>" + escaped(random_markup(random, 3)) + "</title>";
        if (random() % 2 == 0) document += "<guid>same</guid>";
        if (random() % 3 != 0) {
          const std::string markup = random_markup(random, 6);
          const bool cdata = random() % 2 == 0 && markup.find("]]>") == std::string::npos;
          document += "<description>" + (cdata ? "<![CDATA[" + markup + "]]>" : escaped(markup)) + "</description>";
        }
        if (random() % 3 == 0) document += "<content:encoded>" + escaped(random_markup(random, 6)) + "</content:encoded>";
        if (random() % 4 == 0) document += "<content>" + escaped(random_markup(random, 4)) + "</content>";
        if (random() % 4 == 0) document += "<description>" + escaped(random_markup(random, 4)) + "</description>";
        document += "</item>";
      }
      document += "</channel></rss>";
    } else {
      document = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>";
      for (int i = 0; i < 3; ++i) {
        document += "<entry>";
        if (random() % 3 != 0) document += std::string("<title") + atom_types[random() % 5] + ">" + escaped(random_markup(random, 3)) + "</title>";
        if (random() % 3 != 0) document += std::string("<summary") + atom_types[random() % 5] + ">" + escaped(random_markup(random, 6)) + "</summary>";
        if (random() % 3 != 0) document += std::string("<content") + atom_types[random() % 5] + ">" + escaped(random_markup(random, 6)) + "</content>";
        document += "</entry>";
      }
      document += "</feed>";
    }
    expect_same_items(document, DocumentHints::at("http://example.se/f/"), document);
    if (HasFatalFailure() || HasNonfatalFailure()) return;
  }
}

}  // namespace
}  // namespace omvarld::feeds
