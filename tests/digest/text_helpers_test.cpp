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

TEST(HighlightTerms, MarksEachKindOfTermInTheExcerpt) {
  struct Case {
    const char* name;
    std::string term;
    std::string text;
    std::string html;
  };
  const std::vector<Case> cases = {
      {"word in any case", "förskola", "FÖRSKOLA och Förskola",
       "<strong>FÖRSKOLA</strong> och <strong>Förskola</strong>"},
      {"word with '+'", "Erasmus+", "Erasmus+ och Erasmus", "<strong>Erasmus+</strong> och Erasmus"},
      {"inflections and the compounds that begin with the word", "förskola",
       "förskolan, förskolorna, förskolornas, förskoleklass, högskola",
       "<strong>förskolan</strong>, <strong>förskolorna</strong>, <strong>förskolornas</strong>, "
       "<strong>förskoleklass</strong>, högskola"},
      {"a phrase's words: at most 5 letters on the stem", "\"social ekonomi\"",
       "social ekonomi, sociala ekonomiavdelningen",
       "<strong>social ekonomi</strong>, sociala ekonomiavdelningen"},
      {"English inflection", "municipality", "Municipalities and municipal",
       "<strong>Municipalities</strong> and municipal"},
      {"short terms are not inflected", "EU", "EU, eller EU:s ett",
       "<strong>EU</strong>, eller <strong>EU</strong>:s ett"},
      {"numbers are not inflected", "2027", "2027 och 2026", "<strong>2027</strong> och 2026"},
      {"exact", "=förskola", "förskola, förskolan", "<strong>förskola</strong>, förskolan"},
      {"exact part of a compound", "=EU", "EU-kommissionen och EUR",
       "<strong>EU</strong>-kommissionen och EUR"},
      {"prefix", "skol*", "skolan, Skolverket, förskola",
       "<strong>skolan</strong>, <strong>Skolverket</strong>, förskola"},
      {"suffix", "*skola", "förskola, grundskola, skolan",
       "<strong>förskola</strong>, <strong>grundskola</strong>, skolan"},
      // The display heuristic does not know that "grundskolan" is a form of
      // "grundskola"; filters/ does.
      {"suffix misses an inflected compound", "*skola", "grundskolan", "grundskolan"},
      {"infix marks the whole compound", "*klimat*", "klimatanpassning och EU-klimatlagen, klimat",
       "<strong>klimatanpassning</strong> och <strong>EU-klimatlagen</strong>, "
       "<strong>klimat</strong>"},
      {"phrase as one run across punctuation", "\"social ekonomi\"",
       "Social, ekonomi och social ekonomi",
       "<strong>Social, ekonomi</strong> och <strong>social ekonomi</strong>"},
      {"phrase words inflected", "\"social ekonomi\"", "sociala ekonomin",
       "<strong>sociala ekonomin</strong>"},
      {"phrase words apart are not marked", "\"social ekonomi\"", "social och ekonomi",
       "social och ekonomi"},
      {"exact phrase", "=\"social ekonomi\"", "sociala ekonomin, social ekonomi",
       "sociala ekonomin, <strong>social ekonomi</strong>"},
      {"title: terms stay out of the excerpt", "title:skola", "skola", "skola"},
      {"terms the filter language rejects", "\"skola", "skola \"skola", "skola &quot;skola"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(highlight_terms(c.text, std::vector<std::string>{c.term}), c.html);
  }
}

TEST(HighlightTerms, MarksTitleTermsAndOthersInTheTitle) {
  const std::vector<std::string> terms = {"title:skola", "=EU", "\"social ekonomi\""};
  EXPECT_EQ(highlight_terms("EU om skolan och social ekonomi", terms, ShownText::kTitle),
            "<strong>EU</strong> om <strong>skolan</strong> och <strong>social ekonomi</strong>");
  EXPECT_EQ(highlight_terms("EU om skolan och social ekonomi", terms, ShownText::kExcerpt),
            "<strong>EU</strong> om skolan och <strong>social ekonomi</strong>");
}

TEST(HighlightTerms, MergesOverlappingMatches) {
  const std::vector<std::string> terms = {"förskola", "*skol*", "\"förskolan ger\"", "ger"};
  EXPECT_EQ(highlight_terms("Förskolan ger trygghet", terms),
            "<strong>Förskolan ger</strong> trygghet");
}

TEST(HighlightTerms, MarksNothingOutsideTheTerms) {
  const std::vector<std::string> terms = {"förskola", "=EU", "skol*", "\"social ekonomi\""};
  const std::string text = "Europa, euron och eleverna i grundskolan: social och ekonomisk";
  EXPECT_EQ(highlight_terms(text, terms), text);
  EXPECT_EQ(highlight_terms(text, std::vector<std::string>{}), text);
}

TEST(HighlightTerms, EscapesAroundAndInsideTheMarks) {
  const std::vector<std::string> terms = {"skola", "b"};
  EXPECT_EQ(highlight_terms("<b>skola</b> & 'skola'", terms),
            "&lt;<strong>b</strong>&gt;<strong>skola</strong>&lt;/<strong>b</strong>&gt; &amp; "
            "&#39;<strong>skola</strong>&#39;");
  EXPECT_EQ(highlight_terms("<script>förskolan</script>", std::vector<std::string>{"förskola"}),
            "&lt;script&gt;<strong>förskolan</strong>&lt;/script&gt;");
  EXPECT_EQ(highlight_terms("<script>", std::vector<std::string>{"<script>"}), "&lt;script&gt;");
  EXPECT_EQ(highlight_terms("\"R&D\" <i>&", std::vector<std::string>{"\"r d\""}),
            "&quot;<strong>R&amp;D</strong>&quot; &lt;i&gt;&amp;");
}

}  // namespace
}  // namespace omvarld::digest
