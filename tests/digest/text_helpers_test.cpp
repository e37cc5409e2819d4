// Tests for the digest's text helpers: excerpts, wrapping, HTML escaping,
// link checks and highlighting of matched terms.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "digest/excerpt.h"
#include "digest/highlight.h"
#include "digest/html_escape.h"
#include "digest/utf8.h"

namespace omvarld::digest {
namespace {

TEST(MakeExcerpt, KeepsShortTextWholeOnOneLine) {
  EXPECT_EQ(make_excerpt("  Förskola\n\toch   skola  "), "Förskola och skola");
}

TEST(MakeExcerpt, CutsAtTheLastSpaceBeforeTheLimit) {
  EXPECT_EQ(make_excerpt("åäö åäö åäö åäö", 10), "åäö åäö…");
  EXPECT_EQ(make_excerpt("one, two, three", 12), "one, two…");
}

TEST(MakeExcerpt, CutsOneLongWordBetweenCharacters) {
  EXPECT_EQ(make_excerpt("ööööööööööööööö", 6), "ööööö…");
}

TEST(MakeExcerpt, NeverPassesTheLimit) {
  const std::string long_text(1000, 'a');
  const std::string excerpt = make_excerpt(long_text + " " + long_text);
  EXPECT_EQ(count_code_points(excerpt), kExcerptLength);
}

TEST(WrapWords, BreaksAtSpacesCountingCharacters) {
  EXPECT_EQ(wrap_words("åå ää öö ee", 5), (std::vector<std::string>{"åå ää", "öö ee"}));
  EXPECT_EQ(wrap_words("a verylongword b", 4),
            (std::vector<std::string>{"a", "verylongword", "b"}));
}

TEST(HtmlEscape, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(html_escape("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape(std::string("a\0b\x1b"
                                    "c",
                                    5)),
            "a b c");
}

TEST(IsWebLink, AcceptsOnlyHttpAndHttps) {
  struct Case {
    const char* link;
    bool web;
  };
  const std::vector<Case> cases = {
      {"https://ec.europa.eu/x", true},
      {"HTTP://skr.se/", true},
      {"javascript:alert(1)", false},
      {"data:text/html,x", false},
      {"file:///etc/passwd", false},
      {"/relative/path", false},
      {"https://", false},
      {"https://a.se/x y", false},
      {"https://a.se/\r\nx", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.link);
    EXPECT_EQ(is_web_link(c.link), c.web);
  }
}

TEST(HighlightTerms, MarksWholeWordsInAnyCase) {
  const std::vector<std::string> terms = {"förskola", "Erasmus+", "skol*", "\"social ekonomi\""};
  EXPECT_EQ(highlight_terms("FÖRSKOLA, förskolan och Erasmus+ i skolan", terms),
            "<strong>FÖRSKOLA</strong>, förskolan och <strong>Erasmus+</strong> i skolan");
}

TEST(HighlightTerms, EscapesAroundAndInsideTheMarks) {
  const std::vector<std::string> terms = {"skola", "b"};
  EXPECT_EQ(highlight_terms("<b>skola</b> & 'skola'", terms),
            "&lt;<strong>b</strong>&gt;<strong>skola</strong>&lt;/<strong>b</strong>&gt; &amp; "
            "&#39;<strong>skola</strong>&#39;");
  EXPECT_EQ(highlight_terms("<script>", std::vector<std::string>{"<script>"}), "&lt;script&gt;");
}

}  // namespace
}  // namespace omvarld::digest
