#include <gtest/gtest.h>

#include "markup/html_text.h"

namespace omvarld::markup {
namespace {

struct HtmlCase {
  const char* name;
  const char* html;
  const char* text;
};

TEST(HtmlToText, ReducesHtmlToItsWords) {
  const HtmlCase cases[] = {
      {"inline tags vanish", "Skolor kan <b>söka</b> <i>bidrag</i>", "Skolor kan söka bidrag"},
      {"inline tags join", "för<em>skola</em>", "förskola"},
      {"block tags separate", "<p>Ett</p><p>Två</p>", "Ett Två"},
      {"br separates", "rad ett<br/>rad två", "rad ett rad två"},
      {"list items separate", "<ul><li>a</li><li>b</li></ul>", "a b"},
      {"script dropped with content", "före<script>var x = '<p>';</script>efter", "föreefter"},
      {"style dropped with content", "<style>p { color: red }</style>Text", "Text"},
      {"upper-case script", "a<SCRIPT type=\"x\">b</SCRIPT>c", "ac"},
      {"comment dropped", "a<!-- <p>dold</p> -->b", "ab"},
      {"named entities", "&auml;&ouml;&aring; &amp; &lt;3 &quot;x&quot;", "äöå & <3 \"x\""},
      {"nbsp is whitespace", "a&nbsp;&nbsp;b", "a b"},
      {"decimal reference", "&#229;", "å"},
      {"hex reference", "&#xE5;&#XC5;", "åÅ"},
      {"cp1252 reference", "&#150; &#147;x&#148;", "– “x”"},
      {"unknown entity kept", "&bogus; & x", "&bogus; & x"},
      {"lone angle bracket", "a < b > c", "a < b > c"},
      {"quoted > in attribute", "<a title=\"a>b\" href=\"x\">länk</a>", "länk"},
      {"whitespace collapsed", "  a \n\t b  ", "a b"},
      {"doctype and pi dropped", "<!DOCTYPE html><?xml x?>Hej", "Hej"},
      {"cdata kept as text", "<![CDATA[a < b]]>", "a < b"},
      {"unterminated tag", "text <b", "text"},
      {"empty", "", ""},
      // Whitespace is folded as the text is read, piece by piece; the
      // pieces must fold as the joined text would.
      {"single and double spaces", "a b  c\n d e", "a b c d e"},
      {"no-break space from a reference", "a&nbsp;b &nbsp; c", "a b c"},
      {"no-break space split by a tag", "a\xC2<b>\xA0" "b", "a b"},
      {"lead byte split from a letter by a tag", "a\xC2<b>x", "a\xC2x"},
      {"lead byte at the end", "a \xC2", "a \xC2"},
      {"space before a no-break space", "a \xC2\xA0" "b", "a b"},
      {"block tags between spaces", " a <p> b </p> c ", "a b c"},
  };
  for (const HtmlCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(html_to_text(c.html), c.text);
  }
}

}  // namespace
}  // namespace omvarld::markup
