#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "markup/css_sanitize.h"
#include "markup/html_sanitize.h"

namespace omvarld::markup {
namespace {

struct Case {
  const char* name;
  const char* html;
  const char* clean;
};

void expect_cases(std::initializer_list<Case> cases, std::string_view base = "",
                  std::string_view type = "text/html") {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(clean_html(c.html, base, type), c.clean);
  }
}

TEST(CleanHtml, DropsScriptStyleAndAppletWithTheirContent) {
  expect_cases({
      {"script", "a<script>alert(1)</script>b", "ab"},
      {"upper-case script", "a<SCRIPT type=\"text/javascript\">alert(1)</SCRIPT>b", "ab"},
      {"style element", "<style>p { color: red }</style>Text", "Text"},
      {"applet", "safe <applet code=\"x\">fallback</applet>description", "safe description"},
      {"tags inside script are still tags", "<script>document.write('<b>x</b>')</script>ok", "<b></b>ok"},
      {"nested cdata", "<![CDATA[<script></script>]]&gt;", "&lt;![CDATA[]]&gt;"},
  });
}

TEST(CleanHtml, DropsUnknownElementsButKeepsTheirText) {
  expect_cases({
      {"blink", "<blink>safe</blink> description", "safe description"},
      {"iframe", "safe<iframe src=\"http://x/\"></iframe> description", "safe description"},
      {"object and embed", "<object data=\"x\"><embed src=\"x\">safe</object>", "safe"},
      {"meta", "<meta http-equiv=\"refresh\" content=\"0\">safe", "safe"},
  });
}

TEST(CleanHtml, RemovesEventHandlersAndUnknownAttributes) {
  expect_cases({
      {"onclick", "<a href=\"http://x/\" onclick=\"evil()\">x</a>", "<a href=\"http://x/\">x</a>"},
      {"onerror", "<img src=\"http://x/i.png\" onerror=\"evil()\">", "<img src=\"http://x/i.png\" />"},
      {"made-up attribute", "<p notreal=\"1\" class=\"c\">x</p>", "<p class=\"c\">x</p>"},
      {"unquoted handler glued to a value", "<b title=\"a\"onmouseover=\"evil()\">x</b>",
       "<b title=\"a\">x</b>"},
  });
}

TEST(CleanHtml, EmptiesUrisWithScriptSchemesHoweverTheyAreWritten) {
  expect_cases({
      {"javascript", "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
      {"mixed case and spaces", "<a href=\"  JaVaScRiPt:alert(1)\">x</a>", "<a href=\"\">x</a>"},
      {"tab reference", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
      {"decimal references", "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
      {"vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>", "<a href=\"\">x</a>"},
      {"data", "<a href=\"data:text/html,<script>\">x</a>", "<a href=\"\">x</a>"},
      {"img src", "<img src=\"javascript:alert(1)\">", "<img src=\"\" />"},
      {"allowed schemes stay", "<a href=\"mailto:a@b.se\">m</a><a href=\"https://x/\">h</a>",
       "<a href=\"mailto:a@b.se\">m</a><a href=\"https://x/\">h</a>"},
  });
}

TEST(CleanHtml, FiltersInlineCss) {
  expect_cases({
      {"allowed property", "<span style=\"color: red;\">x</span>", "<span style=\"color: red;\">x</span>"},
      {"disallowed property dropped", "<span style=\"color: red; position: absolute\">x</span>",
       "<span style=\"color: red;\">x</span>"},
      {"nothing left drops the attribute", "<span style=\"position: absolute\">x</span>", "<span>x</span>"},
      {"url() removed", "<p style=\"background: url(http://evil/x.png)\">x</p>", "<p>x</p>"},
      {"expression() fails the gauntlet", "<div style=\"width: expression(alert(1))\">x</div>",
       "<div>x</div>"},
      {"margin with a plain size", "<span style=\"margin: 0 15px 0 0\">x</span>",
       "<span style=\"margin: 0 15px 0 0;\">x</span>"},
      {"margin with a huge size", "<span style=\"margin: 99999em\">x</span>", "<span>x</span>"},
  });
}

TEST(SanitizeStyle, KeepsOnlyAllowedDeclarations) {
  struct StyleCase {
    const char* name;
    const char* style;
    bool in_svg;
    const char* clean;
  };
  const StyleCase cases[] = {
      {"property case kept", "TEXT-INDENT: 0.5in", false, "TEXT-INDENT: 0.5in;"},
      {"trailing space of a value kept", "border: medium none ;", false, "border: medium none ;"},
      {"quoted font", "font-family: 'Lucida Console'", false, "font-family: 'Lucida Console';"},
      {"rgb colour", "color: rgb(0, 128, 0)", false, "color: rgb(0, 128, 0);"},
      {"svg fill outside svg", "fill: red", false, ""},
      {"svg fill inside svg", "fill: red", true, "fill: red;"},
      {"stray colon", "a:b:c", false, ""},
      {"comment syntax", "color: red /* x */", false, ""},
  };
  for (const StyleCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(sanitize_style(c.style, c.in_svg), c.clean);
  }
}

TEST(CleanHtml, ResolvesRelativeUrisAgainstTheBase) {
  expect_cases(
      {
          {"link", "<a href=\"../a.html\">x</a>", "<a href=\"http://example.com/a.html\">x</a>"},
          {"image", "<img src=\"i.png\">", "<img src=\"http://example.com/dir/i.png\" />"},
          {"absolute stays", "<a href=\"http://other.test/\">x</a>", "<a href=\"http://other.test/\">x</a>"},
          {"space around the uri", "<a href=\" /relative/uri \">x</a>",
           "<a href=\"http://example.com/relative/uri\">x</a>"},
          {"attribute that carries no uri", "<p title=\"a.html\">x</p>", "<p title=\"a.html\">x</p>"},
      },
      "http://example.com/dir/");
}

TEST(CleanHtml, SerializesAsFeedparserDoes) {
  expect_cases({
      {"void elements self-close", "a<br>b<hr/>c<img src=\"i.png\"></img>", "a<br />b<hr />c<img src=\"i.png\" />"},
      {"empty element", "<p/>", "<p></p>"},
      {"unclosed tags stay open", "<b>bold <i>both", "<b>bold <i>both"},
      {"attributes sorted, repeats collapsed", "<p title=\"b\" class=\"a\" title=\"c\">x</p>",
       "<p class=\"a\" title=\"c\">x</p>"},
      {"unquoted and bare attributes", "<input type=CHECKBOX checked>", "<input checked=\"checked\" type=\"checkbox\" />"},
      {"quotes and brackets in values", "<p title='a \"b\" <c>'>x</p>", "<p title=\"a &quot;b&quot; &lt;c&gt;\">x</p>"},
      {"bare ampersand in a value", "<a href=\"http://x/?a=1&b=2\">x</a>", "<a href=\"http://x/?a=1&amp;b=2\">x</a>"},
      {"known entity kept", "caf&eacute; &amp; &lt;", "caf&eacute; &amp; &lt;"},
      {"unknown entity escaped", "&bogus; x", "&amp;bogus x"},
      {"cp1252 reference", "&#150;&#X41;", "&#x2013;&#x41;"},
      {"lone angle bracket is text", "a < b", "a < b"},
      {"angle bracket that would open a tag", "a <</x>b", "a &lt;b"},
      {"unfinished tag at the end is text", "a <img src=x onerror=y", "a &lt;img src=x onerror=y"},
      {"unfinished doctype at the end", " <!DOCTYPE ", "<!DOCTYPE"},
      {"surrounding whitespace and CRLF", "  a\r\nb  ", "a\nb"},
      {"plain text unchanged", "Skolverket: nya bidrag", "Skolverket: nya bidrag"},
  });
}

TEST(CleanHtml, KeepsCommentsThatCannotEndEarly) {
  expect_cases({
      {"comment kept", "a<!-- <script> -->b", "a<!-- <script> -->b"},
      {"unterminated comment dropped", "safe<!--", "safe"},
      {"malicious comment", "sa<!-- -- nonwhitespace >fe<script>alert(1);</script>", "safe"},
      {"comment HTML5 ends at once", "a<!--><img src=x onerror=alert(1)>-->b", "ab"},
      {"comment HTML5 ends at --!>", "a<!-- --!><b>x</b> -->b", "ab"},
      {"doctype and processing instruction dropped", "<!DOCTYPE html><?php echo 1 ?>x", "x"},
      {"malformed declaration is text", "<!DOCTYPE ~", "&lt;!DOCTYPE ~"},
  });
}

TEST(CleanHtml, AllowsSvgAndMathmlWithTheirOwnVocabularies) {
  expect_cases({
      {"inline svg gets its namespace",
       "<svg width=\"30\"><circle r=\"5\" onclick=\"x()\"></circle></svg>",
       "<svg width=\"30\" xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"5\"></circle></svg>"},
      {"camel case restored",
       "<svg xmlns=\"http://www.w3.org/2000/svg\" viewbox=\"0 0 1 1\"><lineargradient></lineargradient></svg>",
       "<svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"><linearGradient></linearGradient></svg>"},
      {"xlink namespace declared",
       "<math><mrow xlink:href=\"http://x/\"><mi>a</mi></mrow></math>",
       "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow xlink:href=\"http://x/\" "
       "xmlns:xlink=\"http://www.w3.org/1999/xlink\"><mi>a</mi></mrow></math>"},
      {"script inside svg", "<svg><script>alert(1)</script></svg>",
       "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"},
  });
}

TEST(CleanHtml, XhtmlSelfClosingTagsCloseTheirElement) {
  expect_cases({{"span", "<span class=\"a\"/>x", "<span class=\"a\"></span>x"}}, "", "application/xhtml+xml");
  expect_cases({{"span", "<span class=\"a\"/>x", "<span class=\"a\">x"}}, "", "text/html");
}

// The sanitized HTML is stored and shown in digests: whatever the feed
// sent, nothing in it may run.
TEST(CleanHtml, NothingExecutableSurvives) {
  const char* hostile[] = {
      "<script>alert('x')</script>",
      "<SCRIPT SRC=http://evil/x.js></SCRIPT>",
      "<img src=\"javascript:alert('x')\">",
      "<img src=x onerror=\"alert('x')\">",
      "<a href=\"jav&#x0A;ascript:alert('x')\">x</a>",
      "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116:alert('x')\">x</a>",
      "<body onload=alert('x')>",
      "<iframe src=\"javascript:alert('x')\"></iframe>",
      "<div style=\"background-image: url(javascript:alert('x'))\">x</div>",
      "<div style=\"width: expression(alert('x'))\">x</div>",
      "<<script>alert('x');//<</script>",
      "<scr<script>ipt>alert('x')</script>",
      "<!--><script>alert('x')</script>-->",
      "<img src=x onerror=alert('x')",
      "<a/href=\"javascript:alert('x')\">x</a>",
      "<svg><script>alert('x')</script></svg>",
      "<svg onload=alert('x')>",
      "<math><a xlink:href=\"javascript:alert('x')\">x</a></math>",
      "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+\"></object>",
      "<![CDATA[<script>alert('x')</script>]]>",
      "<?xml <script>alert('x')</script> ?>",
      "<</x>script>alert('x')</script>",            // a dropped end tag joins '<' and a name
      "<<?pi><img src=x onerror=alert('x')>",       // so does a dropped processing instruction
  };
  for (const char* html : hostile) {
    SCOPED_TRACE(html);
    const std::string clean = clean_html(html, "http://example.com/");
    // What a browser reads as markup: each tag and comment. Everything
    // else is text, where these words are only words.
    std::size_t open = 0;
    while ((open = clean.find('<', open)) != std::string::npos) {
      const std::size_t close = clean.find('>', open);
      std::string tag = clean.substr(open, close == std::string::npos ? std::string::npos : close - open + 1);
      for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const char* forbidden : {"<script", "javascript:", "onerror", "onload", "<iframe", "<object",
                                    "expression(", "data:"}) {
        EXPECT_EQ(tag.find(forbidden), std::string::npos) << "found " << forbidden << " in " << clean;
      }
      open += 1;
    }
  }
}

}  // namespace
}  // namespace omvarld::markup
