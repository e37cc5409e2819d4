// Newsletters whose markup leaves things out (sources/newsletter.h): links
// that lead nowhere on the web (mailto:, tel:, "#", javascript:, relative,
// empty or missing href), headings without text, empty bodies, and bodies
// that nest deeper than libxml2 reads or MIME parts nested past the limit.
// Each case is the whole result: the titles, links and summaries of the
// items, or the failure with its message.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sources/newsletter.h"
#include "tests/support/cpu_time.h"

namespace omvarld::sources {
namespace {

config::SourceConfig imap_source(const std::string& split) {
  config::SourceConfig source;
  source.id = "nyhetsbrev";
  source.kind = config::SourceKind::kImap;
  source.imap.split = split;
  return source;
}

std::string message_with(const std::string& type, const std::string& body) {
  return "From: info@example.se\r\nSubject: Veckobrev\r\nMessage-ID: <v48@example.se>\r\n"
         "Date: Fri, 27 Nov 2026 08:30:00 +0100\r\nMIME-Version: 1.0\r\n"
         "Content-Type: " + type + "; charset=utf-8\r\n\r\n" + body + "\r\n";
}

std::string html_message(const std::string& html) { return message_with("text/html", html); }

// An item as "title | link | summary".
std::vector<std::string> shown(const std::vector<core::Item>& items) {
  std::vector<std::string> lines;
  for (const core::Item& item : items) lines.push_back(item.title + " | " + item.link + " | " + item.summary);
  return lines;
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

struct MarkupCase {
  const char* name;
  const char* split;
  std::string message;
  std::vector<std::string> items;
};

TEST(NewsletterMarkup, LinksThatLeadNowhereOnTheWebAreNoStoryLinks) {
  const MarkupCase cases[] = {
      {"heading linked to mailto", "headings",
       html_message("<h2><a href=\"mailto:info@example.se\">Kontakta oss</a></h2><p>Vi svarar inom en dag.</p>"),
       {"Kontakta oss |  | Vi svarar inom en dag."}},
      {"heading linked to tel", "headings",
       html_message("<h2><a href=\"tel:+4613200000\">Ring kontoret</a></h2><p>Vardagar 9-16.</p>"),
       {"Ring kontoret |  | Vardagar 9-16."}},
      {"heading linked to #", "headings",
       html_message("<h2><a href=\"#\">Till toppen</a></h2><p>Mer text här.</p>"),
       {"Till toppen |  | Mer text här."}},
      {"heading linked to javascript", "headings",
       html_message("<h2><a href=\"javascript:alert(1)\">Öppna</a></h2><p>Text.</p>"),
       {"Öppna |  | Text."}},
      {"heading linked to a relative path", "headings",
       html_message("<h2><a href=\"/nyheter/1\">Relativ</a></h2><p>En mail har ingen bas.</p>"),
       {"Relativ |  | En mail har ingen bas."}},
      {"heading with an empty href", "headings",
       html_message("<h2><a href=\"\">Tom länk</a></h2><p>Text.</p>"), {"Tom länk |  | Text."}},
      {"heading with an anchor without href", "headings",
       html_message("<h2><a name=\"topp\">Ankare</a></h2><p>Text.</p>"), {"Ankare |  | Text."}},
      {"mailto heading takes the web link under it", "headings",
       html_message("<h2><a href=\"mailto:info@example.se\">Samråd om vatten</a></h2>"
                    "<p>Kommissionen frågar.</p><p><a href=\"https://example.se/samrad\">Läs mer</a></p>"),
       {"Samråd om vatten | https://example.se/samrad | Kommissionen frågar."}},
      {"bold line linked to mailto is no title", "headings",
       html_message("<h2><a href=\"https://example.se/a\">Nyhet</a></h2><p>Text.</p>"
                    "<p><b><a href=\"mailto:info@example.se\">Skriv till oss</a></b></p>"),
       {"Nyhet | https://example.se/a | Text."}},
      {"paragraph linked to tel is no story in links mode", "links",
       html_message("<p><a href=\"tel:+4613200000\">Ring oss</a></p><p><a href=\"https://example.se/b\">"
                    "Utlysning öppnar</a></p><p>Om utlysningen.</p>"),
       {"Utlysning öppnar | https://example.se/b | Om utlysningen."}},
      {"upper-case scheme is a web link", "headings",
       html_message("<h2><a href=\" HTTPS://Example.se/c \">Versaler</a></h2><p>Text.</p>"),
       {"Versaler | HTTPS://Example.se/c | Text."}},
  };
  for (const MarkupCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto items = items_from_message(imap_source(c.split), c.message);
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(shown(*items), c.items);
  }
}

TEST(NewsletterMarkup, EmptyHeadingsAndBodiesGiveNoStories) {
  const MarkupCase cases[] = {
      {"headings without text", "headings",
       html_message("<h2></h2><h2><img src=\"https://example.se/logo.png\"></h2><h3> &nbsp; </h3>"
                    "<h2><a href=\"https://example.se/1\">Ett</a></h2><p>Första.</p>"),
       {"Ett | https://example.se/1 | Första."}},
      {"heading whose link has no text", "headings",
       html_message("<h2><a href=\"https://example.se/bild\"><img src=\"x.png\"></a></h2><p>Bara bild.</p>"),
       {}},
      {"an empty html document", "headings", html_message("<html><body></body></html>"), {}},
      {"a body of white space", "headings", html_message(" \r\n "), {}},
      {"a lone # line in plain text", "headings",
       message_with("text/plain", "#\r\n\r\nText utan rubrik.\r\n\r\n## Rubrik\r\n\r\nText under rubriken.\r\n"),
       {"Rubrik |  | Text under rubriken."}},
      {"plain text of hash marks and rules only", "headings",
       message_with("text/plain", "####\r\n\r\n====\r\n\r\n----\r\n"), {}},
  };
  for (const MarkupCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto items = items_from_message(imap_source(c.split), c.message);
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(shown(*items), c.items);
  }
}

// newsletter_fuzzer: punctuation was trimmed from a URL's end byte by
// byte, and the last byte of "»" is also the last of "û": a link ending in
// "û" lost half its last letter (tests/testdata/fuzz/newsletter/).
TEST(NewsletterMarkup, APlainTextLinkKeepsItsLastLetterAndLosesTheQuoteAfterIt) {
  const MarkupCase cases[] = {
      {"a link ending in û", "headings",
       message_with("text/plain", "## Fondû\r\n\r\nOm fonden.\r\nhttps://example.se/fond\xC3\xBB\r\n"),
       {"Fondû | https://example.se/fond\xC3\xBB | Om fonden."}},
      {"a link before » and a full stop", "headings",
       message_with("text/plain", "## Fond\r\n\r\nOm fonden.\r\nhttps://example.se/fond».\r\n"),
       {"Fond | https://example.se/fond | Om fonden."}},
  };
  for (const MarkupCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto items = items_from_message(imap_source(c.split), c.message);
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(shown(*items), c.items);
  }
}

// libxml2 stops at 256 open elements and keeps what it has: the stories
// after that point would be lost without a word.
TEST(NewsletterMarkup, AnHtmlBodyTooDeepToReadFallsBackToThePlainText) {
  const std::string html = repeated("<div>", 10000) + "<h2><a href=\"https://example.se/1\">Ett</a></h2><p>A.</p>";
  const std::string message =
      "From: info@example.se\r\nSubject: Veckobrev\r\nMessage-ID: <v48@example.se>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n## Ett\r\n\r\nA.\r\nLäs mer: https://example.se/1\r\n"
      "\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--b--\r\n";
  auto items = items_from_message(imap_source("headings"), message);
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(shown(*items), std::vector<std::string>{"Ett | https://example.se/1 | A."});
}

TEST(NewsletterMarkup, AnHtmlBodyTooDeepToReadWithoutPlainTextIsAFailure) {
  const std::string html = "<p>Hej</p>\n" + repeated("<div>", 10000) + "<h2><a href=\"https://example.se/1\">Ett</a></h2>";
  auto items = items_from_message(imap_source("headings"), html_message(html));
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kNewsletter);
  EXPECT_EQ(items.error().message,
            "message <v48@example.se>: the HTML body cannot be read: elements nest more than 256 deep "
            "at line 2 (unclosed tags?); libxml2 reads no further");
}

TEST(NewsletterMarkup, DeepInlineMarkupBelowTheLimitIsReadWhole) {
  const std::string html = "<h2><a href=\"https://example.se/1\">Ett</a></h2><p>" + repeated("<span>", 200) +
                           "Djupt" + repeated("</span>", 200) + "</p>";
  auto items = items_from_message(imap_source("headings"), html_message(html));
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(shown(*items), std::vector<std::string>{"Ett | https://example.se/1 | Djupt"});
}

// A multipart/mixed around the next one, `depth` times, around a text/html.
std::string nested_multiparts(int depth) {
  std::string head = "From: info@example.se\r\nSubject: Veckobrev\r\nMessage-ID: <v48@example.se>\r\n"
                     "MIME-Version: 1.0\r\n";
  std::string tail;
  for (int level = 0; level < depth; ++level) {
    const std::string boundary = "b" + std::to_string(level);
    head += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n";
    tail = "\r\n--" + boundary + "--\r\n" + tail;
  }
  return head + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                "<h2><a href=\"https://example.se/1\">Ett</a></h2><p>A.</p>\r\n" + tail;
}

struct MimeCase {
  const char* name;
  int depth;
  std::string outcome;  // the items shown, or the failure's message
};

TEST(NewsletterMarkup, BodiesAreLookedForInAtMost32LevelsOfMultiparts) {
  const MimeCase cases[] = {
      {"three levels, as mailing tools nest", 3, "Ett | https://example.se/1 | A."},
      {"thirty-one levels", 31, "Ett | https://example.se/1 | A."},
      {"thirty-two levels", 32,
       "message <v48@example.se> has no text/html or text/plain body within 32 levels of nested multiparts"},
      {"more levels than GMime parses", 1100,
       "message <v48@example.se> has no text/html or text/plain body within 32 levels of nested multiparts"},
  };
  for (const MimeCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto items = items_from_message(imap_source("headings"), nested_multiparts(c.depth));
    const std::string outcome =
        items ? (items->empty() ? std::string("no items") : shown(*items).front()) : items.error().message;
    EXPECT_EQ(outcome, c.outcome);
  }
}

using omvarld::testing::cpu_seconds;

// Each <h1> asked every story whether one was a deeper heading: 80,000
// sections (a 1.4 MB message) took 12.8 s, quadratic.
TEST(NewsletterMarkup, ReadsAHundredThousandSectionsInLinearTime) {
  const std::string html = repeated("<h1>Rubrik</h1><p>Text.</p>", 100000);
  Result<std::vector<core::Item>, SourceFailure> items = std::vector<core::Item>();
  EXPECT_LT(cpu_seconds([&] { items = items_from_message(imap_source("headings"), html_message(html)); }), 15.0);
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_EQ(shown(*items), std::vector<std::string>{"Rubrik |  | Text."});
}

}  // namespace
}  // namespace omvarld::sources
